"""Mijn gegevens: what a client sees and sets about their own account."""

from __future__ import annotations

from typing import Any

from portal.accounts import codes, passwords, sessions, throttle
from portal.accounts.models import Account
from portal.audit import trail
from portal.platform import mail
from portal.platform.errors import Invalid, Unauthenticated
from portal.platform.settings import get_settings
from portal.platform.texts import LANGUAGES


def details(account: Account) -> dict[str, Any]:
    """The account's own part of Me (no DynamoDB call). The whole of Me, with Home's counts and the
    Acties panel, is composed above the domain packages: :mod:`portal.composed.profile`."""
    return {
        "id": account.id,
        "name": account.name,
        "email": account.email,
        "language": account.language,
        "kind": account.kind,
        "company_name": account.company_name,
        "two_factor": {"method": account.two_factor_method, "phone_hint": codes.phone_hint(account.phone)},
        "passkeys": account.passkey_count or 0,
        "notifications": {
            "documents": account.notify_documents,
            "questionnaires": account.notify_questionnaires,
            "messages": account.notify_messages,
            "appointments": account.notify_appointments,
        },
        "office_name": get_settings().office_name,
        "office_logo": get_settings().office_logo_path,
        "brand_colour": get_settings().brand_colour,
    }


def set_language(account: Account, language: str, *, source_ip: str) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise Invalid("language_invalid")
    account.update(actions=[Account.language.set(language)])
    trail.record("language_changed", actor=account.id, subject=account.id, source_ip=source_ip, language=language)
    return details(account)


def set_notifications(account: Account, *, documents: bool, questionnaires: bool, messages: bool, source_ip: str,
                      appointments: bool | None = None) -> dict[str, Any]:
    """Set the switches; ``appointments`` None leaves that one as it is (a client that knows only three)."""
    if appointments is None:
        appointments = account.notify_appointments
    account.update(
        actions=[
            Account.notify_documents.set(documents),
            Account.notify_questionnaires.set(questionnaires),
            Account.notify_messages.set(messages),
            Account.notify_appointments.set(appointments),
        ]
    )
    trail.record(
        "notifications_changed", actor=account.id, subject=account.id, source_ip=source_ip,
        documents=documents, questionnaires=questionnaires, messages=messages, appointments=appointments,
    )
    return details(account)


def change_password(account: Account, current: str, new: str, *, source_ip: str, user_agent: str | None = None) -> str:
    """Change the password; every other session ends. Returns the caller's new session cookie.

    The caller's session is re-issued in the new generation; ``user_agent`` (the same browser's
    header) gives it the same device in the session list.
    """
    throttle.take(throttle.LOGIN_PER_ACCOUNT, account.email, actor=account.id, source_ip=source_ip)  # atomic
    if not passwords.verify(account.password_hash, current):
        trail.record("password_check_failed", actor=account.id, subject=account.id, source_ip=source_ip, step="change")
        raise Unauthenticated("invalid_credentials")
    throttle.give_back(throttle.LOGIN_PER_ACCOUNT, account.email)
    passwords.check_policy(new)
    account.update(
        actions=[
            Account.password_hash.set(passwords.hash_password(new)),
            Account.link_generation.add(1),  # outstanding set-password links die with the old password
            Account.session_generation.add(1),
        ]
    )
    trail.record("password_changed", actor=account.id, subject=account.id, source_ip=source_ip)
    # The owner hears of it even if someone else did it: the confirmation of the first-time flow.
    mail.send(account.email, "password_set", account.language, name=account.name)
    return sessions.start(account, user_agent)
