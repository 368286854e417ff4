"""SES bounce and complaint events (configuration set -> SNS -> a function): mark the address.

A permanent bounce or a complaint stops the portal mailing that account; staff see it as
``mail_status`` in ``portal-admin clients show``. Transient bounces are left alone: SES retries.
"""

from __future__ import annotations

import json
from typing import Any

from portal.accounts.lookup import by_email
from portal.accounts.models import Account


def _addresses(notification: dict[str, Any]) -> tuple[str | None, list[str]]:
    kind = notification.get("notificationType") or notification.get("eventType")
    if kind == "Bounce":
        bounce = notification.get("bounce") or {}
        if bounce.get("bounceType") != "Permanent":
            return None, []
        return "bounced", [r.get("emailAddress", "") for r in bounce.get("bouncedRecipients", [])]
    if kind == "Complaint":
        complaint = notification.get("complaint") or {}
        return "complained", [r.get("emailAddress", "") for r in complaint.get("complainedRecipients", [])]
    return None, []


def handle_sns_event(event: dict[str, Any]) -> int:
    """Returns how many accounts were marked."""
    marked = 0
    for record in event.get("Records", []):
        try:
            notification = json.loads(record["Sns"]["Message"])
        except (KeyError, ValueError):
            continue
        status, addresses = _addresses(notification)
        for address in addresses:
            account = by_email(address) if status else None
            if account is not None and account.mail_status != status:
                account.update(actions=[Account.mail_status.set(status)])
                marked += 1
    return marked
