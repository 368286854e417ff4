"""The notification digest on the running portal: staff publish with portal-admin, one digest run
later the client's mailbox holds one digest in the client's language, and only then."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.clients import logged_in_client


def _cli(stack, *args: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_admin.cli", "--endpoint", stack.url + "/admin", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _digests(stack, email: str) -> list[dict]:
    return [m for m in stack.mails(email) if m["subject"].startswith(("Nieuw in uw dossier", "New in your dossier"))]


def test_a_document_published_with_portal_admin_reaches_the_client_in_one_digest(stack, tmp_path) -> None:
    _, account = logged_in_client(stack, name="Emma de Boer", language="en")
    dossier = _cli(stack, "dossiers", "create", "--number", "2026.7001", "--description", "Levering Kerkstraat 7",
                   "--grant", account["id"])
    letter = tmp_path / "brief.pdf"
    letter.write_bytes(b"%PDF-1.4\n% a letter with secret contents: Kerkstraat-geheim\n%%EOF\n")
    _cli(stack, "documents", "publish", "--dossier", dossier["id"], "--tab", "correspondence",
         "--title", "Brief over de Kerkstraat-geheim", str(letter))
    assert _digests(stack, account["email"]) == []  # nothing before the digest runs
    first = _cli(stack, "digest", "run")
    assert first["emails_sent"] >= 1
    [digest] = _digests(stack, account["email"])
    assert digest["subject"].startswith("New in your dossier")
    assert "1 new document in dossier 2026.7001 Levering Kerkstraat 7" in digest["text"]
    assert "Kerkstraat-geheim" not in digest["text"] + digest["html"]  # no title, no content: only where
    _cli(stack, "digest", "run")
    assert len(_digests(stack, account["email"])) == 1  # a second run sends nothing new


def test_the_appointments_switch_set_over_http_keeps_appointment_news_out_of_the_digest(stack, tmp_path) -> None:
    client, account = logged_in_client(stack, name="Bram Zonder Agenda")
    switched = client.put("/api/me/notifications", json={"documents": True, "questionnaires": True, "messages": True,
                                                         "appointments": False})
    assert switched.status_code == 200 and switched.json()["notifications"]["appointments"] is False
    assert client.get("/api/me").json()["notifications"]["appointments"] is False
    dossier = _cli(stack, "dossiers", "create", "--number", "2026.7002", "--description", "Levering Marktplein 3",
                   "--grant", account["id"])
    _cli(stack, "appointments", "set", "--dossier", dossier["id"], "--at", "2030-03-28T10:30",
         "--address", "Stationsplein 1, Utrecht")
    letter = tmp_path / "brief.pdf"
    letter.write_bytes(b"%PDF-1.4\n% a letter\n%%EOF\n")
    _cli(stack, "documents", "publish", "--dossier", dossier["id"], "--tab", "correspondence", "--title", "Brief", str(letter))
    _cli(stack, "digest", "run")
    [digest] = _digests(stack, account["email"])
    assert "1 nieuw document" in digest["text"] and "afspraak" not in digest["text"].lower()
