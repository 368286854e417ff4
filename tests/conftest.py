"""Shared test setup: a clean, offline AWS environment for every tier."""

import os

from portal_local.environment import local_environment

# The functions' environment as template.yaml sets it (the local stack's too), then what is the
# tests' own. Tests never touch a real AWS account: fake credentials, no endpoint override.
os.environ.update(local_environment({"SiteUrl": "http://127.0.0.1:8000"}))
for key, value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    # argon2id at its cheapest (the deployed cost is in settings; benchmarks measure it): tests
    # hash hundreds of passwords. One test raises them to prove the rehash at login.
    "PASSWORD_MEMORY_KIB": "1024",
    "PASSWORD_TIME_COST": "1",
}.items():
    os.environ[key] = value
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)

# Helper modules (no test_ prefix, so pytest does not collect them) still get pytest's assertion
# messages: their asserts are rewritten like the tests' own.
import pytest  # noqa: E402

pytest.register_assert_rewrite(
    "tests.support", "tests.security.faults", "tests.security.http_world", "tests.e2e.live_data",
    "tests.e2e.site_stubs", "tests.unit.messages_steps", "tests.unit.questionnaires_steps",
)

# One local stack and one Chromium per test process, shared by every tier that needs them
# (integration, e2e, security): fixtures defined once, here, so no tier starts its own twice.
from tests.support.browser import browser, page  # noqa: E402, F401
from tests.support.stack import stack  # noqa: E402, F401


@pytest.hookimpl(trylast=True)  # after xdist's own hook (see below)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Work units for ``--dist loadgroup`` (make test).

    A module whose tests share a module-scoped fixture (a stack of its own, a world built over
    HTTP, a translated template) runs whole on one worker: split over the two, each worker built it
    again (a stack's start is 10-30 s on two busy cores). A test's own xdist_group mark is kept.

    xdist 3.8 groups by a suffix it writes into ``item._nodeid``, which pytest 9 no longer reads
    (the id is ``item._id``), so every xdist_group mark was ignored; the suffix is written here,
    where pytest 9 reads it, and xdist's scheduler finds it in the id as before.
    """
    if not getattr(config.option, "loadgroup", False):  # set in xdist's workers under --dist loadgroup
        return
    from _pytest.nodeid import NodeId

    for item in items:
        names = {str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                 for mark in item.iter_markers("xdist_group")}
        fixtures = getattr(item, "_fixtureinfo", None)
        if not names and fixtures and any(defs[-1].scope == "module" for defs in fixtures.name2fixturedefs.values()):
            names = {item.nodeid.split("::")[0]}
        if names and "@" not in item.nodeid and isinstance(getattr(item, "_id", None), NodeId):
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(names))}")
