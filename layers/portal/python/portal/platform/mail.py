"""Every e-mail the portal sends: rendered from one set of Jinja2 templates, sent as MIME via SES.

Templates live in ``portal/templates/email/<language>/<name>.{txt,html}.j2``; both parts are sent
(``send_raw_email``) so clients that prefer plain text get it. Links are built from the configured
site URL by the caller, never from a request's Host header. jinja2 is imported lazily: only the
functions that send mail pay for it.
"""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.utils import formataddr
from functools import lru_cache
from pathlib import Path
from typing import Any

from portal.platform.aws import client
from portal.platform.settings import get_settings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "email"
_send_seconds: list[float] = [0.05]


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2  # lazy: cold start, only a function that sends mail loads jinja2 (a unit guard)

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, language: str, **context: Any) -> tuple[str, str, str]:
    """(subject, text, html) of ``template`` in ``language``."""
    settings = get_settings()
    env = _environment()
    context = {"office_name": settings.office_name, "site_url": settings.site_url,
               "office_logo_url": settings.office_logo_url, "brand_colour": settings.brand_colour, **context}
    subject = env.get_template(f"{language}/{template}.subject.j2").render(**context).strip()
    text = env.get_template(f"{language}/{template}.txt.j2").render(**context)
    html = env.get_template(f"{language}/{template}.html.j2").render(**context)
    return subject, text, html


def _header_safe(value: str) -> str:
    # Names come from users and staff: no CR/LF may ever reach a mail header.
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def compose(to: str, template: str, language: str, **context: Any) -> bytes:
    """The e-mail as SES would receive it: rendered and built as MIME, not sent."""
    from email.headerregistry import Address  # lazy: cold start, its header parser loads only to send mail

    settings = get_settings()
    subject, text, html = render(template, language, **context)
    message = EmailMessage()
    message["Subject"] = _header_safe(subject)
    message["From"] = formataddr((_header_safe(settings.office_name), settings.sender_email))
    message["To"] = Address(addr_spec=_header_safe(to))
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message.as_bytes()


def send(to: str, template: str, language: str, **context: Any) -> str:
    """Render and send one e-mail; returns SES's message id."""
    settings = get_settings()
    raw = compose(to, template, language, **context)
    started = time.perf_counter()
    extra = {"ConfigurationSetName": settings.mail_configuration_set} if settings.mail_configuration_set else {}
    response = client("ses").send_raw_email(
        Source=settings.sender_email, Destinations=[to], RawMessage={"Data": raw}, **extra
    )
    _send_seconds.append(time.perf_counter() - started)
    del _send_seconds[:-20]
    return response["MessageId"]


def typical_send_seconds() -> float:
    """The median of recent sends: used to make 'no mail sent' take as long as 'mail sent'."""
    ordered = sorted(_send_seconds)
    return ordered[len(ordered) // 2]
