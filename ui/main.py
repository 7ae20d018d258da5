"""The `atrium` command: with a sub-command it is the command-line client; without one it opens the app.

This module sits at the top of the layers so it may reach both front-ends; the CLI path never imports Qt,
so it works on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from sync.cli import COMMANDS
    from sync.cli import main as cli_main

    if "demo" in args[:1]:
        from .demo import main as demo_main

        return demo_main(args[1:])
    if any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in args):
        return cli_main(args)
    parser = argparse.ArgumentParser(prog="atrium", description="Open the Atrium desktop app.")
    parser.add_argument("--profile", help="profile name or folder (default: the default profile)")
    parser.add_argument("--lang", choices=("zh", "en"), help="UI language (default: the system's)")
    options = parser.parse_args(args)
    from .app import Launch, run

    return run(Launch(profile=options.profile, language=options.lang))


if __name__ == "__main__":
    sys.exit(main())
