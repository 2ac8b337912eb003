"""The package's import graph, read from the source: no cycle (counting imports inside functions, which hide one
from Python but not from a reader), and no import from the data tier (the build, the source readers, the
fetcher) into analysis or display code."""

from __future__ import annotations

import ast
import graphlib

from openweights.paths import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "openweights"
DATA_TIER = ("openweights.build", "openweights.sources", "openweights.fetch", "openweights.snapshots")
ANALYSIS_AND_DISPLAY = (
    "openweights.analysis",
    "openweights.plots",
    "openweights.tables",
    "openweights.figures",
)


def _module_name(path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, object]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str, modules) -> str | None:
    """The package module that ``name`` (a module, or a name inside one) refers to; None outside the package."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    """Each module of the package → the package modules it imports anywhere in its source."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                names = [f"{base}.{alias.name}" for alias in node.names] + [base]
            else:
                continue
            targets |= {t for t in (_resolve(n, modules) for n in names) if t and t != module}
        graph[module] = targets
    return graph


def _within(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_graph_is_read_from_every_module():
    graph = import_graph()
    assert "openweights.cli" in graph and "openweights.build.pipeline" in graph
    assert "openweights.cli" in graph["openweights.reliability"]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A loop of imports in ``graph``, or None. A package's __init__ gathering its own submodules is not one."""
    edges = {
        module: {t for t in targets if not (module + ".").startswith(t + ".") and t != module}
        for module, targets in graph.items()
    }
    try:
        tuple(graphlib.TopologicalSorter(edges).static_order())
    except graphlib.CycleError as error:
        return list(error.args[1])
    return None


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, f"import cycle: {' → '.join(cycle)}"


def test_a_lazy_import_back_would_be_a_cycle():
    """The check can fail: were the command line to import the reliability checks (which drive it), even inside
    a function, the loop would be found."""
    graph = import_graph()
    graph["openweights.cli"] = graph["openweights.cli"] | {"openweights.reliability"}
    assert find_cycle(graph) is not None


def test_analysis_and_display_code_do_not_import_the_data_tier():
    graph = import_graph()
    crossings = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if _within(module, ANALYSIS_AND_DISPLAY)
        for target in targets
        if _within(target, DATA_TIER)
    )
    assert not crossings, crossings
