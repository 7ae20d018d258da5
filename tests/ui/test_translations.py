"""The Chinese catalogue is complete: every string the UI shows has a translation, and the .qm is current."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from ui.i18n import TRANSLATIONS

ROOT = Path(__file__).resolve().parents[2]
TS = TRANSLATIONS / "atrium_zh_CN.ts"


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts_file)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def test_every_string_in_the_catalogue_is_translated() -> None:
    untranslated = [
        f"{context}: {source}"
        for (context, source), message in messages(TS).items()
        if (
            message.find("translation") is None
            or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
            or not (message.findtext("translation") or message.find("translation").find("numerusform") is not None)
        )  # type: ignore[union-attr]
    ]
    assert untranslated == []


def test_the_catalogue_covers_every_string_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = sorted(f"{c}: {s}" for c, s in set(messages(fresh)) - set(messages(TS)))
    assert missing == [], "run `python -m ui.i18n` and translate the new strings"


def test_the_compiled_catalogue_loads() -> None:
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    assert translator.translate("MainWindow", "Chats") not in ("", "Chats")
    assert TS.with_suffix(".qm").stat().st_mtime >= TS.stat().st_mtime - 1


def test_strings_are_marked_where_lupdate_can_see_them() -> None:
    """lupdate only finds self.tr("…") and QCoreApplication.translate("Context", "…") with literal text;
    a wrapper (`_tr(text)`, `tr = QCoreApplication.translate`) hides the strings and they stay English."""
    import ast

    hidden = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_tr", "tr"):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
                continue
            qt_translate = node.func.attr == "translate" and getattr(node.func.value, "id", "") in (
                "QCoreApplication",
                "QApplication",
            )
            if qt_translate and path.name == "i18n.py":
                continue  # translate_refusal: its texts are the templates listed literally in ui/refusals.py
            texts = node.args[:2] if qt_translate else node.args[:1] if node.func.attr == "tr" else []
            if texts and not all(isinstance(a, ast.Constant) for a in texts):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} (text is not a literal)")
    assert hidden == []


def test_every_refusal_from_app_is_listed_for_the_translators() -> None:
    """ui/refusals.py is generated from the ActionRefused calls in app/; a new refusal must be listed (and so
    translated) before it can reach a Chinese screen in English."""
    from ui.i18n import refusals_source

    listed = (Path(__file__).resolve().parents[2] / "ui" / "refusals.py").read_text(encoding="utf-8")
    assert listed == refusals_source(), "run `python -m ui.i18n` and translate the new refusals"


def test_a_refusal_is_shown_in_chinese(qapp: object) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from app.services.context import ActionRefused
    from ui import i18n

    app = QApplication.instance()
    locale = QLocale()
    translators = i18n.install(app, "zh")  # type: ignore[arg-type]
    try:
        refusal = ActionRefused("The {what} is empty.", what="message")
        assert refusal.message == "The message is empty."
        shown = i18n.translate_refusal(refusal.template, refusal.args_)
        assert shown != refusal.message and "消息" in shown
    finally:
        i18n.uninstall(app, translators)  # type: ignore[arg-type]
        QLocale.setDefault(locale)


def test_a_queued_change_is_described_in_chinese(qapp: object) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from app.store import OutboxEntry
    from ui import i18n
    from ui.sync_centre import texts

    entry = OutboxEntry(1, "message.send", {}, "h", "t", "pending", None, None, "conv:c", "Message to 王芳: hi",
                        "Message to {title}: {body}", {"title": "王芳", "body": "hi"})
    old = OutboxEntry(2, "message.send", {}, "h", "t", "pending", None, None, "conv:c", "Message to 王芳: hi")
    assert texts.summary(entry) == "Message to 王芳: hi"
    app = QApplication.instance()
    locale = QLocale()
    translators = i18n.install(app, "zh")  # type: ignore[arg-type]
    try:
        assert texts.summary(entry) == "发给 王芳 的消息：hi"
        assert texts.summary(old) == "Message to 王芳: hi"  # queued before summaries had templates
    finally:
        i18n.uninstall(app, translators)  # type: ignore[arg-type]
        QLocale.setDefault(locale)
