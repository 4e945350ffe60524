"""The package's shape (issue #10): no import cycles, and the events component reads the
layers others write instead of importing their readers."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "rasd").rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """Modules of rasd imported at module level (``TYPE_CHECKING`` blocks and function-level
    lazy imports excluded)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        if node.module:
            out.add(base)
        out.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in out if m in MODULES and m != name}


def test_architecture_no_import_cycles() -> None:
    graph = {m: _imports(m) for m in MODULES}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep):], dep])
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles


def test_architecture_events_read_layers_not_readers() -> None:
    """No module of rasd.events imports another component's reader (numbers, dates,
    casualties, quotes, the entity tagger or knowledge base); country facts come from the
    entities owner's public ``countries`` module."""
    forbidden = ("rasd.numbers", "rasd.dates", "rasd.casualties", "rasd.quotes", "rasd.tokens")
    allowed_entities = {"rasd.entities", "rasd.entities.countries"}
    for module in (m for m in MODULES if m.startswith("rasd.events")):
        for dep in _imports(module):
            assert not dep.startswith(forbidden), (module, dep)
            if dep.startswith("rasd.entities"):
                assert dep in allowed_entities, (module, dep)


def test_architecture_events_load_only_their_own_lexicons() -> None:
    for module in (m for m in MODULES if m.startswith("rasd.events")):
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "load" and node.args:
                arg = node.args[0]
                assert isinstance(arg, ast.Constant) and str(arg.value).startswith("events_"), (module, arg)
