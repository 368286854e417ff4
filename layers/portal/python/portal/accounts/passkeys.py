"""Passkeys (WebAuthn): adding, listing, renaming and removing them in Mijn gegevens.

The ceremonies are py_webauthn's (``webauthn``, imported lazily: the handlers' cold start stays
small); nothing here parses CBOR or checks a signature. Attestation ``none``, user verification
required, the RP ID is the host of the site's URL. A challenge is single use, bound to the session
that asked for it and valid for :data:`CHALLENGE_SECONDS`. Adding needs the password; removing the
password and, when 2-step verification by SMS or app is on, its current code too; the last passkey
(with no SMS or app) the recovery code or a passkey's fresh answer. The owner is mailed about both.
Signing in (and confirming with a passkey) is in passkey_login.py; removing in passkey_removal.py.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, TransactWriteError, UpdateError

from portal.accounts import codes
from portal.accounts.models import Account
from portal.accounts.passkey_models import Passkey, PasskeyChallenge, passkey_key, passkeys_of
from portal.audit import trail
from portal.platform import clock, mail
from portal.platform.db import transaction
from portal.platform.errors import Conflict, Gone, Invalid, NotFound
from portal.platform.settings import get_settings

CHALLENGE_SECONDS = 5 * 60
TIMEOUT_MS = CHALLENGE_SECONDS * 1000
MAX_PASSKEYS = 10
NAME_MAX = 60


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rp_id() -> str:
    """The relying party: the site's host name (no scheme, no port), from SiteUrl."""
    origin = get_settings().site_origin
    return origin.split("://", 1)[-1].split(":", 1)[0]


def origin() -> str:
    return get_settings().site_origin


def clean_name(name: str | None) -> str:
    text = " ".join((name or "").split())
    if not text or len(text) > NAME_MAX:
        raise Invalid("passkey_name_invalid")
    return text


# --- challenges -------------------------------------------------------------------------------

def new_challenge(binding: str, purpose: str, *, account_id: str | None, name: str | None = None) -> bytes:
    """A fresh challenge for this session or login; replaces any earlier one of the same binding."""
    import secrets

    challenge = secrets.token_bytes(32)
    now = clock.epoch()
    PasskeyChallenge(
        pk=f"WEBAUTHN#{binding}", sk="META", purpose=purpose, challenge=b64url(challenge), account_id=account_id,
        name=name, valid_until=now + CHALLENGE_SECONDS, expires_at=now + CHALLENGE_SECONDS + 3600,
    ).save()
    return challenge


def spend_challenge(binding: str, purpose: str) -> PasskeyChallenge:
    """The outstanding challenge, deleted now: one answer per challenge, whatever races with it."""
    try:
        item = PasskeyChallenge.get(f"WEBAUTHN#{binding}", "META", consistent_read=True)
    except DoesNotExist:
        raise Gone("passkey_challenge_expired") from None
    try:
        item.delete(condition=PasskeyChallenge.challenge == item.challenge)
    except DeleteError:
        raise Gone("passkey_challenge_expired") from None
    if item.purpose != purpose or clock.epoch() >= item.valid_until:
        raise Gone("passkey_challenge_expired")
    return item


# --- adding -----------------------------------------------------------------------------------

def of_account(account_id: str) -> list[Passkey]:
    return list(Passkey.of_account.query(passkeys_of(account_id)))


def registration_options(account: Account, password: str, name: str, *, binding: str) -> dict[str, Any]:
    """Options for ``navigator.credentials.create``: after the password, for this session only."""
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    from portal.accounts.two_factor import _require_password  # the same throttled check as 2-step changes

    label = clean_name(name)
    _require_password(account, password)
    existing = of_account(account.id)
    if len(existing) >= MAX_PASSKEYS:
        raise Invalid("passkey_limit")
    challenge = new_challenge(binding, "register", account_id=account.id, name=label)
    options = generate_registration_options(
        rp_id=rp_id(), rp_name=get_settings().office_name, user_id=account.id.encode(), user_name=account.email,
        user_display_name=account.name, challenge=challenge, timeout=TIMEOUT_MS,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=unb64url(p.pk.split("#", 1)[1])) for p in existing],
    )
    return json.loads(options_to_json(options))


