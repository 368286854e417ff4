"""Invitation and set-password links.

A link's token is 256-bit random and stored only as its sha256. It is single use, expires
(invitation 14 days, set-password link 1 hour), and dies as soon as a newer link is sent or the
password changes: each link carries the account's ``link_generation`` at issue, and only the
current generation is honoured.
"""

from __future__ import annotations

import time

from pynamodb.exceptions import DoesNotExist, UpdateError

from portal.accounts import throttle
from portal.accounts.lookup import by_email, by_id
from portal.accounts.models import ACTIVE, INVITED, Account, LinkToken
from portal.audit import trail
from portal.platform import clock, ids, mail
from portal.platform.errors import Gone, NotFound
from portal.platform.settings import get_settings

INVITATION = "invitation"
PASSWORD = "password"
LIFETIME = {INVITATION: 14 * 24 * 3600, PASSWORD: 3600}
ROUTE = {INVITATION: "activeren", PASSWORD: "wachtwoord-instellen"}
KEEP_AFTER_EXPIRY = 30 * 24 * 3600


def _key(token: str) -> str:
    return f"TOKEN#{ids.token_hash(token)}"


def issue(account: Account, purpose: str) -> str:
    """A new link for the account; every older link of the account stops working."""
    account.update(actions=[Account.link_generation.add(1)])
    token = ids.new_token()
    valid_until = clock.epoch() + LIFETIME[purpose]
    LinkToken(
        pk=_key(token), sk="META", purpose=purpose, account_id=account.id, generation=account.link_generation,
        valid_until=valid_until, expires_at=valid_until + KEEP_AFTER_EXPIRY,
    ).save()
    return token


def link_url(purpose: str, token: str) -> str:
    return f"{get_settings().site_url}/#/{ROUTE[purpose]}/{token}"


def inspect(token: str, purpose: str) -> tuple[LinkToken, Account]:
    """The link and its account, or 404 link_invalid / 410 link_used / 410 link_expired."""
    if not token or len(token) > 100:
        raise NotFound("link_invalid")
    try:
        link = LinkToken.get(_key(token), "META", consistent_read=True)
    except DoesNotExist:
        raise NotFound("link_invalid") from None
    if link.purpose != purpose:
        raise NotFound("link_invalid")
    if link.used_at is not None:
        raise Gone("link_used")
    account = by_id(link.account_id)
    if clock.epoch() >= link.valid_until or link.generation != account.link_generation:
        raise Gone("link_expired")
    if account.status not in (INVITED, ACTIVE):
        raise Gone("link_expired")
    return link, account


def send_invitation(account: Account, *, actor: str, source_ip: str) -> None:
    token = issue(account, INVITATION)
    mail.send(account.email, "invitation", account.language, name=account.name, link=link_url(INVITATION, token))
    trail.record("invitation_sent", actor=actor, subject=account.id, source_ip=source_ip)


def request_password_link(email: str, invitation: str | None, *, source_ip: str) -> None:
    """Send a set-password link if the address has an account. Answers the same either way."""
    # One conditional write per limit (throttle.take): however many requests race, at most the
    # limit get through. The address is counted first: a locked-out source spends nobody's allowance.
    throttle.take(throttle.LINKS_PER_ADDRESS, source_ip, source_ip=source_ip)
    throttle.take(throttle.LINKS_PER_EMAIL, email, source_ip=source_ip)
    account = by_email(email)
    if account is None or account.status not in (INVITED, ACTIVE):
        # No mail goes out: spend about as long as sending one would, so timing reveals nothing.
        time.sleep(mail.typical_send_seconds())
        return
    if invitation:
        try:
            link, invited = inspect(invitation, INVITATION)
            if invited.id == account.id:
                link.update(actions=[LinkToken.used_at.set(clock.epoch())], condition=LinkToken.used_at.does_not_exist())
        except (NotFound, Gone, UpdateError):
            pass  # a stale invitation does not change the answer
    token = issue(account, PASSWORD)
    mail.send(account.email, "password_link", account.language, name=account.name, link=link_url(PASSWORD, token))
    trail.record("password_link_sent", actor=account.id, subject=account.id, source_ip=source_ip)
