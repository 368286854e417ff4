"""A client of the portal over HTTP, as the site would be: used by integration and e2e tests.

The session cookie is Secure (``__Host-``), which an HTTP cookie jar will not send over plain http
to the local stack, so this client keeps and sends its cookies itself.

The last section, "dossiers for a client", gives later features a client with dossiers and
published documents: over HTTP for integration tests, straight through the domain for unit tests.
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


def extra_account(stack: Any, main: PortalClient, *, name: str = "Ahmed El Amrani") -> tuple[PortalClient, dict[str, Any]]:
    """A company's extra account, added by its main account and through the first-time flow."""
    added = main.post("/api/me/accounts", {"name": name, "email": unique_email("extra"), "password": PASSWORD})
    assert added.status_code == 201, added.text
    return activate(stack, added.json()["email"], language=main.language), added.json()


# ---------------------------------------------------------------- dossiers for a client
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload_and_publish(stack: Any, dossier_id: str, *, title: str = "Concept akte", tab: str = "documents",
                       file_name: str = "concept-akte.pdf", content: bytes = PDF_BYTES,
                       content_type: str = "application/pdf", visible_to: list[str] | None = None) -> dict[str, Any]:
    """Staff publish a file over HTTP: presigned POST straight to the embedded S3, then confirm."""
    admin = stack.admin()
    offer = admin.post(f"/dossiers/{dossier_id}/uploads",
                       {"file_name": file_name, "content_type": content_type, "size": len(content)})
    assert offer.status == 201, offer.body
    sent = requests.post(offer.body["url"], data=offer.body["fields"],
                         files={"file": (file_name, content, content_type)}, timeout=30)
    assert sent.status_code in (200, 201, 204), sent.text
    body: dict[str, Any] = {"upload_key": offer.body["upload_key"], "title": title, "tab": tab, "file_name": file_name}
    if visible_to:
        body["visible_to"] = visible_to
    published = admin.post(f"/dossiers/{dossier_id}/documents", body)
    assert published.status == 201, published.body
    return published.body


# Unit tier (moto in-process): the same, straight through the domain, without mails or passwords.
def active_account(*, name: str = "Jan de Vries", kind: str = "person", party_id: str | None = None,
                   company: str | None = None, language: str = "nl") -> Any:
    """An active account created through the domain, ready for a session."""
    from portal.accounts import registry
    from portal.accounts.models import ACTIVE, Account

    account = registry.create(
        name=name, email=unique_email(), language=language, kind=kind, party_id=party_id, company_name=company,
        actor="staff-test", source_ip="192.0.2.1",
    )
    account.update(actions=[Account.status.set(ACTIVE), Account.first_login_done.set(True)])
    return account


def session_headers(account: Any, site: str = "http://127.0.0.1:8000") -> dict[str, str]:
    """The headers of a signed-in browser for this account (a fresh session)."""
    from portal.accounts import sessions

    return {"Cookie": f"__Host-portal_session={sessions.start(account)}", "X-Portal-Request": "1",
            "Origin": site, "Accept-Language": account.language}


def new_dossier(*accounts: Any, number: str | None = None, description: str = "Levering Dorpsstraat 1 Utrecht",
                status: str | None = None) -> dict[str, Any]:
    """A dossier granted to these accounts' parties, created through the domain as staff would."""
    import uuid

    from portal.dossiers import registry

    return registry.create(
        number=number or f"2026.{uuid.uuid4().hex[:8].upper()}", description=description, status=status,
        grant=[a.id for a in accounts], actor="staff-test", source_ip="192.0.2.1",
    )


def publish_file(dossier_id: str, *, title: str = "Concept akte", tab: str = "documents",
                 file_name: str = "concept-akte.pdf", content: bytes = PDF_BYTES,
                 content_type: str = "application/pdf", visible_to: list[Any] | None = None) -> dict[str, Any]:
    """Upload through the presigned POST (moto intercepts it in-process) and publish, as staff would."""
    from portal.dossiers import publishing

    offer = publishing.request_upload(dossier_id, file_name=file_name, content_type=content_type, size=len(content))
    sent = requests.post(offer["url"], data=offer["fields"], files={"file": (file_name, content, content_type)}, timeout=30)
    assert sent.status_code in (200, 201, 204), sent.text
    return publishing.publish(
        dossier_id, upload_key=offer["upload_key"], title=title, tab=tab, file_name=file_name,
        visible_to=[a.id for a in visible_to] if visible_to else None, actor="staff-test", source_ip="192.0.2.1",
    )


def call(module: Any, method: str, path: str, headers: dict[str, str] | None = None,
         query: dict[str, str] | None = None, body: Any = None) -> tuple[int, Any]:
    """Invoke a function's lambda_handler with an API Gateway event: (status, parsed JSON body)."""
    import json

    from tests.unit.conftest import LambdaContext, api_event

    event = api_event(method, path, headers=headers, query=query, body=json.dumps(body) if body is not None else None)
    response = module.lambda_handler(event, LambdaContext())
    if not response.get("body"):
        return response["statusCode"], None
    try:
        return response["statusCode"], json.loads(response["body"])
    except ValueError:  # a file answered directly (an .ics): the text itself
        return response["statusCode"], response["body"]
