"""Security tier: in-process checks reuse the unit tier's AWS fixtures; HTTP and browser checks
use the shared local stack and Chromium (tests/conftest.py)."""

from tests.unit.conftest import aws, fake_clock  # noqa: F401 - fixtures
