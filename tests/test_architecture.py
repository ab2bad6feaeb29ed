"""The core stays headless and documented.

Extraction, scoring and the CLI must never import Textual (only a future
``quotetrack/tui/`` may), and every public function says what it does.
"""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import quotetrack

PACKAGE = Path(quotetrack.__file__).parent
CORE = sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE)])
              if m.name not in {"tui", "__main__"})


def test_core_modules_do_not_import_textual():
    code = ("import importlib, sys\n"
            "for name in %r:\n"
            "    importlib.import_module('quotetrack.' + name)\n"
            "print('textual' in sys.modules)\n" % (CORE,))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", CORE


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
