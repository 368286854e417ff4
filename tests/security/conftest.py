"""Security tier: in-process checks reuse the unit tier's AWS fixtures; HTTP ones the local stack;
browser ones the e2e tier's Chromium."""

from tests.e2e.conftest import browser, page  # noqa: F401 - fixtures
from tests.support.stack import stack  # noqa: F401 - the session fixture
from tests.unit.conftest import aws, fake_clock  # noqa: F401 - fixtures
