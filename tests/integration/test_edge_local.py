"""The local stack plays CloudFront for the client API (issue 13, items 6 and 7): whatever a client
sends as the origin secret or as its viewer address is replaced, as the distribution does."""

from __future__ import annotations

import requests


def test_a_clients_own_origin_secret_and_viewer_address_are_replaced_not_refused(stack) -> None:
    spoofed = {"X-Origin-Verify": "guess", "CloudFront-Viewer-Address": "6.6.6.6:1"}
    answer = requests.get(stack.url + "/api/health", headers=spoofed, timeout=10)
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
