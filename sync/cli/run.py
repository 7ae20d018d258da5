"""Running one `atrium` command: parse, set up logging for the call, and turn every known failure into one line.

Exit status: 0 done, 1 failed, 2 usage mistake, 130 interrupted. A traceback means a bug in Atrium.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from app.paths import ProfileError
from app.services import ActionRefused
from app.store import StoreError

from ..transport import SyncError
from .output import CliError, Context, fail
from .parser import build_parser, default_language
from .syncing import sync_failure


class _LogFormat(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # "atrium: warning: …" like the CLI's own lines; the record itself is shared, so restore it.
        original = record.levelname
        record.levelname = original.lower()
        try:
            return super().format(record)
        finally:
            record.levelname = original


@contextmanager
def _logging(verbosity: int) -> Iterator[None]:
    """Log the atrium.* loggers to stderr for this call only (WARNING; INFO with -v, DEBUG with -vv)."""
    logger = logging.getLogger("atrium")
    handler = logging.StreamHandler(sys.stderr)
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler.setFormatter(_LogFormat("atrium: %(levelname)s: %(name)s: %(message)s" if verbosity > 0
                                    else "atrium: %(levelname)s: %(message)s"))
    handler.setLevel(level)
    old_level = logger.level
    logger.setLevel(level)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def _tolerate_narrow_terminals() -> None:
    # A console that cannot show Chinese (a legacy Windows code page) gets "?" instead of a crash mid-output.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 failed, 2 usage, 130 interrupted)."""
    _tolerate_narrow_terminals()
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except CliError as exc:
        return fail(exc.message, exc.code)
    except SystemExit as exc:  # --help and --version end here
        return exc.code if isinstance(exc.code, int) else 0
    ctx = Context(getattr(args, "profile", None), getattr(args, "lang", None) or default_language())
    with _logging(getattr(args, "verbose", 0) or 0):
        try:
            return int(args.func(ctx, args))
        except CliError as exc:
            return fail(exc.message, exc.code)
        except ActionRefused as exc:
            return fail(exc.message)
        except (StoreError, ProfileError) as exc:  # StoreTooNew is a StoreError: its message says what to do
            return fail(str(exc))
        except SyncError as exc:
            return fail(sync_failure(ctx, exc, 0, "URL"))
        except KeyboardInterrupt:
            return fail("interrupted", 130)
