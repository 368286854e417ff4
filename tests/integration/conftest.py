"""Integration tier: HTTP against the local stack (see tests/support/stack.py)."""

from tests.support.stack import stack  # noqa: F401 - the session fixture
