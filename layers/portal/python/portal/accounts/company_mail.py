"""The e-mails a company's main account makes the office send: an invitation, or a notice.

Both say which company did it and who (the main account's name, as the office registered it),
and what to do if it was not expected, so the office's address cannot be lent to a stranger's
message: the only text the company chooses is the invitee's name, and that is a name.
"""

from __future__ import annotations

from portal.accounts import links
from portal.accounts.models import Account
from portal.audit import trail
from portal.platform import mail
from portal.platform.settings import get_settings


def _context(main: Account) -> dict[str, str]:
    return {
        "company_name": main.company_name or main.name, "added_by": main.name,
        "office_email": get_settings().staff_email,
    }


def send_invitation(account: Account, main: Account, *, actor: str, source_ip: str) -> None:
    """An extra account's invitation: a new link (older ones die), naming the company and the adder."""
    token = links.issue(account, links.INVITATION)
    mail.send(
        account.email, "company_invitation", account.language, name=account.name,
        link=links.link_url(links.INVITATION, token), **_context(main),
    )
    trail.record("invitation_sent", actor=actor, subject=account.id, source_ip=source_ip, company=main.party_id)


def send_address_in_use(holder: Account, main: Account) -> None:
    """To the holder of an address a company tried to add: nothing changed, and whom to ask."""
    mail.send(holder.email, "address_in_use", holder.language, name=holder.name, **_context(main))
