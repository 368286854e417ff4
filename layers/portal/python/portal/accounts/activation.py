"""Setting a password through a link (first time, or forgotten password)."""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError

from portal.accounts import passwords, signin
from portal.accounts.links import PASSWORD, inspect
from portal.accounts.models import ACTIVE, Account, LinkToken
from portal.audit import trail
from portal.platform import clock, mail
from portal.platform.db import transaction
from portal.platform.errors import Gone


def set_password(token: str, password: str, *, source_ip: str, user_agent: str | None = None) -> signin.LoginResult:
    link, account = inspect(token, PASSWORD)
    passwords.check_policy(password)
    password_hash = passwords.hash_password(password)
    audit = trail.entry("password_set", actor=account.id, subject=account.id, source_ip=source_ip)
    try:
        # All or nothing: the link is spent, the password set and the audit written together.
        with transaction() as write:
            write.update(
                link, actions=[LinkToken.used_at.set(clock.epoch())], condition=LinkToken.used_at.does_not_exist()
            )
            write.update(
                account,
                actions=[
                    Account.password_hash.set(password_hash),
                    Account.status.set(ACTIVE),
                    Account.link_generation.add(1),
                    Account.session_generation.add(1),
                ],
                condition=Account.link_generation == link.generation,
            )
            write.save(audit, condition=type(audit).pk.does_not_exist())
    except TransactWriteError:
        raise Gone("link_used") from None
    account.refresh(consistent_read=True)
    mail.send(account.email, "password_set", account.language, name=account.name)
    return signin.complete(account, source_ip=source_ip, user_agent=user_agent)
