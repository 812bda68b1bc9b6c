"""The layout the README and docs/architecture.md describe, checked from the source itself.

- No import cycle among the project's modules (module-level imports).
- `core` is the ground: it imports no app of the project.
- Domain and read-side code never import template tags; template tags import them.
- A big module is split one way, into a package (no `views_money.py`, `follow_up_views.py`).
- Read-side code is called `selectors`.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ["accounts", "core", "demo", "geo", "groups", "home", "networks", "notices", "printing", "reviews",
        "security"]
PROJECT = set(APPS) | {"savings_registry"}


def _modules():
    for top in sorted(PROJECT):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


MODULES = dict(_modules())


def _imports(name: str, path: Path, *, nested: bool = False) -> set[str]:
    """The project modules `name` imports at module level (and inside functions when `nested`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in (ast.walk(tree) if nested else tree.body):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` imports the module; `from module import name`, the module.
            targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module
                       for alias in node.names]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name and target.split(".")[0] in PROJECT:
                found.add(target)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}
EVERY_IMPORT = {name: _imports(name, path, nested=True) for name, path in MODULES.items()}


def _cycles():
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return result


def test_the_graph_is_read_from_the_real_modules():
    assert "groups.spreadsheets.importing" in MODULES
    assert "groups.spreadsheets.base" in GRAPH["groups.spreadsheets.group_rows"]
    assert "reviews.models" in GRAPH["reviews.services.submissions"]


def test_no_import_cycle():
    assert _cycles() == []


def test_core_imports_no_app():
    reaching = {name: sorted(t for t in targets if t.split(".")[0] not in {"core", "savings_registry"})
                for name, targets in EVERY_IMPORT.items() if name.split(".")[0] == "core"}
    assert {name: targets for name, targets in reaching.items() if targets} == {}


def test_only_template_tags_and_templates_import_template_tags():
    offenders = {name: sorted(t for t in targets if ".templatetags" in t)
                 for name, targets in EVERY_IMPORT.items() if ".templatetags" not in name}
    assert {name: t for name, t in offenders.items() if t} == {}


def test_big_modules_are_split_into_packages_only():
    split_by_name = [
        str(path.relative_to(ROOT)) for path in MODULES.values()
        if path.parent.name in APPS and any(
            path.stem.startswith(f"{kind}_") or path.stem.endswith(f"_{kind}")
            for kind in ("views", "models", "services", "urls", "selectors", "forms"))
    ]
    assert split_by_name == []


def test_read_side_code_is_called_selectors():
    other_names = [str(path.relative_to(ROOT)) for path in MODULES.values()
                   if path.stem in {"filters", "dashboard", "hints", "overview", "queries"}
                   and "selectors" not in path.parts]
    assert other_names == []
