"""Integration tier: HTTP against the local stack (the `stack` fixture: tests/support/stack.py)."""
