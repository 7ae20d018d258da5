"""Dependencies point one way: ui → sync → app, ui → app; the core never imports Qt or the network."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offenders(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in files:
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def client_files() -> list[Path]:
    server = ROOT / "sync" / "server"
    return [p for pkg in ("app", "ui", "sync") for p in python_files(pkg) if server not in p.parents]


def test_core_imports_neither_qt_nor_network_nor_sync() -> None:
    assert offenders(python_files("app"), ("PySide6", "shiboken6", "httpx", "qasync", "ui", "sync")) == []


def test_sync_never_imports_ui_or_qt() -> None:
    assert offenders(python_files("sync"), ("PySide6", "ui")) == []


def test_client_code_never_imports_the_server() -> None:
    assert offenders(client_files(), ("sync.server",)) == []


def test_server_never_imports_the_desktop_or_the_client_transport() -> None:
    # The server may share app's pure rules (clocks, merge, growth); never widgets or the client's HTTP stack.
    files = python_files("sync/server")
    assert offenders(files, ("ui", "PySide6", "httpx", "qasync", "keyring")) == []


@pytest.mark.parametrize("package", ["app", "ui", "sync", "sync/server", "bench"])
def test_every_module_says_what_it_is_for(package: str) -> None:
    missing = [
        str(p.relative_to(ROOT))
        for p in python_files(package)
        if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []
