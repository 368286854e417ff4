"""Extra accounts of a company: only its main account may add, view and remove them.

Extra accounts share the company's party, so they see the company's dossiers; they cannot manage
accounts themselves. Any other id, guessed or copied, is simply not found.
"""

from __future__ import annotations

from typing import Any

from portal.accounts import links, registry
from portal.accounts.lookup import by_id
from portal.accounts.models import ACTIVE, COMPANY_EXTRA, COMPANY_MAIN, INVITED, Account
from portal.accounts.sessions import Principal
from portal.platform.errors import Forbidden, NotFound


def _require_main(principal: Principal) -> None:
    if principal.kind != COMPANY_MAIN:
        raise Forbidden("company_main_only")


def _extra(principal: Principal, account_id: str) -> Account:
    _require_main(principal)
    try:
        account = by_id(account_id)
    except NotFound:
        raise NotFound() from None
    if account.kind != COMPANY_EXTRA or account.party_id != principal.party_id or account.status not in (INVITED, ACTIVE):
        raise NotFound()
    return account


def list_extra(principal: Principal) -> list[dict[str, Any]]:
    _require_main(principal)
    # Few per company: one query on the company's own partition of the listing index.
    found = Account.company_members.query(f"COMPANY#{principal.party_id}")
    return [registry.summary(a) for a in found if a.kind == COMPANY_EXTRA and a.status in (INVITED, ACTIVE)]


def add_extra(principal: Principal, name: str, email: str, *, source_ip: str) -> dict[str, Any]:
    _require_main(principal)
    main = principal.account
    account = registry.create(
        name=name, email=email, language=main.language, kind=COMPANY_EXTRA, party_id=principal.party_id,
        company_name=main.company_name, actor=principal.account_id, source_ip=source_ip,
    )
    links.send_invitation(account, actor=principal.account_id, source_ip=source_ip)
    return registry.summary(account)


def show_extra(principal: Principal, account_id: str) -> dict[str, Any]:
    return registry.summary(_extra(principal, account_id))


def remove_extra(principal: Principal, account_id: str, *, source_ip: str) -> None:
    registry.remove(_extra(principal, account_id), actor=principal.account_id, source_ip=source_ip)
