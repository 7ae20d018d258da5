"""Tests of the `atrium` command line against a live demo server on loopback and real SQLite profiles."""
