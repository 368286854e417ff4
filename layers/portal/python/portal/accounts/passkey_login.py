"""Signing in with a passkey: on its own (it counts as both factors) or as the step after the password.

On its own the browser offers the passkeys it holds for this site (discoverable credentials, no
e-mail typed); the challenge is bound to a fresh login cookie. As the second step the challenge is
bound to the pending login, and only that account's passkeys are allowed: a passkey of another
account is refused even if its signature is good. The stored sign count must grow (a clone of an
authenticator, answering with an older count, is refused and audited) and is updated with a
conditional write, so one answer cannot be used twice.
"""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DeleteError, DoesNotExist, UpdateError

from portal.accounts import passkeys, signin, throttle
from portal.accounts.lookup import by_id
from portal.accounts.models import ACTIVE, Account, PendingLogin
from portal.accounts.passkey_models import Passkey, passkey_key
from portal.audit import trail
from portal.platform import clock, ids
from portal.platform.errors import Unauthenticated


def _binding(login_cookie: str) -> str:
    return f"LOGIN#{ids.token_hash(login_cookie)}"


def _options(challenge: bytes, allow: list[Passkey] | None) -> dict[str, Any]:
    import json

    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor, UserVerificationRequirement

    options = generate_authentication_options(
        rp_id=passkeys.rp_id(), challenge=challenge, timeout=passkeys.TIMEOUT_MS,
        allow_credentials=[PublicKeyCredentialDescriptor(id=passkeys.unb64url(p.pk.split("#", 1)[1])) for p in allow]
        if allow else None,
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return json.loads(options_to_json(options))


def login_options() -> tuple[str, dict[str, Any]]:
    """A new login cookie and the options for ``navigator.credentials.get`` (any passkey of this site)."""
    cookie = ids.new_token()
    challenge = passkeys.new_challenge(_binding(cookie), "login", account_id=None)
    return cookie, _options(challenge, None)


def second_step_options(login_cookie: str | None) -> dict[str, Any]:
    """After the password: options allowing only this account's passkeys."""
    pending = signin._pending(login_cookie)
    mine = passkeys.of_account(pending.account_id)
    if not mine:
        raise Unauthenticated("passkey_unknown")
    challenge = passkeys.new_challenge(_binding(login_cookie or ""), "second_factor", account_id=pending.account_id)
    return _options(challenge, mine)


def _credential_id(credential: dict[str, Any]) -> str:
    value = credential.get("id") if isinstance(credential, dict) else None
    if not isinstance(value, str) or not 16 <= len(value) <= 1400:
        raise Unauthenticated("passkey_invalid")
    return value


def _verify(credential: dict[str, Any], challenge: str, *, account_id: str | None, source_ip: str) -> Account:
    """The account whose passkey signed this challenge; the passkey's count and flags updated."""
    from webauthn import verify_authentication_response
    from webauthn.helpers.exceptions import WebAuthnException

    credential_id = _credential_id(credential)
    try:
        passkey = Passkey.get(passkey_key(credential_id), "META", consistent_read=True)
    except DoesNotExist:
        trail.record("passkey_refused", actor=account_id or "unknown", subject=account_id or "unknown",
                     source_ip=source_ip, reason="unknown_credential")
        raise Unauthenticated("passkey_unknown") from None
    owner = passkey.account_id
    response = credential.get("response")
    user_handle = response.get("userHandle") if isinstance(response, dict) else None
    if (account_id and owner != account_id) or (user_handle and user_handle != passkeys.b64url(owner.encode())):
        trail.record("passkey_refused", actor=account_id or owner, subject=account_id or owner, source_ip=source_ip,
                     reason="other_account", passkey=credential_id[:16])
        raise Unauthenticated("passkey_unknown")
    # Each account's guesses are limited as codes are: a slot taken now, given back when it is right.
    throttle.take(throttle.CODE_PER_ACCOUNT, owner, actor=owner, source_ip=source_ip)
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=passkeys.unb64url(challenge), expected_rp_id=passkeys.rp_id(),
            expected_origin=passkeys.origin(), credential_public_key=passkeys.unb64url(passkey.public_key),
            credential_current_sign_count=passkey.sign_count or 0, require_user_verification=True,
        )
    # Any of py_webauthn's refusals (a malformed answer's InvalidJSONStructure too): a refusal, not a 500.
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        reason = "sign_count" if "sign count" in str(error) else "invalid"
        trail.record("passkey_clone_suspected" if reason == "sign_count" else "passkey_refused", actor=owner,
                     subject=owner, source_ip=source_ip, reason=reason, passkey=credential_id[:16])
        raise Unauthenticated("passkey_invalid") from None
    eligible = verified.credential_device_type == "multi_device"
    if eligible != bool(passkey.backup_eligible):  # fixed for a credential's life: another authenticator
        trail.record("passkey_refused", actor=owner, subject=owner, source_ip=source_ip, reason="backup_eligibility",
                     passkey=credential_id[:16])
        raise Unauthenticated("passkey_invalid")
    try:
        passkey.update(
            actions=[Passkey.sign_count.set(verified.new_sign_count), Passkey.backed_up.set(verified.credential_backed_up),
                     Passkey.last_used_at.set(clock.now().isoformat())],
            condition=Passkey.sign_count == (passkey.sign_count or 0),
        )
    except UpdateError:
        raise Unauthenticated("passkey_invalid") from None  # used concurrently: one of the two wins
    throttle.give_back(throttle.CODE_PER_ACCOUNT, owner)
    account = by_id(owner)
    if account is None or account.status != ACTIVE:
        raise Unauthenticated("invalid_credentials")
    trail.record("passkey_used", actor=owner, subject=owner, source_ip=source_ip, passkey=credential_id[:16])
    return account


