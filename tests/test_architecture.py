"""The house keeps its shape: stage packages whose imports point downward, and no circles.

Layers, top to bottom: the CLI, the pipeline, outputs, load, extract, ingest, and the small
typed objects every stage shares (``etl/article.py``, ``etl/facts.py``, ``etl/errors.py``,
``etl/settings.py``, and ``etl/logs.py``). A module may import its own layer or any layer below it, never above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ETL = Path(__file__).resolve().parent.parent / "etl"

LAYERS: dict[str, int] = {
    "etl.article": 0,
    "etl.facts": 0,
    "etl.errors": 0,
    "etl.settings": 0,
    "etl.logs": 0,  # log levels and warning routing, applied by the CLI and in worker processes
    "etl.ingest": 1,
    "etl.extract": 2,
    "etl.load": 3,
    "etl.outputs": 4,
    "etl.pipeline": 5,
    "etl.cli": 6,
    "etl.__main__": 7,
    "etl": 7,  # the package itself: only its version string
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ETL.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> int:
    best = ""
    for prefix in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    if not best:
        raise KeyError(f"{module} belongs to no layer: add it to LAYERS")
    return LAYERS[best]


def etl_imports(source: str, module: str) -> set[str]:
    """The etl modules ``source`` imports, at the top or inside functions (``from etl.x
    import y`` counts as ``etl.x.y`` when y is a module, else as ``etl.x``)."""
    found: set[str] = set()
    package = module if _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "etl")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "etl":
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if _exists(child) else base)
    found.discard(module)
    return found


def _is_package(module: str) -> bool:
    return (ETL.parent / module.replace(".", "/") / "__init__.py").exists()


def _exists(module: str) -> bool:
    path = ETL.parent / module.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def import_graph(root: Path = ETL) -> dict[str, set[str]]:
    return {
        module_name(path): etl_imports(path.read_text(encoding="utf-8"), module_name(path))
        for path in sorted(root.rglob("*.py"))
    }


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in graph.items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def without_package_inits(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's ``__init__`` re-exporting its own modules is not a circle."""
    return {
        module: {t for t in targets if not (_is_package(t) and module.startswith(t + "."))}
        for module, targets in graph.items()
    }


def test_imports_point_downward() -> None:
    assert upward_imports(import_graph()) == []


def test_there_are_no_import_circles() -> None:
    assert cycles(without_package_inits(import_graph())) == []


def test_every_package_says_what_comes_in_and_what_goes_out() -> None:
    for init in ETL.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init} has no docstring"


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("etl.ingest.parse", "from etl.extract.dates import resolve_dates\n", True),
        ("etl.extract.people", "from etl.load import loader\n", True),
        ("etl.load.loader", "import etl.pipeline\n", True),
        ("etl.outputs.report", "def f():\n    from etl.cli import main\n", True),
        ("etl.facts", "from etl.ingest.dates import parse_date\n", True),
        ("etl.extract.people", "from etl.ingest.dates import parse_date\n", False),
        ("etl.pipeline", "from etl.outputs import evaluate\n", False),
    ],
)
def test_the_direction_check_catches_an_upward_import(
    module: str, source: str, expected: bool
) -> None:
    graph = {module: etl_imports(source, module)}
    assert bool(upward_imports(graph)) is expected


def test_the_circle_check_catches_a_circle() -> None:
    graph = {
        "etl.extract.a": {"etl.extract.b"},
        "etl.extract.b": {"etl.extract.c"},
        "etl.extract.c": {"etl.extract.a"},
        "etl.extract.d": {"etl.extract.a"},
    }
    assert cycles(graph) == [["etl.extract.a", "etl.extract.b", "etl.extract.c"]]


# Rooms a newcomer can hold: a module is one concept, and past these sizes it is several.
MAX_LINES = 600
MAX_LINES_IN = {"extract/events": 400, "extract/statements": 400}


def oversized(root: Path = ETL) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        folder = path.parent.relative_to(root).as_posix()
        limit = MAX_LINES_IN.get(folder, MAX_LINES)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{path.relative_to(root)}: {lines} lines (limit {limit})")
    return found


def test_no_module_is_too_large_to_hold() -> None:
    assert oversized() == []


def test_the_size_check_catches_a_large_module(tmp_path: Path) -> None:
    (tmp_path / "extract" / "events").mkdir(parents=True)
    (tmp_path / "extract" / "events" / "big.py").write_text("x = 1\n" * 401, encoding="utf-8")
    (tmp_path / "extract" / "fine.py").write_text("x = 1\n" * 401, encoding="utf-8")
    (tmp_path / "huge.py").write_text("x = 1\n" * 601, encoding="utf-8")
    assert oversized(tmp_path) == [
        "extract/events/big.py: 401 lines (limit 400)",
        "huge.py: 601 lines (limit 600)",
    ]
