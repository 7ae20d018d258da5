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


def rebuild_catalogue() -> int:
    """Extract strings from ui/ into the .ts file and compile it to .qm (run after changing UI strings)."""
    bin_dir = Path(sys.executable).parent
    sources = sorted(str(p) for p in (Path(__file__).resolve().parent).rglob("*.py"))
    ts = TRANSLATIONS / "atrium_zh_CN.ts"
    subprocess.run([str(bin_dir / "pyside6-lupdate"), *sources, "-ts", str(ts), "-no-obsolete"], check=True)
    subprocess.run([str(bin_dir / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(rebuild_catalogue())
