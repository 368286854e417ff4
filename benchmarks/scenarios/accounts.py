"""Scenarios of the accounts endpoints: logging in and out, links, Mijn gegevens, 2-step, extra accounts.

Endpoints that end sessions or change an account's sign-in (password, 2-step) use an account of
their own (``world.accounts``), so the other scenarios' sessions stay valid.
"""

from __future__ import annotations

import pyotp

from benchmarks.dataset import OTHER_PASSWORD, PASSWORD, World, active, email, site_headers
from benchmarks.inprocess import SOURCE_IP, Request
from benchmarks.scenarios import scenario

PHONE = "+31612345678"
SMS_CODE = "123456"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _fresh(account):  # noqa: ANN001, ANN202 - an Account, read again (its generations change)
    from portal.accounts.lookup import by_id

    return by_id(account.id)


# ---------------------------------------------------------------- session
@scenario("POST", "/api/session", heavy=1)
def login(world: World) -> Request:
    return Request("POST", "/api/session", headers=site_headers(),
                   body={"email": world.person.email, "password": PASSWORD})


@scenario("DELETE", "/api/session")
def logout(world: World) -> Request:
    return Request("DELETE", "/api/session", headers=world.headers(world.person, fresh=True), expect=204)


def _pending_login(world: World) -> str:
    """A login waiting for its SMS code, as ``signin._begin_second_factor`` leaves it, with a known code."""
    from portal.accounts import codes, signin
    from portal.accounts.models import PendingLogin
    from portal.platform import clock, ids

    value, now, account = ids.new_token(), clock.epoch(), world.accounts["sms"]
    key = signin._key(value)
    PendingLogin(
        pk=key, sk="META", account_id=account.id, method="sms", attempts=0,
        valid_until=now + signin.PENDING_LOGIN_SECONDS, expires_at=now + signin.PENDING_LOGIN_SECONDS + 3600,
        code_hash=codes.sms_code_hash(SMS_CODE, key), code_valid_until=now + codes.SMS_CODE_SECONDS,
    ).save()
    return value


def _sms_budget_reset(account) -> None:  # noqa: ANN001 - an Account
    """A fresh hour for the account's and the office's SMS budgets: the latency loop sends hundreds."""
    from portal.accounts.sms_budget import OFFICE, SmsBudget
    from portal.platform import clock

    for scope in (account.id, OFFICE):
        SmsBudget(pk=f"SMSBUDGET#{scope}", sk=f"DAY#{clock.now():%Y%m%d}").delete()


def _login_headers(value: str) -> dict[str, str]:
    return {"Cookie": f"__Host-portal_login={value}", **site_headers()}


@scenario("POST", "/api/session/second-factor")
def second_factor(world: World) -> Request:
    return Request("POST", "/api/session/second-factor", headers=_login_headers(_pending_login(world)),
                   body={"method": "sms", "code": SMS_CODE})


@scenario("POST", "/api/session/second-factor/resend")
def resend(world: World) -> Request:
    from portal.accounts import throttle

    throttle.reset(throttle.CODE_PER_ACCOUNT, world.accounts["sms"].id)  # 10 per 15 minutes
    _sms_budget_reset(world.accounts["sms"])
    if "pending_login" not in world.state:
        world.state["pending_login"] = _pending_login(world)
    value = world.state["pending_login"]
    return Request("POST", "/api/session/second-factor/resend", headers=_login_headers(value), expect=202)


# ---------------------------------------------------------------- links and passwords
@scenario("GET", "/api/invitations/{token}")
def invitation(world: World) -> Request:
    return Request("GET", "/api/invitations/{token}", {"token": world.invitation_token}, headers=site_headers())


@scenario("POST", "/api/password-links")
def request_link(world: World) -> Request:
    from portal.accounts import throttle

    address = world.accounts["links"].email
    throttle.reset(throttle.LINKS_PER_EMAIL, address)  # 5 an hour per address
    throttle.reset(throttle.LINKS_PER_ADDRESS, SOURCE_IP)
    return Request("POST", "/api/password-links", headers=site_headers(), body={"email": address}, expect=202)


