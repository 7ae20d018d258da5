"""Atrium desktop client: Qt widgets only, over the local store (see app/)."""
