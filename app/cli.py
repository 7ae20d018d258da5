"""The `atrium` command: the desktop app, and (with a sub-command) its command-line front-end."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print(
        "atrium: the desktop client is not built yet; run `atrium-server --demo` for the server.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