def login(login_cookie: str | None, credential: dict[str, Any], *, source_ip: str, user_agent: str | None = None,
          device_cookie: str | None = None) -> signin.LoginResult:
    """Signed in by the passkey alone: it is something owned and (verified by the device) known or been."""
    if not login_cookie:
        raise Unauthenticated("login_expired")
    pending = passkeys.spend_challenge(_binding(login_cookie), "login")
    account = _verify(credential, pending.challenge, account_id=None, source_ip=source_ip)
    return signin._finish(account, source_ip=source_ip, user_agent=user_agent, device_cookie=device_cookie,
                          method="passkey")


def second_step(login_cookie: str | None, credential: dict[str, Any], *, source_ip: str,
                user_agent: str | None = None, device_cookie: str | None = None) -> signin.LoginResult:
    pending_login = signin._pending(login_cookie)
    challenge = passkeys.spend_challenge(_binding(login_cookie or ""), "second_factor")
    if challenge.account_id != pending_login.account_id:
        raise Unauthenticated("login_expired")
    account = _verify(credential, challenge.challenge, account_id=pending_login.account_id, source_ip=source_ip)
    try:
        pending_login.delete(condition=PendingLogin.pk.exists())  # exactly one completion per pending login
    except DeleteError:
        raise Unauthenticated("login_expired") from None
    return signin._finish(account, source_ip=source_ip, user_agent=user_agent, device_cookie=device_cookie,
                          method="passkey")


def _confirm_binding(binding: str) -> str:
    # Its own challenge item, so a confirmation never replaces a passkey being added in the same session.
    return f"CONFIRM#{binding}"


def confirmation_options(account: Account, binding: str) -> dict[str, Any]:
    """Options for confirming a change (removing the last passkey) with one of the account's passkeys,
    bound to this session (``binding``) and valid for minutes, user verification required."""
    challenge = passkeys.new_challenge(_confirm_binding(binding), "confirm", account_id=account.id)
    return _options(challenge, passkeys.of_account(account.id))


def confirm(account: Account, credential: dict[str, Any], binding: str, *, source_ip: str) -> None:
    """A fresh answer of one of this account's passkeys to the challenge this session was given: checked as
    at sign-in (user verification, sign count, owner), and spent, so it confirms one change only."""
    challenge = passkeys.spend_challenge(_confirm_binding(binding), "confirm")
    if challenge.account_id != account.id:
        raise Unauthenticated("passkey_invalid")
    _verify(credential, challenge.challenge, account_id=account.id, source_ip=source_ip)
