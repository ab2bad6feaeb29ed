"""The package's layers point one way, only the browser imports Textual, and
every public function says what it does.

The layers, lowest first: ``engine`` (text to quotations, pure functions),
then ``library`` (the SQLite store) and ``search`` (search and compare) on
it, ``evaluation`` (scoring) on the engine alone, and ``cli`` and ``tui`` on
top. Imports are read from the source (those inside functions too), so a
lazy import cannot slip a layer past the test; a second check imports every
module and looks at what actually got loaded.
"""

import ast
import subprocess
import sys
from pathlib import Path

import quotetrack

PACKAGE = Path(quotetrack.__file__).parent

# What each part may import of quotetrack ("quotetrack" alone is the package
# root, whose __init__ only re-exports the engine's API).
ALLOWED = {
    "quotetrack": {"quotetrack", "engine"},
    "engine": {"engine"},
    "library": {"quotetrack", "engine", "library"},
    "search": {"engine", "search"},
    "evaluation": {"engine", "evaluation"},
    "tui": {"quotetrack", "engine", "library", "search", "tui"},
    "cluster": {"quotetrack", "engine", "library", "cluster"},
    "cli": {"quotetrack", "engine", "library", "search", "evaluation", "cli", "tui", "cluster"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(dotted: str) -> str:
    """The layer a dotted quotetrack module belongs to."""
    parts = dotted.split(".")
    if len(parts) == 1:
        return "quotetrack"
    if parts[1] == "__main__":  # python -m quotetrack: the command line
        return "cli"
    return parts[1] if parts[1] in ALLOWED else "quotetrack"


def _quotetrack_imports(source: str) -> set[str]:
    """Every quotetrack module a source file imports, at any depth in the file."""
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "quotetrack"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "quotetrack":
                # "from quotetrack import search" names a subpackage, "import extract" the root's API
                out |= {"quotetrack." + a.name if a.name in ALLOWED else "quotetrack" for a in node.names}
            elif node.module.split(".")[0] == "quotetrack":
                out.add(node.module)
    return out


def _violations(module: str, source: str) -> list[str]:
    here = _part(module)
    return ["%s imports %s" % (module, target) for target in sorted(_quotetrack_imports(source))
            if _part(target) not in ALLOWED[here]]


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        wrong += _violations(_module_name(path), path.read_text(encoding="utf-8"))
    assert not wrong, wrong


def test_the_layering_check_catches_an_upward_import_even_inside_a_function():
    lazy = "def f():\n    from quotetrack.library import store\n    return store\n"
    assert _violations("quotetrack.engine.marks", lazy) == [
        "quotetrack.engine.marks imports quotetrack.library"]
    assert _violations("quotetrack.search.compare", "from quotetrack import tui\n") == [
        "quotetrack.search.compare imports quotetrack.tui"]
    assert _violations("quotetrack.cli.main", lazy) == []


def _loaded_after_importing(modules: list[str]) -> list[str]:
    code = ("import importlib, json, sys\n"
            "for name in %r:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))\n" % (modules,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    import json
    return json.loads(out.stdout)


def _modules_of(*parts: str) -> list[str]:
    names = [_module_name(p) for p in sorted(PACKAGE.rglob("*.py"))]
    return [n for n in names if _part(n) in parts and not n.endswith("__main__")]


def test_the_engine_alone_loads_nothing_else_of_quotetrack():
    loaded = _loaded_after_importing(_modules_of("engine"))
    foreign = [m for m in loaded if m.startswith("quotetrack.") and _part(m) != "engine"]
    assert not foreign, foreign


def test_library_and_search_load_neither_cli_nor_tui():
    loaded = _loaded_after_importing(_modules_of("library", "search", "evaluation"))
    upper = [m for m in loaded if m.startswith(("quotetrack.cli", "quotetrack.tui"))]
    assert not upper, upper


def test_only_the_browser_imports_textual():
    # the CLI loads the browser only inside the command that opens it
    loaded = _loaded_after_importing(_modules_of("quotetrack", "engine", "library", "search",
                                                 "evaluation", "cli"))
    assert "textual" not in loaded
    for path in sorted(PACKAGE.rglob("*.py")):
        if _part(_module_name(path)) == "tui":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "textual" for n in names), path


def test_every_public_function_has_a_docstring():
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # module-level functions and methods; helpers nested inside a function are private
        nodes = list(tree.body) + [n for c in tree.body if isinstance(c, ast.ClassDef) for n in c.body]
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                if ast.get_docstring(node) is None:
                    missing.append("%s:%d %s" % (path.name, node.lineno, node.name))
    assert not missing, missing
