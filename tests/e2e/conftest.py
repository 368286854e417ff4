"""E2E tier: Playwright driving Debian's Chromium against the local stack (fixtures: tests/support/)."""
