"""Exporting a space's progress table as CSV: the default file name, the save dialog, and the export itself.

The file is written by app.services.tasks.export_csv on the store's thread (the same rows the board shows, in
the UI's language, UTF-8 with a byte-order mark so Excel reads Chinese correctly).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services import tasks as task_service

from ..context import AppContext

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def default_file_name(space_title: str) -> str:
    """ "<space title>-progress.csv", with the characters Windows and macOS refuse in names replaced."""
    cleaned = _UNSAFE.sub("-", space_title).strip(" .-") or "space"
    return f"{cleaned}-progress.csv"


def ask_path(parent: QWidget, space_title: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / default_file_name(space_title)) if folder else default_file_name(space_title)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("TaskExport", "Export progress table"),
        suggested,
        QCoreApplication.translate("TaskExport", "CSV files (*.csv)"),
    )
    return Path(chosen) if chosen else None


def export_progress(ctx: AppContext, space_id: str, path: Path, on_done: Callable[[int], None] | None = None) -> None:
    """Write the space's progress table to `path`; `on_done(number of tasks)` runs on the GUI thread."""
    ctx.act(task_service.export_csv, space_id, path, on_done=on_done)
