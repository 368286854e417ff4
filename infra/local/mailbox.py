"""The dev mailbox: what SES and SNS in the embedded moto would have delivered.

Read straight from moto's in-process backends (the server runs in this process), newest last.
"""

from __future__ import annotations

import email
import email.policy
import html
import json
import re
from typing import Any

_LINK = re.compile(r"https?://[^\s\"'<>]+")


def _ses_backend() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"]


def _parse_raw(raw: str) -> dict[str, Any]:
    message = email.message_from_string(raw, policy=email.policy.default)
    text = html_part = ""
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not text:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and not html_part:
            html_part = part.get_content()
    return {
        "to": [a.strip() for a in str(message.get("To", "")).split(",") if a.strip()],
        "from": str(message.get("From", "")),
        "subject": str(message.get("Subject", "")),
        "text": text,
        "html": html_part,
        "links": list(dict.fromkeys(_LINK.findall(text))),
    }


def mails() -> list[dict[str, Any]]:
    found = []
    for sent in _ses_backend().sent_messages:
        raw = getattr(sent, "raw_data", None)
        if raw:
            found.append(_parse_raw(raw))
        else:
            body = getattr(sent, "body", "") or ""
            found.append(
                {
                    "to": list(getattr(sent, "destinations", {}).get("ToAddresses", [])),
                    "from": getattr(sent, "source", ""),
                    "subject": getattr(sent, "subject", ""),
                    "text": body,
                    "html": getattr(sent, "html_body", "") or "",
                    "links": list(dict.fromkeys(_LINK.findall(body))),
                }
            )
    return found


def sms() -> list[dict[str, Any]]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends

    backend = sns_backends[DEFAULT_ACCOUNT_ID]["eu-west-1"]
    return [
        {"to": number, "message": message}
        for _id, (number, message) in getattr(backend, "sms_messages", {}).items()
    ]


def page() -> str:
    rows = []
    for mail in reversed(mails()):
        links = "".join(
            f'<li><a href="{html.escape(link)}">{html.escape(link)}</a></li>' for link in mail["links"]
        )
        rows.append(
            "<article><h2>{subject}</h2><p>Aan: {to}</p><pre>{text}</pre><ul>{links}</ul></article>".format(
                subject=html.escape(mail["subject"]),
                to=html.escape(", ".join(mail["to"])),
                text=html.escape(mail["text"]),
                links=links,
            )
        )
    texts = "".join(
        f"<li>{html.escape(m['to'])}: {html.escape(m['message'])}</li>" for m in reversed(sms())
    )
    from portal_local import activity_events

    happened = "".join(
        f"<li><code>{html.escape(e.get('time', ''))}</code> {html.escape(e.get('detail-type', ''))}: "
        f"<code>{html.escape(json.dumps(e.get('detail', {}), sort_keys=True))}</code></li>"
        for e in reversed(activity_events.received())
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev mailbox</title>'
        '<link rel="stylesheet" href="/css/portal.css"></head><body><main class="page">'
        f"<h1>Dev mailbox</h1><section><h2>SMS</h2><ul>{texts or '<li>none</li>'}</ul></section>"
        f"<section><h2>Events (<a href=\"/_dev/events\">JSON</a>)</h2><ul>{happened or '<li>none</li>'}</ul></section>"
        f"{''.join(rows) or '<p>No e-mail yet.</p>'}</main></body></html>"
    )
