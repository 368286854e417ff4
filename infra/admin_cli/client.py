"""A SigV4-signing HTTP client for the admin API (used by the CLI and the tests).

Against the local stack (a loopback endpoint) it signs with the local staff credentials; against a
deployed stack, with the caller's own AWS credentials, exactly as API Gateway's AWS_IAM expects.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def default_endpoint() -> str:
    return os.environ.get("PORTAL_ADMIN_ENDPOINT") or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin"


def _credentials(endpoint: str) -> tuple[Credentials, str]:
    host = urlsplit(endpoint).hostname or ""
    if host in LOOPBACK:
        from portal_local import sigv4

        if os.environ.get("PORTAL_ADMIN_LOCAL_STAFF") == "second":  # the colleague who approves (two-person rule)
            return Credentials(sigv4.LOCAL_SECOND_STAFF_KEY_ID, sigv4.LOCAL_SECOND_STAFF_SECRET), "eu-west-1"
        return Credentials(sigv4.LOCAL_STAFF_KEY_ID, sigv4.LOCAL_STAFF_SECRET), "eu-west-1"
    import boto3

    session = boto3.Session()
    found = session.get_credentials()
    if found is None:
        raise SystemExit("portal-admin: no AWS credentials found to sign the request")
    return found.get_frozen_credentials(), session.region_name or "eu-west-1"  # type: ignore[return-value]


@dataclass
class AdminResponse:
    status: int
    body: Any
    headers: dict[str, str]

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class AdminClient:
    def __init__(self, endpoint: str | None = None, timeout: float = 30) -> None:
        self.endpoint = (endpoint or default_endpoint()).rstrip("/")
        self.credentials, self.region = _credentials(self.endpoint)
        self.timeout = timeout

    def request(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None) -> AdminResponse:
        url = self.endpoint + path
        if query:
            url += "?" + urlencode({k: v for k, v in query.items() if v is not None}, doseq=True)
        data = json.dumps(body).encode("utf-8") if body is not None else b""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        signed = AWSRequest(method=method, url=url, data=data, headers=headers)
        SigV4Auth(self.credentials, "execute-api", self.region).add_auth(signed)
        response = requests.request(
            method, url, data=data or None, headers=dict(signed.headers.items()), timeout=self.timeout
        )
        try:
            payload = response.json() if response.content else None
        except ValueError:
            payload = response.text
        return AdminResponse(response.status_code, payload, dict(response.headers))

    def get(self, path: str, **query: Any) -> AdminResponse:
        return self.request("GET", path, query=query or None)

    def post(self, path: str, body: Any = None) -> AdminResponse:
        return self.request("POST", path, body if body is not None else {})

    def put(self, path: str, body: Any) -> AdminResponse:
        return self.request("PUT", path, body)

    def patch(self, path: str, body: Any) -> AdminResponse:
        return self.request("PATCH", path, body)

    def delete(self, path: str) -> AdminResponse:
        return self.request("DELETE", path)
