"""Removing a passkey (issue 17), apart from passkeys.py because the last one may be confirmed with
a fresh answer of a passkey, which is passkey_login's, and passkey_login builds on passkeys.py: here
both are imported at the top, and nothing imports this module but the composed profile.

Removing needs the password and, when 2-step verification by SMS or app is on, its current code; the
last passkey (with no SMS or app) the recovery code or a passkey's fresh answer. The owner is mailed.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError

from portal.accounts import passkey_login, throttle
from portal.accounts.models import Account
from portal.accounts.passkey_models import Passkey
from portal.accounts.passkeys import _owned
from portal.accounts.two_factor import _require_password, require_second_factor, use_recovery_code
from portal.audit import trail
from portal.platform import mail
from portal.platform.db import transaction
from portal.platform.errors import Invalid, NotFound


def remove(account: Account, passkey_id: str, password: str, *, code: str | None, method: str | None,
           source_ip: str, credential: dict[str, Any] | None = None, binding: str | None = None) -> None:
    """Remove one passkey: the password, and the current SMS/app code when that is on (as for 2-step changes).

    The last passkey, when no SMS or app is on, also needs the recovery code or a fresh answer of one
    of the account's passkeys (user verified) to a challenge given to this session (``binding``): the
    first try without either is answered ``second_factor_needed`` with that challenge's options.
    """
    passkey = _owned(account, passkey_id)
    _require_password(account, password)
    if account.two_factor_method:
        require_second_factor(account, code, method, source_ip=source_ip, allow_recovery=True)
    elif (account.passkey_count or 0) <= 1:
        # The last passkey is the last second factor: as when 2-step is turned off, the password alone
        # (a stolen session plus a phished password) is not enough; the recovery code is, and so is the
        # passkey itself (something owned and, verified by the device, known or been).
        if method == "passkey" and credential and binding:
            passkey_login.confirm(account, credential, binding, source_ip=source_ip)
        elif method == "recovery" and code:
            throttle.take(throttle.CODE_PER_ACCOUNT, account.id, actor=account.id, source_ip=source_ip)
            use_recovery_code(account, code, source_ip=source_ip)
            throttle.give_back(throttle.CODE_PER_ACCOUNT, account.id)
        else:
            detail: dict[str, Any] = {"fields": [{"field": "code", "type": "code"}], "methods": ["recovery"]}
            if binding:
                detail.update(methods=["recovery", "passkey"],
                              passkey_options=passkey_login.confirmation_options(account, binding))
            raise Invalid("second_factor_needed", detail=detail)
    try:
        with transaction() as write:
            write.delete(passkey, condition=Passkey.account_id == account.id)
            write.update(account, actions=[Account.passkey_count.add(-1)], condition=Account.passkey_count > 0)
            write.save(trail.entry("passkey_removed", actor=account.id, subject=account.id, source_ip=source_ip,
                                   passkey=passkey_id[:16]))
    except TransactWriteError:
        raise NotFound("passkey_not_found") from None
    account.refresh()
    mail.send(account.email, "passkey_changed", account.language, name=account.name, added=None,
              removed=passkey.name)
