"""Command line of the benchmarks: runs the named groups (all when none is named) and prints JSON lines."""

from __future__ import annotations

import argparse
import json
import sys

from . import registry


def main(argv: list[str] | None = None) -> int:
    groups = registry()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"groups to run: {', '.join(groups)}")
    parser.add_argument("--quick", action="store_true", help="smaller data sets, for a fast check")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in groups]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(groups)}")
    for name in args.names or list(groups):
        for figure in groups[name](args.quick):
            print(json.dumps(figure.as_dict(), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
