"""Shared set-up of the top-level tests: plain pytest, no odoo import.

1. Every addon's ``engines`` folder (plain Python, see addons/child_protection/engines/__init__.py) is importable on
   its own as ``<addon>_engines``, e.g. ``from child_protection_engines import decree30``, without importing the addon
   (whose ``__init__`` imports odoo).
2. Fixtures for the end-to-end tests against the live server that scripts/test.sh starts: ``odoo_url`` and
   ``odoo_db`` from CHILD_TEST_URL and CHILD_TEST_DB, ``odoo_rpc`` (an XML-RPC client) and ``admin``.
"""
import http.cookiejar
import importlib.util
import json
import os
import urllib.request
import sys
import xmlrpc.client
from pathlib import Path

import _pytest.main
import pytest

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent
ADDONS_DIR = ROOT / "addons"
RPC_TIMEOUT = 120  # seconds; a call that hangs fails instead of blocking the whole run


# Engines -------------------------------------------------------------------------------------------------------

def engines_package_name(addon):
    """The name the engines of ``addon`` are imported under: ``child_protection`` -> ``child_protection_engines``."""
    return "%s_engines" % addon


def load_engines(addons_dir=ADDONS_DIR):
    """Register each ``addons/<addon>/engines`` folder as the package ``<addon>_engines``; return the names.

    The package's ``__init__`` runs, its submodules are found in the folder and relative imports between them work,
    but neither the addon nor odoo is imported.
    """
    names = []
    for init in sorted(Path(addons_dir).glob("*/engines/__init__.py")):
        name = engines_package_name(init.parent.parent.name)
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(
                name, str(init), submodule_search_locations=[str(init.parent)])
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
        names.append(name)
    return names


ENGINE_PACKAGES = load_engines()


# Collection ----------------------------------------------------------------------------------------------------
# pytest-odoo 1.0.1 treats every file as part of an addon: for a file outside addons/ its _find_manifest_path()
# ends at "/__manifest__.py", which pytest_ignore_collect then fails to read (FileNotFoundError) and which makes
# pytest_pycollect_makemodule import the file as "odoo.addons.<name>". The files here are plain pytest modules.

def _is_here(path):
    path = Path(str(path)).resolve()
    return path == TESTS_DIR or TESTS_DIR in path.parents


@pytest.hookimpl(tryfirst=True)
def pytest_ignore_collect(collection_path, config):
    if _is_here(collection_path):
        # pytest's own rules (--ignore, --ignore-glob, ...), then stop: the other hooks would be pytest-odoo's.
        return bool(_pytest.main.pytest_ignore_collect(collection_path=collection_path, config=config))
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path, parent):
    if _is_here(module_path) and module_path.name != "__init__.py":
        return pytest.Module.from_parent(parent, path=module_path)
    return None


@pytest.fixture(scope="session")
def load_registry():
    """Overrides pytest-odoo's autouse fixture of that name for the tests here: they use no Odoo registry, so
    they also run without --odoo-database (``pytest tests``)."""


# Live server ---------------------------------------------------------------------------------------------------

class _TimeoutMixin:
    timeout = RPC_TIMEOUT

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


class _Transport(_TimeoutMixin, xmlrpc.client.Transport):
    pass


class _SafeTransport(_TimeoutMixin, xmlrpc.client.SafeTransport):
    pass


class OdooRpc:
    """XML-RPC access to one database of an Odoo server (the external API, /xmlrpc/2)."""

    def __init__(self, url, db):
        self.url = url.rstrip("/")
        self.db = db

    def proxy(self, service):
        transport = _SafeTransport() if self.url.startswith("https:") else _Transport()
        return xmlrpc.client.ServerProxy("%s/xmlrpc/2/%s" % (self.url, service), transport=transport,
                                         allow_none=True)

    def login(self, login, password):
        """Authenticate; return an :class:`OdooUser` whose calls run as that user."""
        uid = self.proxy("common").authenticate(self.db, login, password, {})
        if not uid:
            raise AssertionError("login %r with its password was refused by %s (database %s)"
                                 % (login, self.url, self.db))
        return OdooUser(self, uid, login, password)


class OdooUser:
    """A logged-in user: ``call(model, method, *args, **kwargs)`` runs ``execute_kw`` as that user."""

    def __init__(self, rpc, uid, login, password):
        self.rpc = rpc
        self.uid = uid
        self.login = login
        self._password = password
        self._object = rpc.proxy("object")

    def call(self, model, method, *args, **kwargs):
        return self._object.execute_kw(self.rpc.db, self.uid, self._password, model, method, list(args), kwargs)

    def download(self, path, timeout=120):
        """GET ``path`` of the web server in a browser session of this user; returns (content type, bytes)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        body = json.dumps({"jsonrpc": "2.0", "params": {"db": self.rpc.db, "login": self.login,
                                                        "password": self._password}}).encode()
        opener.open(urllib.request.Request("%s/web/session/authenticate" % self.rpc.url, body,
                                           {"Content-Type": "application/json"}), timeout=60).read()
        with opener.open("%s%s" % (self.rpc.url, path), timeout=timeout) as response:
            return response.headers["Content-Type"], response.read()

    def ref(self, xmlid):
        """The database id of the record with the external id ``xmlid`` (module.name)."""
        return self.call("ir.model.data", "xmlid_to_res_id", xmlid, True)

    def __repr__(self):
        return "<OdooUser %s (uid %s)>" % (self.login, self.uid)


def _required_env(name, what):
    value = os.environ.get(name, "").strip()
    if not value:
        pytest.fail("%s is not set: it must give %s. scripts/test.sh sets it for the test server it starts; to run "
                    "the tests by hand, start a server on a database with the addons and their demo data and set "
                    "CHILD_TEST_URL and CHILD_TEST_DB." % (name, what), pytrace=False)
    return value


@pytest.fixture(scope="session")
def odoo_url():
    """The test server's address, e.g. http://127.0.0.1:8169."""
    return _required_env("CHILD_TEST_URL", "the test server's address, e.g. http://127.0.0.1:8169").rstrip("/")


@pytest.fixture(scope="session")
def odoo_db():
    """The name of the test server's database."""
    return _required_env("CHILD_TEST_DB", "the name of the test server's database")


@pytest.fixture(scope="session")
def odoo_rpc(odoo_url, odoo_db):
    rpc = OdooRpc(odoo_url, odoo_db)
    try:
        rpc.proxy("common").version()
    except (OSError, xmlrpc.client.Error) as error:
        pytest.fail("the test server %s does not answer XML-RPC: %s" % (odoo_url, error), pytrace=False)
    return rpc


@pytest.fixture(scope="session")
def admin(odoo_rpc):
    """The administrator (admin / admin): sets up fixture data, never the thing under test."""
    return odoo_rpc.login("admin", "admin")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (``item.rep_call``...), for fixtures that act on a failure, such as
    the browser tests' screenshot of the page a step failed on."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
