"""The project's imports run one way: no circles, and cms never reaches into complaints.

Every module of every project app is parsed with `ast` (nothing is imported): module-level and
function-level `import` statements count, and so do `import_module("…")` / `import_string("…")`
calls with a literal argument. An import of `a.b.c` also runs the packages `a` and `a.b`, so
those are arrows too, except towards the importing module's own packages (already running).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_APPS = {"tests", "benchmarks", "bin", "docs", "locale", "static", "templates"}
# cms and complaints stand side by side; portal wires them together.
FORBIDDEN = {"cms": ("complaints",)}
DYNAMIC_IMPORTERS = {"import_module", "import_string"}


def project_modules() -> dict[str, Path]:
    """Dotted name → file for every module of every top-level app package."""
    modules = {}
    for package in sorted(ROOT.iterdir()):
        if package.name in NOT_APPS or not (package / "__init__.py").is_file():
            continue
        for path in sorted(package.rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _absolute(module: str, is_package: bool, level: int, target: str | None) -> str:
    if not level:
        return target or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def imported_names(module: str, path: Path) -> set[str]:
    """Every dotted name `module` imports (and every candidate submodule for `from x import y`)."""
    is_package = path.name == "__init__.py"
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            if (
                name in DYNAMIC_IMPORTERS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                names.add(first.value)
    return names


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for module, path in modules.items():
        own_packages = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
        if path.name == "__init__.py":
            own_packages.add(module)
        for name in imported_names(module, path):
            parts = name.split(".")
            # `a.b.c` runs a, a.b and a.b.c (those that are project modules).
            for i in range(1, len(parts) + 1):
                target = ".".join(parts[:i])
                if target in modules and target != module and target not in own_packages:
                    graph[module].add(target)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle for each strongly connected component that has one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def strongconnect(root: str) -> None:
        # Iterative Tarjan: the graph is deep enough to worry about recursion limits.
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)

    cycles = []
    for component in components:
        if len(component) < 2 and component[0] not in graph[component[0]]:
            continue
        members = set(component)
        start = component[0]
        # Breadth-first from `start` back to `start` inside the component: a shortest cycle.
        parents: dict[str, str] = {}
        frontier = [start]
        while frontier and start not in parents:
            following = []
            for node in frontier:
                for child in sorted(graph[node] & members):
                    if child not in parents:
                        parents[child] = node
                        following.append(child)
            frontier = following
        path = []
        node = parents[start]
        while node != start:
            path.append(node)
            node = parents[node]
        cycles.append([start, *reversed(path), start])
    return cycles


def test_the_project_modules_are_found():
    modules = project_modules()
    for name in ("portal.settings.base", "cms.models", "complaints.services.workdays", "search"):
        assert name in modules
    assert not any(name.startswith("tests") for name in modules)


def test_function_level_and_dynamic_imports_are_arrows(tmp_path):
    source = tmp_path / "mod.py"
    source.write_text(
        "def f():\n    from .sibling import thing\n    import_module('complaints.receivers')\n"
    )
    names = imported_names("complaints.services.mod", source)
    assert {"complaints.services.sibling.thing", "complaints.receivers"} <= names


def test_a_cycle_is_found_and_named():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert sorted(find_cycles(graph)) == [["a", "b", "c", "a"], ["d", "d"]]


def test_no_import_cycles():
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(cycle) for cycle in cycles)


def test_cms_does_not_import_complaints():
    arrows = [
        f"{module} → {target}"
        for module, targets in import_graph().items()
        for target in sorted(targets)
        for source, forbidden in FORBIDDEN.items()
        if module.split(".")[0] == source and target.split(".")[0] in forbidden
    ]
    assert not arrows, "cms imports complaints:\n" + "\n".join(arrows)
