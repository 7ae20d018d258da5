"""The Growth section: level, badges, the growth map and the growth report (issue 6)."""
