"""Me as the client API sends it: the account's own details (accounts) with what the frame shows
on every page, Home's counts and the Acties panel (questionnaires, over the dossiers' grants)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from aws_lambda_powertools.event_handler import Response

from portal.accounts import profile
from portal.accounts.models import Account
from portal.accounts.profile import change_password
from portal.web import responses

if TYPE_CHECKING:
    from portal.accounts.signin import LoginResult

__all__ = [
    "me", "set_language", "set_notifications", "change_password", "new_password", "confirm_two_factor",
    "turn_off_two_factor", "add_passkey", "remove_passkey", "login_response",
]


def me(account: Account) -> dict[str, Any]:
    """Me, with Home's counts and the Acties panel: drafts awaiting approval and the first open
    questionnaires (titles in the account's language). Two DynamoDB calls beside the session check."""
    # lazy: cold start, the login functions import this module for login_response, and a refused login needs no Acties
    from portal.composed.acties import panel

    actions, counts = panel(account.party_id, language=account.language)
    return {**profile.details(account), "counts": counts, "actions": actions}


def set_language(account: Account, language: str, *, source_ip: str) -> dict[str, Any]:
    profile.set_language(account, language, source_ip=source_ip)
    return me(account)


def set_notifications(account: Account, *, documents: bool, questionnaires: bool, messages: bool,
                      source_ip: str, appointments: bool | None = None) -> dict[str, Any]:
    profile.set_notifications(account, documents=documents, questionnaires=questionnaires, messages=messages,
                              appointments=appointments, source_ip=source_ip)
    return me(account)


def login_response(result: LoginResult) -> Response:
    """A finished login answers with the client's Me, so the site draws its first page at once."""
    if result.account is not None:
        result.body = {**result.body, "me": me(result.account)}
    return responses.login_response(result)


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
    from portal.accounts import two_factor  # lazy: cold start, only the 2-step settings need it

    confirm = two_factor.confirm_sms if method == "sms" else two_factor.confirm_totp
    recovery = confirm(account, code, source_ip=source_ip)
    account.refresh()
    return {"recovery_code": recovery, "me": me(account)}


def turn_off_two_factor(account: Account, password: str, *, source_ip: str, code: str | None = None,
                        method: str | None = None) -> dict[str, Any]:
    """Turn 2-step verification off (password and second factor checked there); Me as it now is."""
    from portal.accounts import two_factor  # lazy: cold start, only the 2-step settings need it

    two_factor.disable(account, password, source_ip=source_ip, code=code, method=method)
    account.refresh()
    return me(account)


def add_passkey(account: Account, credential: dict[str, Any], *, binding: str, source_ip: str) -> dict[str, Any]:
    """Store a new passkey: its entry (and a first recovery code, shown once) with Me as it now is."""
    from portal.accounts import passkeys  # lazy: cold start, only the passkey settings need it

    added = passkeys.register(account, credential, binding=binding, source_ip=source_ip)
    return {**added, "me": me(account)}


def remove_passkey(account: Account, passkey_id: str, password: str, *, code: str | None, method: str | None,
                   source_ip: str, credential: dict[str, Any] | None = None,
                   binding: str | None = None) -> dict[str, Any]:
    """Remove a passkey (password, and the rules for the last factor, checked there); Me as it now is.
    ``binding`` (the session) lets the last one be confirmed with a passkey's ``credential`` too."""
    from portal.accounts import passkey_removal  # lazy: cold start, only the passkey settings need it

    passkey_removal.remove(account, passkey_id, password, code=code, method=method, source_ip=source_ip,
                    credential=credential, binding=binding)
    return me(account)