def register(account: Account, credential: dict[str, Any], *, binding: str, source_ip: str) -> dict[str, Any]:
    """Check the browser's answer and store the passkey; a first recovery code when there is none."""
    from webauthn import verify_registration_response
    from webauthn.helpers.exceptions import WebAuthnException

    pending = spend_challenge(binding, "register")
    if pending.account_id != account.id:
        raise Gone("passkey_challenge_expired")
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=unb64url(pending.challenge), expected_rp_id=rp_id(),
            expected_origin=origin(), require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:  # a malformed answer too: no 500
        trail.record("passkey_refused", actor=account.id, subject=account.id, source_ip=source_ip,
                     step="register", reason=str(error)[:200])
        raise Invalid("passkey_invalid") from None
    credential_id = b64url(verified.credential_id)
    now = clock.now().isoformat()
    transports = credential.get("response", {}).get("transports") if isinstance(credential, dict) else None
    passkey = Passkey(
        pk=passkey_key(credential_id), sk="META", account_id=account.id, name=pending.name or "Passkey",
        public_key=b64url(verified.credential_public_key), sign_count=verified.sign_count,
        backup_eligible=verified.credential_device_type == "multi_device", backed_up=verified.credential_backed_up,
        transports=",".join(t for t in transports if isinstance(t, str))[:200] if isinstance(transports, list) else None,
        created_at=now, gsi1pk=passkeys_of(account.id), gsi1sk=f"{now}#{credential_id[:16]}",
    )
    recovery = None if account.recovery_code_hash else codes.new_recovery_code()
    actions = [Account.passkey_count.add(1)]
    if recovery:
        from portal.accounts.two_factor import _recovery_actions

        actions += _recovery_actions(recovery)
    try:
        with transaction() as write:
            # Unique across accounts: the item is keyed by the credential id and must not exist yet.
            write.save(passkey, condition=Passkey.pk.does_not_exist())
            write.update(account, actions=actions)
            write.save(trail.entry("passkey_added", actor=account.id, subject=account.id, source_ip=source_ip,
                                   passkey=credential_id[:16], backed_up=verified.credential_backed_up))
    except (TransactWriteError, PutError):
        raise Conflict("passkey_exists") from None
    account.refresh()
    mail.send(account.email, "passkey_changed", account.language, name=account.name, added=passkey.name,
              removed=None)
    return {"passkey": describe(passkey), "recovery_code": recovery}


# --- the list ---------------------------------------------------------------------------------

def describe(passkey: Passkey) -> dict[str, Any]:
    return {
        "id": passkey.pk.split("#", 1)[1], "name": passkey.name, "created_at": passkey.created_at,
        "last_used_at": passkey.last_used_at, "synced": bool(passkey.backed_up),
    }


def listing(account: Account) -> list[dict[str, Any]]:
    return [describe(p) for p in of_account(account.id)]


def _owned(account: Account, passkey_id: str) -> Passkey:
    try:
        passkey = Passkey.get(passkey_key(passkey_id), "META", consistent_read=True)
    except DoesNotExist:
        raise NotFound("passkey_not_found") from None
    if passkey.account_id != account.id:  # another account's: told apart from nothing at all by no one
        raise NotFound("passkey_not_found")
    return passkey


def rename(account: Account, passkey_id: str, name: str, *, source_ip: str) -> dict[str, Any]:
    label = clean_name(name)
    passkey = _owned(account, passkey_id)
    try:
        passkey.update(actions=[Passkey.name.set(label)], condition=Passkey.account_id == account.id)
    except UpdateError:
        raise NotFound("passkey_not_found") from None
    trail.record("passkey_renamed", actor=account.id, subject=account.id, source_ip=source_ip,
                 passkey=passkey_id[:16])
    return describe(passkey)


def factors(account: Account) -> dict[str, Any]:
    """What staff see (portal-admin clients show): which ways in an account has, never a key or secret."""
    return {
        "password": bool(account.password_hash),
        "sms": account.two_factor_method == "sms",
        "authenticator_app": account.two_factor_method == "totp",
        "recovery_code": bool(account.recovery_code_hash),
        "passkeys": [{k: v for k, v in describe(p).items() if k != "id"} for p in of_account(account.id)],
    }
