"""The shape of the code: each module imports what it needs at its top, and the imports
between the application's modules never go round in a circle. A circle is what pushes an
import into a function, and a helper in the wrong home is what makes the circle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPLICATION = ("digital_lm", "home", "resources", "search", "downloads", "demo", "discovery")
# Code that runs before Django is set up, or is set up by the caller, may import later.
ALLOWED_LOCAL = {"ready"}


def _modules():
    """{dotted name: path} of the application's modules (migrations are generated)."""
    found = {}
    for package in APPLICATION:
        for path in sorted((ROOT / package).glob("**/*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name):
    return MODULES.get(name, Path()).name == "__init__.py"


def _targets(node, module):
    """The application modules an import statement names."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module if _is_package(module) else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        names = []
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            names.append(submodule if submodule in MODULES else base)
    return [name for name in names if name in MODULES]


def _imports(module, path):
    """(module-level imports, [(function, line, target)] of imports inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, local = set(), []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, function or child.name)
            elif isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(child, module):
                    if function is None:
                        top.add(target)
                    else:
                        local.append((function, child.lineno, target))
            else:
                visit(child, function)

    visit(tree)
    return top, local


GRAPH = {}
LOCAL = {}
for _name, _path in MODULES.items():
    GRAPH[_name], LOCAL[_name] = _imports(_name, _path)


def _cycles(graph):
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def connect(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target == node:
                continue
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_checker_sees_a_circle_and_a_local_import():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
    assert "resources.models" in MODULES and "search.service" in MODULES


def test_application_imports_never_go_round_in_a_circle():
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles between application modules:\n" + "\n".join(
        " <-> ".join(cycle) for cycle in cycles
    )


def test_project_code_is_imported_at_the_top_of_each_module():
    local = [
        f"{MODULES[module].relative_to(ROOT)}:{line} in {function}() imports {target}"
        for module in sorted(MODULES)
        for function, line, target in LOCAL[module]
        if function not in ALLOWED_LOCAL
    ]
    assert not local, "imports of project code inside functions:\n" + "\n".join(local)
