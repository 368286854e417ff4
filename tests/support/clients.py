"""A client of the portal over HTTP, as the site would be: used by integration and e2e tests.

The session cookie is Secure (``__Host-``), which an HTTP cookie jar will not send over plain http
to the local stack, so this client keeps and sends its cookies itself.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import requests

PASSWORD = "Vlinder-Tuin-2026"
_numbers = itertools.count(1)


@dataclass
class PortalClient:
    url: str
    language: str = "nl"
    cookies: dict[str, str] = field(default_factory=dict)

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept-Language": self.language, "X-Portal-Request": "1", "Origin": self.url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _keep_cookies(self, response: requests.Response) -> None:
        for header in response.raw.headers.getlist("Set-Cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in header or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def request(self, method: str, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        response = requests.request(
            method, self.url + path, json=json, headers=self.headers(kwargs.pop("headers", None)), timeout=30, **kwargs
        )
        self._keep_cookies(response)
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, json if json is not None else {}, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, json, **kwargs)

    def delete(self, path: str, json: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, json, **kwargs)


def unique_email(prefix: str = "client") -> str:
    return f"{prefix}{next(_numbers)}-{id(_numbers) % 10000}@example.nl"


def token_from(mail: dict[str, Any]) -> str:
    return mail["links"][0].rsplit("/", 1)[1]


def invite(stack: Any, *, name: str = "Anna Jansen", email: str | None = None, company: str | None = None,
           language: str = "nl") -> dict[str, Any]:
    """Staff create a client through the admin API; returns the created account."""
    body: dict[str, Any] = {"name": name, "email": email or unique_email(), "language": language}
    if company:
        body["company"] = company
    created = stack.admin().post("/clients", body)
    assert created.status == 201, created.body
    return created.body


def activate(stack: Any, email: str, password: str = PASSWORD, language: str = "nl") -> PortalClient:
    """The manual's first-time flow over HTTP: invitation link -> e-mail -> set-password link -> logged in."""
    client = PortalClient(stack.url, language=language)
    invitation = token_from(stack.mails(email)[-1])
    sent = client.post("/api/password-links", {"email": email, "invitation": invitation})
    assert sent.status_code == 202, sent.text
    done = client.post("/api/password", {"token": token_from(stack.mails(email)[-1]), "password": password})
    assert done.status_code == 200, done.text
    return client


def logged_in_client(stack: Any, **kwargs: Any) -> tuple[PortalClient, dict[str, Any]]:
    """A new client, invited by staff and through the first-time flow: (client, account)."""
    account = invite(stack, **kwargs)
    return activate(stack, account["email"], language=kwargs.get("language", "nl")), account
