"""The shape of the code: each module imports what it needs at its top, and the imports
between the application's modules never go round in a circle. A circle is what pushes an
import into a function, and a helper in the wrong home is what makes the circle."""

import ast
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPLICATION = (
    "digital_lm",
    "home",
    "resources",
    "downloads",
    "demo",
    "discovery",
    "filetext",
    "interop",
    "harvesting",
    "credentials",
)
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
    assert "resources.models" in MODULES and "discovery.service" in MODULES


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


def _layout_rows():
    """{folder: its description} from the README's layout table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `([^`]+)/` \| (.+) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def _named(description):
    return set(re.findall(r"`([^`]+)`", description))


def test_the_readme_layout_names_every_folder_and_module_that_exists():
    rows = _layout_rows()
    tracked = subprocess.run(
        ["git", "ls-files"],  # noqa: S607 - the folders of the project, not the ignored ones
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    folders = {path.split("/")[0] for path in tracked if "/" in path}
    assert folders - {".github"} == set(rows), "folders and layout rows differ"
    missing, unnamed = [], []
    for folder, description in rows.items():
        named = _named(description)
        for item in named:
            if item.endswith(".py") and not any((ROOT / folder).glob(f"**/{item}")):
                missing.append(f"{folder}/: {item}")
            if item.endswith("/") and not any((ROOT / folder).glob(f"**/{item.rstrip('/')}")):
                missing.append(f"{folder}/: {item}")
        if folder not in APPLICATION:
            continue
        for path in sorted((ROOT / folder).glob("**/*.py")):
            relative = path.relative_to(ROOT / folder)
            if "migrations" in relative.parts or path.name == "__init__.py":
                continue
            if "commands" in relative.parts:
                if f"command `{path.stem}`" not in description:
                    unnamed.append(str(path.relative_to(ROOT)))
                continue
            packages = {f"{part}/" for part in relative.parts[:-1]}
            if path.name not in named and not packages & named:
                unnamed.append(str(path.relative_to(ROOT)))
    assert not missing, "the layout names what does not exist: " + ", ".join(missing)
    assert not unnamed, "modules the layout does not name: " + ", ".join(unnamed)


def test_no_test_module_imports_another():
    """What tests share lives in the factories, the helpers or a conftest's fixtures."""
    borrowed = []
    for path in sorted((ROOT / "tests").glob("**/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.rsplit(".", 1)[-1]
                if last.startswith("test_") or last == "conftest":
                    borrowed.append(f"{path.relative_to(ROOT)} imports {node.module}")
    assert not borrowed, "\n".join(borrowed)
