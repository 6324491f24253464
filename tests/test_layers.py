"""The layers import one way: the engine and models stay pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "zicli"

FORBIDDEN = {
    "engine": {
        "typer",
        "rich",
        "yaml",
        "sys",
        "os",
        "pathlib",
        "io",
        "subprocess",
        "zicli.cli",
        "zicli.loading",
        "zicli.render",
    },
    "models": {
        "typer",
        "rich",
        "yaml",
        "sys",
        "os",
        "subprocess",
        "zicli.cli",
        "zicli.loading",
        "zicli.render",
        "zicli.engine",
    },
    "render": {"typer", "yaml", "zicli.cli", "zicli.loading", "subprocess"},
    "loading": {"typer", "rich", "zicli.cli", "zicli.render"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer: str) -> None:
    files = sorted((SRC / layer).rglob("*.py"))
    assert files
    for path in files:
        for name in _imports(path):
            for bad in FORBIDDEN[layer]:
                assert not (name == bad or name.startswith(bad + ".")), (
                    f"{path.relative_to(SRC)} imports {name}"
                )


def test_cli_does_not_import_heavy_modules_at_start() -> None:
    # rich and pydantic are imported by the commands that need them, not at start-up.
    tree = ast.parse((SRC / "cli" / "__init__.py").read_text(encoding="utf-8"))
    top = {
        n.module if isinstance(n, ast.ImportFrom) else n.names[0].name
        for n in tree.body
        if isinstance(n, ast.Import | ast.ImportFrom)
    }
    assert not any(str(m).startswith(("rich", "zicli.render", "zicli.engine")) for m in top)


def test_startup_tweaks_live_in_one_small_stdlib_module() -> None:
    # The entry point calls them; nothing but the standard library is imported for them.
    assert _imports(SRC / "startup.py") <= {"contextlib", "gc", "os", "sys", "typing"}
    entry = (SRC / "cli" / "__init__.py").read_text(encoding="utf-8")
    assert "os._exit" not in entry and "set_threshold" not in entry


def test_readers_are_imported_only_when_a_file_of_their_kind_is_read() -> None:
    # The registry names its readers as text; importing it imports none of them.
    names = _imports(SRC / "loading" / "readers" / "__init__.py")
    assert not any(n.startswith("zicli.loading.readers.") for n in names)
    assert "yaml" not in names


def test_binding_sits_with_the_models_and_needs_no_engine_or_loading() -> None:
    # read -> bind -> overrides -> assess: binding raw values to a pack is models' work.
    names = _imports(SRC / "models" / "bind.py") | _imports(SRC / "models" / "index.py")
    assert not any(n.startswith(("zicli.engine", "zicli.loading", "yaml")) for n in names)
    assert not (SRC / "engine" / "bind.py").exists()


def test_the_engine_reads_no_files_of_any_kind() -> None:
    for path in sorted((SRC / "engine").rglob("*.py")):
        names = _imports(path)
        assert not any(n.startswith(("zicli.loading", "yaml", "importlib")) for n in names), path
