"""Invitation and set-password links.

A link's token is 256-bit random and stored only as its sha256. It is single use, expires
(invitation 14 days, set-password link 1 hour), and dies as soon as a newer link is sent or the
password changes: each link carries the account's ``link_generation`` at issue, and only the
current generation is honoured.
"""

from __future__ import annotations

import contextlib
import time

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError

from portal.accounts import throttle
from portal.accounts.lookup import by_email, by_id
from portal.accounts.models import ACTIVE, INVITED, REMOVED, Account, LinkToken, account_key
from portal.audit import trail
from portal.platform import clock, ids, mail
from portal.platform.errors import Gone, NotFound
from portal.platform.settings import get_settings

INVITATION = "invitation"
PASSWORD = "password"
DECOY = "decoy"  # stored for an address without an account, so both answers cost the same; never valid
DECOY_ACCOUNT = "decoy-for-addresses-without-an-account"  # removed, no e-mail claim, in no listing
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
    """The link and its account, or 404 link_invalid / 410 link_used / link_expired / link_superseded."""
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
    if clock.epoch() >= link.valid_until or account.status not in (INVITED, ACTIVE):
        raise Gone("link_expired")
    # Still within its time, but a newer link (or a password set since) voided it: the client's way
    # on is the latest e-mail, not a new request. The holder of the link learns nothing new by this.
    if link.generation != account.link_generation:
        raise Gone("link_superseded")
    return link, account


def send_invitation(account: Account, *, actor: str, source_ip: str) -> None:
    token = issue(account, INVITATION)
    mail.send(account.email, "invitation", account.language, name=account.name, link=link_url(INVITATION, token))
    trail.record("invitation_sent", actor=actor, subject=account.id, source_ip=source_ip)


def request_password_link(email: str, invitation: str | None, *, source_ip: str) -> None:
    """Send a set-password link if the address has an account. Answers the same either way, after
    the same work: an address without an account (or one that cannot get a link) reads, writes and
    renders what a known one does (:func:`_as_if_sent`); only SES's send is a wait as long as a
    recent send took. The difference is measured in ``make bench`` (section timing).
    """
    # One conditional write per limit (throttle.take): however many requests race, at most the
    # limit get through. The address is counted first: a locked-out source spends nobody's allowance.
    throttle.take(throttle.LINKS_PER_ADDRESS, source_ip, source_ip=source_ip)
    throttle.take(throttle.LINKS_PER_EMAIL, email, source_ip=source_ip)
    account = by_email(email)
    stand_in = _decoy_account() if account is None else None  # the account's read, as for an address with one
    known = account is not None and account.status in (INVITED, ACTIVE)
    if invitation:
        try:
            link, invited = inspect(invitation, INVITATION)
            if known and invited.id == account.id:
                link.update(actions=[LinkToken.used_at.set(clock.epoch())], condition=LinkToken.used_at.does_not_exist())
        except (NotFound, Gone, UpdateError):
            pass  # a stale invitation does not change the answer
    if not known:
        _as_if_sent(stand_in or Account(pk=account_key(DECOY_ACCOUNT), sk="META"), source_ip)
        return
    token = issue(account, PASSWORD)
    mail.send(account.email, "password_link", account.language, name=account.name, link=link_url(PASSWORD, token))
    trail.record("password_link_sent", actor=account.id, subject=account.id, source_ip=source_ip)


def _decoy_account() -> Account:
    """The stand-in account read and written where an address without an account has none: an
    item of an account's shape (so reading and updating it cost what a real one does) that no one
    can use: removed, no e-mail claim leads to it, no listing index holds it. Made at first use."""
    try:
        return Account.get(account_key(DECOY_ACCOUNT), "META", consistent_read=True)
    except DoesNotExist:
        decoy = Account(
            pk=account_key(DECOY_ACCOUNT), sk="META", id=DECOY_ACCOUNT, email="nobody@decoy.invalid",
            name="Decoy Account", party_id=DECOY_ACCOUNT, status=REMOVED, created_at=clock.now().isoformat(),
        )
        with contextlib.suppress(PutError):
            decoy.save(condition=Account.pk.does_not_exist())
        return decoy


def _as_if_sent(decoy: Account, source_ip: str) -> None:
    """What :func:`issue`, the send and the audit entry do, for no account and without a mail.

    The decoy account's generation is raised as a real account's is (on the item only if it
    exists: never a half-made account); the link stored has purpose ``decoy``, valid for nothing,
    removed by the table's TTL after its hour. The mail is rendered and built, then SES's time is
    waited instead of spent. The audit entry says what was asked, without the address.
    """
    with contextlib.suppress(UpdateError):  # absent (first use), or throttled under a flood: same answer
        decoy.update(actions=[Account.link_generation.add(1)], condition=Account.pk.exists())
    token = ids.new_token()
    valid_until = clock.epoch() + LIFETIME[PASSWORD]
    LinkToken(
        pk=_key(token), sk="META", purpose=DECOY, account_id=DECOY_ACCOUNT, generation=decoy.link_generation or 0,
        valid_until=valid_until, expires_at=valid_until,
    ).save()
    settings = get_settings()
    mail.compose(settings.sender_email, "password_link", "nl", name=settings.office_name, link=link_url(PASSWORD, token))
    time.sleep(mail.typical_send_seconds())
    trail.record("password_link_no_account", actor="unknown", subject="unknown", source_ip=source_ip)