@scenario("GET", "/api/password-links/{token}")
def check_link(world: World) -> Request:
    return Request("GET", "/api/password-links/{token}", {"token": world.password_token}, headers=site_headers())


@scenario("POST", "/api/password", heavy=2)
def set_password(world: World) -> Request:
    from portal.accounts import links

    token = links.issue(_fresh(world.accounts["setpw"]), links.PASSWORD)
    return Request("POST", "/api/password", headers=site_headers(), body={"token": token, "password": PASSWORD})


# ---------------------------------------------------------------- Mijn gegevens
@scenario("GET", "/api/me")
def me(world: World) -> Request:
    return Request("GET", "/api/me", headers=world.headers(world.person))


@scenario("PUT", "/api/me/language")
def language(world: World) -> Request:
    return Request("PUT", "/api/me/language", headers=world.headers(world.person), body={"language": "nl"})


@scenario("PUT", "/api/me/notifications")
def notifications(world: World) -> Request:
    return Request("PUT", "/api/me/notifications", headers=world.headers(world.person),
                   body={"documents": True, "questionnaires": True, "messages": True})


@scenario("POST", "/api/me/password", heavy=2)
def change_password(world: World) -> Request:
    # Every change ends the account's sessions: a new one each time, and back and forth between two passwords.
    current = world.state.get("pw_password", PASSWORD)
    new = OTHER_PASSWORD if current == PASSWORD else PASSWORD
    world.state["pw_password"] = new
    account = world.accounts["pw"] = _fresh(world.accounts["pw"])
    return Request("POST", "/api/me/password", headers=world.headers(account, fresh=True),
                   body={"current_password": current, "new_password": new})


# ---------------------------------------------------------------- Ingelogde apparaten (sessions)
def _session_id(headers: dict[str, str]) -> str:
    """The public id of the session these headers carry."""
    from portal.accounts.models import Session
    from portal.platform import ids

    cookie = headers["Cookie"].split("=", 1)[1]
    return Session.get(f"SESSION#{ids.token_hash(cookie)}", "META", consistent_read=True).id


@scenario("GET", "/api/me/sessions")
def list_sessions(world: World) -> Request:
    return Request("GET", "/api/me/sessions", headers=world.headers(world.person))


@scenario("DELETE", "/api/me/sessions/{session_id}")
def end_session(world: World) -> Request:
    # A second browser of the person's, signed in for this request and ended from the first.
    other = _session_id(world.headers(world.person, fresh=True))
    return Request("DELETE", "/api/me/sessions/{session_id}", {"session_id": other},
                   headers=world.headers(world.person), expect=204)


@scenario("POST", "/api/me/sessions/end-others")
def end_other_sessions(world: World) -> Request:
    # An account of its own (the others' sessions must live on), with exactly one other session each time.
    account = world.accounts["devices"]
    world.headers(account, fresh=True)
    return Request("POST", "/api/me/sessions/end-others", headers=world.headers(account), body={})


# ---------------------------------------------------------------- 2-step verification
def _tfa(world: World, *, on: bool = False):  # noqa: ANN202
    """The 2-step account, switched off (to set it up) or on by SMS with a known step-up code (to change it)."""
    from portal.accounts import codes, step_up
    from portal.accounts.models import Account
    from portal.platform import clock

    account = _fresh(world.accounts["tfa"])
    if on:
        account.update(actions=[
            Account.two_factor_method.set("sms"), Account.phone.set(PHONE),
            Account.step_up_code_hash.set(codes.sms_code_hash(SMS_CODE, step_up._salt(account))),
            Account.step_up_code_expires.set(clock.epoch() + codes.SMS_CODE_SECONDS),
            Account.step_up_code_attempts.set(0),
        ])
    elif account.two_factor_method:
        account.update(actions=[Account.two_factor_method.remove(), Account.phone.remove(),
                                Account.totp_secret.remove()])
    world.accounts["tfa"] = account
    return account


