"""Shared test setup: a clean, offline AWS environment for every tier."""

import os

# Tests never touch a real AWS account: fake credentials, a fixed region, no endpoint override.
for key, value in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_REGION": "eu-west-1",
    "TABLE_NAME": "portal-local",
    "DOCUMENTS_BUCKET": "portal-documents-local",
    "SITE_URL": "http://127.0.0.1:8000",
    "POWERTOOLS_TRACE_DISABLED": "true",
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
