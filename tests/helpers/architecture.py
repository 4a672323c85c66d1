"""Checkers for the architecture rules, over any source tree (so tests can try them on a fake one).

Each function reads Python files with `ast` (nothing is imported or run) and returns what breaks
its rule; `tests/test_architecture.py` compares that with the allow-lists of today.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

TODAY_CALLS = {
    "date.today",
    "datetime.now",
    "datetime.today",
    "datetime.date.today",
    "datetime.datetime.now",
    "datetime.datetime.today",
}


def python_files(root: Path, relative: str) -> list[Path]:
    """The `.py` files at `relative` (a file or a folder); a missing path is an error."""
    path = root / relative
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"{relative} does not exist under {root}")
    return sorted(path.rglob("*.py"))


def module_name(root: Path, path: Path) -> str:
    """`app/routes/office.py` -> `app.routes.office`; a package's `__init__.py` -> the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (type hints only, never imported)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for other in node.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield node
        yield from _runtime_nodes(node)


def imported_modules(root: Path, path: Path) -> set[str]:
    """Dotted names a module imports at run time (module level and inside functions).

    `from a.b import c` gives `a.b.c` when that is a module of the tree, else `a.b`;
    relative imports are resolved against the module's package.
    """
    tree = ast.parse(path.read_text(), filename=str(path))
    here = module_name(root, path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base_parts = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*base_parts, *([node.module] if node.module else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                found.add(candidate if _is_module(root, candidate) else base)
    found.discard("")
    return found


def _is_module(root: Path, dotted: str) -> bool:
    path = root.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def modules_importing(root: Path, relative: str, forbidden: tuple[str, ...]) -> dict[str, set[str]]:
    """Files under `relative` importing any of `forbidden` (or their submodules), with what."""
    offenders: dict[str, set[str]] = {}
    for path in python_files(root, relative):
        bad = {name for name in imported_modules(root, path) if _within(name, forbidden)}
        if bad:
            offenders[path.relative_to(root).as_posix()] = bad
    return offenders


def commit_calls(root: Path, relative: str) -> set[str]:
    """Files under `relative` that call `<anything>.commit(...)`."""
    offenders: set[str] = set()
    for path in python_files(root, relative):
        tree = ast.parse(path.read_text(), filename=str(path))
        if any(
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "commit"
            for node in ast.walk(tree)
        ):
            offenders.add(path.relative_to(root).as_posix())
    return offenders


def today_calls(root: Path, relative: str, home: str) -> dict[str, int]:
    """How many "what day/time is it" calls each file under `relative` makes, except `home`."""
    counts: dict[str, int] = {}
    for path in python_files(root, relative):
        name = path.relative_to(root).as_posix()
        if name == home:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        found = sum(
            1
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and ast.unparse(node.func) in TODAY_CALLS
        )
        if found:
            counts[name] = found
    return counts


def import_cycles(root: Path, package: str) -> set[tuple[str, ...]]:
    """Groups of modules of `package` that import each other, directly or round a loop.

    Each group is a strongly connected component of the run-time import graph (sorted names).
    """
    graph: dict[str, set[str]] = {}
    for path in python_files(root, package):
        graph[module_name(root, path)] = set()
    for path in python_files(root, package):
        name = module_name(root, path)
        graph[name] = {m for m in imported_modules(root, path) if m in graph and m != name}
    return {tuple(sorted(group)) for group in _components(graph) if len(group) > 1}


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group: set[str] = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    result.append(group)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return result


def private_imports(root: Path, relative: str, package: str) -> set[str]:
    """`file: module._name` for each private name a file under `relative` imports from another
    module of `package` (a helper two modules share belongs where both can import it)."""
    found: set[str] = set()
    for path in python_files(root, relative):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in _runtime_nodes(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package):
                found.update(
                    f"{path.relative_to(root).as_posix()}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                )
    return found


def _sources_section(path: Path) -> list[str] | None:
    """The lines of a module docstring's `Sources:` section; None when it has none.

    `Sources: none — why` counts as a section of one line; `Sources:` followed by `- ` items
    gives those items.
    """
    docstring = ast.get_docstring(ast.parse(path.read_text(), filename=str(path))) or ""
    lines = docstring.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("Sources: none"):
            return [line]
        if line.rstrip() == "Sources:":
            items = []
            for item in lines[index + 1 :]:
                if item.startswith("- "):
                    items.append(item[2:])
                elif item.startswith("  ") and items:
                    continue  # an item's continuation line
                else:
                    break
            return items or None
    return None


def modules_without_sources(root: Path, relative: str) -> set[str]:
    """Modules under `relative` (packages' `__init__` aside) whose docstring names no sources."""
    return {
        str(path.relative_to(root))
        for path in python_files(root, relative)
        if path.name != "__init__.py" and _sources_section(path) is None
    }


def cited_sources_missing(root: Path, relative: str, docs: Path) -> dict[str, set[str]]:
    """Per module, the cited documents (the first word of each item) that `docs` does not hold,
    or whose cited lines are past the document's end."""
    missing: dict[str, set[str]] = {}
    for path in python_files(root, relative):
        for item in _sources_section(path) or []:
            first = item.split()[0].rstrip(",")
            cited, _, lines = first.partition(":")
            if cited.startswith("http") or not cited.endswith((".md", ".txt")):
                continue  # a web page or a law: not a file of docs/domain
            candidate = cited.removeprefix("../shared/").removeprefix("shared/")
            if candidate.startswith("docs/") and not candidate.startswith("docs/domain/"):
                document = root / candidate  # the project's own docs (e.g. a plan)
            else:
                document = docs / candidate.removeprefix("docs/domain/")
            if not document.exists():
                missing.setdefault(str(path.relative_to(root)), set()).add(cited)
                continue
            cited_lines = [int(n) for n in re.findall(r"\d+", lines)]
            if cited_lines and max(cited_lines) > len(document.read_text().splitlines()):
                missing.setdefault(str(path.relative_to(root)), set()).add(first)
    return missing
