"""The engines of every addon are plain Python: no odoo import, so they run (and are tested) without a server."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGINE_FILES = sorted(ROOT.glob("addons/*/engines/*.py"))


def _odoo_imports(tree):
    """The import statements of ``tree`` that import odoo or leave the engines package (and so the addon's
    __init__, which imports odoo), as "line N: ..." strings."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
            if any(name == "odoo" or name.startswith("odoo.") for name in names):
                found.append("line %d: import %s" % (node.lineno, ", ".join(names)))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0 and (module == "odoo" or module.startswith("odoo.")):
                found.append("line %d: from %s import ..." % (node.lineno, module))
            elif node.level > 1:
                found.append("line %d: from %s%s import ... (outside the engines package)"
                             % (node.lineno, "." * node.level, module))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("__import__", "import_module") and node.args and isinstance(node.args[0], ast.Str) \
                    and node.args[0].s.split(".")[0] == "odoo":
                found.append("line %d: %s(%r)" % (node.lineno, name, node.args[0].s))
    return found


def test_there_are_engines():
    assert ENGINE_FILES, "no addons/*/engines/*.py found under %s" % ROOT


@pytest.mark.parametrize("path", ENGINE_FILES, ids=[str(p.relative_to(ROOT)) for p in ENGINE_FILES])
def test_engine_does_not_import_odoo(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert _odoo_imports(tree) == []


def test_engines_load_without_odoo():
    """In a fresh interpreter (this one has odoo loaded by the addons' tests), loading every engine leaves odoo
    unimported."""
    script = "\n".join([
        "import importlib, sys",
        "sys.path.insert(0, %r)" % str(Path(__file__).resolve().parent),
        "import conftest",
        "for package in conftest.ENGINE_PACKAGES:",
        "    for path in sorted(conftest.ADDONS_DIR.glob(package[:-len('_engines')] + '/engines/*.py')):",
        "        if path.stem != '__init__':",
        "            importlib.import_module(package + '.' + path.stem)",
        "loaded = sorted(name for name in sys.modules if name == 'odoo' or name.startswith('odoo.'))",
        "print(len(conftest.ENGINE_PACKAGES), loaded)",
    ])
    result = subprocess.run([sys.executable, "-c", script], cwd=str(ROOT), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.strip().split(" ", 1)
    assert int(count) >= 1
    assert loaded == "[]"
