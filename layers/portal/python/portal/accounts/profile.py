"""Mijn gegevens: what a client sees and sets about their own account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from portal.accounts import codes, passwords, sessions, throttle, two_factor
from portal.accounts.models import Account
from portal.audit import trail
from portal.platform import mail
from portal.platform.errors import Invalid, Unauthenticated
from portal.platform.messages import LANGUAGES
from portal.platform.settings import get_settings


def me(account: Account) -> dict[str, Any]:
    """Me, with what the frame shows on every page: Home's counts and the Acties panel's first open
    questionnaires (titles in the account's language). Two DynamoDB calls beside the session check."""
    from portal.questionnaires.actions import with_counts  # the questionnaire side depends on accounts

    actions, counts = with_counts(account.party_id, language=account.language)
    return {
        "id": account.id,
        "name": account.name,
        "email": account.email,
        "language": account.language,
        "kind": account.kind,
        "company_name": account.company_name,
        "two_factor": {"method": account.two_factor_method, "phone_hint": codes.phone_hint(account.phone)},
        "notifications": {
            "documents": account.notify_documents,
            "questionnaires": account.notify_questionnaires,
            "messages": account.notify_messages,
        },
        "office_name": get_settings().office_name,
        "counts": counts,
        "actions": actions,
    }


def set_language(account: Account, language: str, *, source_ip: str) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise Invalid("language_invalid")
    account.update(actions=[Account.language.set(language)])
    trail.record("language_changed", actor=account.id, subject=account.id, source_ip=source_ip, language=language)
    return me(account)


def set_notifications(account: Account, *, documents: bool, questionnaires: bool, messages: bool, source_ip: str) -> dict[str, Any]:
    account.update(
        actions=[
            Account.notify_documents.set(documents),
            Account.notify_questionnaires.set(questionnaires),
            Account.notify_messages.set(messages),
        ]
    )
    trail.record(
        "notifications_changed", actor=account.id, subject=account.id, source_ip=source_ip,
        documents=documents, questionnaires=questionnaires, messages=messages,
    )
    return me(account)


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


@dataclass(frozen=True)
class PasswordChanged:
    """What changing the password answers: Me, and the caller's session re-issued in the new generation."""

    me: dict[str, Any]
    session_cookie: str


def new_password(account: Account, current: str, new: str, *, source_ip: str,
                 user_agent: str | None = None) -> PasswordChanged:
    cookie = change_password(account, current, new, source_ip=source_ip, user_agent=user_agent)
    account.refresh()
    return PasswordChanged(me(account), cookie)


def confirm_two_factor(account: Account, method: Literal["sms", "totp"], code: str, *, source_ip: str) -> dict[str, Any]:
    """Turn on 2-step verification with the first code: the recovery code (shown once) and Me as it now is."""
    confirm = two_factor.confirm_sms if method == "sms" else two_factor.confirm_totp
    recovery = confirm(account, code, source_ip=source_ip)
    account.refresh()
    return {"recovery_code": recovery, "me": me(account)}


def turn_off_two_factor(account: Account, password: str, *, source_ip: str, code: str | None = None,
                        method: str | None = None) -> dict[str, Any]:
    """Turn 2-step verification off (password and second factor checked there); Me as it now is."""
    two_factor.disable(account, password, source_ip=source_ip, code=code, method=method)
    account.refresh()
    return me(account)
