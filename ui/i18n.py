"""The UI language: Simplified Chinese or English, from the setting or else the system locale.

Every visible string goes through Qt's tr(); the Chinese catalogue is resources/translations/atrium_zh_CN.ts
(source) and its compiled .qm, built by `python -m ui.i18n` (pyside6-lupdate + pyside6-lrelease).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"zh": "简体中文", "en": "English"}


def choose_language(setting: str | None = None) -> str:
    """"zh" or "en": the saved setting, else the system locale (Chinese locales → Chinese)."""
    wanted = setting or QSettings().value("ui/language", "", str)
    if wanted in LANGUAGES:
        return wanted
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Load the translators for `language` into the application (English needs none)."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if language != "zh":
        return installed
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / "atrium_zh_CN.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed


def uninstall(app: QApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def rebuild_catalogue(fill: Path | None = None) -> int:
    """Extract strings from ui/ into the .ts file and compile it to .qm (run after changing UI strings).

    `fill` is a UTF-8 file of `source<TAB>translation` lines (optionally `context<TAB>source<TAB>translation`)
    whose translations are written into the still-untranslated entries before compiling. The catalogue is
    locked while it is rewritten, so two people (or sessions) filling at once do not lose each other's work.
    """
    bin_dir = Path(sys.executable).parent
    sources = sorted(str(p) for p in (Path(__file__).resolve().parent).rglob("*.py"))
    ts = TRANSLATIONS / "atrium_zh_CN.ts"
    with open(ts.with_suffix(".lock"), "w") as lock:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run([str(bin_dir / "pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete"], check=True)
        if fill is not None:
            _fill_translations(ts, fill)
        subprocess.run([str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


def _fill_translations(ts: Path, fill: Path) -> None:
    import xml.etree.ElementTree as ET

    by_context: dict[tuple[str, str], str] = {}
    by_source: dict[str, str] = {}
    for line in fill.read_text(encoding="utf-8").splitlines():
        parts = [p.replace("\\n", "\n") for p in line.split("\t")]
        if len(parts) == 2:
            by_source[parts[0]] = parts[1]
        elif len(parts) == 3:
            by_context[(parts[0], parts[1])] = parts[2]
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            text = by_context.get((name, source), by_source.get(source))
            if text:
                translation.text = text
                del translation.attrib["type"]
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled} translations")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, help="a source<TAB>translation file to fill untranslated entries from")
    sys.exit(rebuild_catalogue(parser.parse_args().fill))