@scenario("POST", "/api/me/two-factor/sms", heavy=1)
def start_sms(world: World) -> Request:
    from portal.accounts import throttle

    account = _tfa(world)
    throttle.reset(throttle.CODE_PER_ACCOUNT, account.id)  # 10 codes per 15 minutes
    _sms_budget_reset(account)
    return Request("POST", "/api/me/two-factor/sms", headers=world.headers(account),
                   body={"phone": "06 12345678", "password": PASSWORD}, expect=202)


@scenario("POST", "/api/me/two-factor/sms/confirm")
def confirm_sms(world: World) -> Request:
    """After ``start_sms``: the pending number and code, as it stores them, with a known code."""
    from portal.accounts import codes
    from portal.accounts.models import Account
    from portal.platform import clock

    account = _tfa(world)
    account.update(actions=[
        Account.pending_phone.set(PHONE),
        Account.pending_code_hash.set(codes.sms_code_hash(SMS_CODE, f"setup:{account.id}:{PHONE}")),
        Account.pending_code_expires.set(clock.epoch() + codes.SMS_CODE_SECONDS),
        Account.pending_code_attempts.set(0),
    ])
    return Request("POST", "/api/me/two-factor/sms/confirm", headers=world.headers(account), body={"code": SMS_CODE})


@scenario("POST", "/api/me/two-factor/totp", heavy=1)
def start_totp(world: World) -> Request:
    return Request("POST", "/api/me/two-factor/totp", headers=world.headers(_tfa(world)), body={"password": PASSWORD})


@scenario("POST", "/api/me/two-factor/totp/confirm")
def confirm_totp(world: World) -> Request:
    """After ``start_totp``: the pending secret as it stores it, and the code an app shows now."""
    from portal.accounts.models import Account
    from portal.platform import clock

    account = _tfa(world)
    account.update(actions=[Account.totp_pending_secret.set(TOTP_SECRET)])
    code = pyotp.TOTP(TOTP_SECRET).at(clock.now())
    return Request("POST", "/api/me/two-factor/totp/confirm", headers=world.headers(account), body={"code": code})


@scenario("DELETE", "/api/me/two-factor", heavy=1)
def disable(world: World) -> Request:
    return Request("DELETE", "/api/me/two-factor", headers=world.headers(_tfa(world, on=True)),
                   body={"password": PASSWORD, "code": SMS_CODE})


@scenario("POST", "/api/me/two-factor/step-up")
def step_up_code(world: World) -> Request:
    from portal.accounts import throttle

    account = _tfa(world, on=True)
    throttle.reset(throttle.CODE_PER_ACCOUNT, account.id)
    _sms_budget_reset(account)
    return Request("POST", "/api/me/two-factor/step-up", headers=world.headers(account), body={}, expect=202)


@scenario("POST", "/api/me/two-factor/recovery-code", heavy=1)
def renew_recovery_code(world: World) -> Request:
    return Request("POST", "/api/me/two-factor/recovery-code", headers=world.headers(_tfa(world, on=True)),
                   body={"password": PASSWORD, "code": SMS_CODE})


# ---------------------------------------------------------------- extra accounts of a company
@scenario("GET", "/api/me/accounts")
def list_extra(world: World) -> Request:
    return Request("GET", "/api/me/accounts", headers=world.headers(world.company))


@scenario("POST", "/api/me/accounts", heavy=1)
def add_extra(world: World) -> Request:
    # The main account's password again (argon2): as heavy as a login.
    return Request("POST", "/api/me/accounts", headers=world.headers(world.company),
                   body={"name": "Nieuwe Medewerker", "email": email("extra"), "password": PASSWORD}, expect=201)


@scenario("GET", "/api/me/accounts/{account_id}")
def show_extra(world: World) -> Request:
    return Request("GET", "/api/me/accounts/{account_id}", {"account_id": world.extras[0]},
                   headers=world.headers(world.company))


@scenario("DELETE", "/api/me/accounts/{account_id}")
def remove_extra(world: World) -> Request:
    extra = active(name="Weg Medewerker", kind="company_extra", party_id=world.company.id,
                   company="Bakkerij Zoet B.V.", password=None, prefix="gone")
    return Request("DELETE", "/api/me/accounts/{account_id}", {"account_id": extra.id},
                   headers=world.headers(world.company), expect=204)

