"""Me as the client API sends it: the account's own details (accounts) with what the frame shows
on every page, Home's counts and the Acties panel (questionnaires, over the dossiers' grants)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response

from portal.accounts import profile, web
from portal.accounts.models import Account
from portal.accounts.profile import change_password
from portal.accounts.signin import LoginResult
from portal.questionnaires.actions import with_counts

__all__ = ["me", "set_language", "set_notifications", "change_password", "login_response"]


def me(account: Account) -> dict[str, Any]:
    """Me, with Home's counts and the Acties panel's first open questionnaires (titles in the
    account's language). Two DynamoDB calls beside the session check."""
    actions, counts = with_counts(account.party_id, language=account.language)
    return {**profile.details(account), "counts": counts, "actions": actions}


def set_language(account: Account, language: str, *, source_ip: str) -> dict[str, Any]:
    profile.set_language(account, language, source_ip=source_ip)
    return me(account)


def set_notifications(account: Account, *, documents: bool, questionnaires: bool, messages: bool,
                      source_ip: str) -> dict[str, Any]:
    profile.set_notifications(account, documents=documents, questionnaires=questionnaires, messages=messages,
                              source_ip=source_ip)
    return me(account)


def login_response(result: LoginResult) -> Response:
    """A finished login answers with the client's Me, so the site draws its first page at once."""
    if result.account is not None:
        result.body = {**result.body, "me": me(result.account)}
    return web.login_response(result)
