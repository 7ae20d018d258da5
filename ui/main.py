"""The `atrium` command: with a sub-command it is the command-line client; without one it opens the app.

This module sits at the top of the layers so it may reach both front-ends; the CLI path never imports Qt,
so it works on a machine without a display.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from sync.cli import COMMANDS
    from sync.cli import main as cli_main

    if any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in args):
        return cli_main(args)
    print("atrium: the desktop window is not built yet; see `atrium --help` for the command line", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
