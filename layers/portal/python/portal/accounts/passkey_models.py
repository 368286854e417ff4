"""Passkey items in the portal table (key scheme in docs/architecture.md)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from portal.platform.db import Gsi1, PortalModel


def passkey_key(credential_id: str) -> str:
    return f"PASSKEY#{credential_id}"


def passkeys_of(account_id: str) -> str:
    return f"PASSKEYS#{account_id}"


class Passkey(PortalModel):
    """``PASSKEY#<credential id, base64url> / META``: one registered passkey.

    Keyed by the credential id, so a conditional put makes credential ids unique across accounts
    and a sign-in finds the key in one read; gsi1 lists an account's passkeys (PASSKEYS#<account>).
    """

    account_id = UnicodeAttribute()
    name = UnicodeAttribute()
    public_key = UnicodeAttribute()  # COSE key, base64url, as the library returned it
    sign_count = NumberAttribute(default=0)
    # Backup eligibility is fixed at registration (WebAuthn §6.1.3): a change means another authenticator.
    backup_eligible = BooleanAttribute(default=False)
    backed_up = BooleanAttribute(default=False)
    transports = UnicodeAttribute(null=True)  # comma-separated hints for the browser
    created_at = UnicodeAttribute()
    last_used_at = UnicodeAttribute(null=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    of_account = Gsi1()


class PasskeyChallenge(PortalModel):
    """``WEBAUTHN#<binding> / META``: the one outstanding challenge of a session or (pending) login.

    ``binding`` is the session's key (adding a passkey) or the login cookie's hash (signing in):
    a challenge answered from another browser is not found. Spent by a conditional delete.
    """

    purpose = UnicodeAttribute()  # register | login | second_factor
    challenge = UnicodeAttribute()  # base64url
    account_id = UnicodeAttribute(null=True)  # None: a sign-in where the passkey names the account
    name = UnicodeAttribute(null=True)
    valid_until = NumberAttribute()
    expires_at = NumberAttribute()  # TTL
