"""Account-related items in the portal table (key scheme in docs/architecture.md)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from portal.platform.db import Gsi1, Gsi2, PortalModel

PERSON, COMPANY_MAIN, COMPANY_EXTRA = "person", "company_main", "company_extra"
INVITED, ACTIVE, BLOCKED, REMOVED = "invited", "active", "blocked", "removed"


def account_key(account_id: str) -> str:
    return f"ACCOUNT#{account_id}"


def email_claim_key(address: str) -> str:
    """The claim that makes an address (normalised, its lookup key) one account's."""
    return f"EMAIL#{address}"


def company_key(party_id: str) -> str:
    """The company_members index: a company's accounts under its party."""
    return f"COMPANY#{party_id}"


def quota_key(party_id: str) -> str:
    """A party's daily allowances (extra accounts here, uploads in messages) share its partition."""
    return f"QUOTA#{party_id}"


def normalise_email(email: str) -> str:
    return email.strip().lower()


class Account(PortalModel):
    """``ACCOUNT#<id> / META``: one client login (a person, a company's main or extra account)."""

    id = UnicodeAttribute()
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    language = UnicodeAttribute(default="nl")
    kind = UnicodeAttribute(default=PERSON)
    # The party whose dossiers this account sees: itself for a person, the main account for a company.
    party_id = UnicodeAttribute()
    company_name = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default=INVITED)
    password_hash = UnicodeAttribute(null=True)
    # Raised by every new link, password change, block and removal: older links and sessions die.
    link_generation = NumberAttribute(default=0)
    session_generation = NumberAttribute(default=0)
    first_login_done = BooleanAttribute(default=False)
    two_factor_method = UnicodeAttribute(null=True)  # None | "sms" | "totp"
    phone = UnicodeAttribute(null=True)
    pending_phone = UnicodeAttribute(null=True)
    pending_code_hash = UnicodeAttribute(null=True)
    pending_code_expires = NumberAttribute(null=True)
    pending_code_attempts = NumberAttribute(default=0)
    totp_secret = UnicodeAttribute(null=True)
    totp_pending_secret = UnicodeAttribute(null=True)
    totp_last_step = NumberAttribute(null=True)
    recovery_code_hash = UnicodeAttribute(null=True)
    recovery_code_salt = UnicodeAttribute(null=True)  # HMAC key of recovery_code_hash; None: legacy sha256
    # A code sent to the current phone to confirm a change of 2-step verification (step_up.py).
    step_up_code_hash = UnicodeAttribute(null=True)
    step_up_code_expires = NumberAttribute(null=True)
    step_up_code_attempts = NumberAttribute(null=True)
    # Passkeys (passkey_models.Passkey items): how many, kept in the same transaction as the items;
    # any passkey makes a second step after the password. When a passkey was last offered.
    passkey_count = NumberAttribute(default=0)
    passkey_offered_at = NumberAttribute(null=True)
    notify_documents = BooleanAttribute(default=True)
    notify_questionnaires = BooleanAttribute(default=True)
    notify_messages = BooleanAttribute(default=True)
    notify_appointments = BooleanAttribute(default=True)  # signing appointments (issue 19): own switch
    mail_status = UnicodeAttribute(default="ok")  # ok | bounced | complained
    created_at = UnicodeAttribute()
    last_login_at = UnicodeAttribute(null=True)
    # gsi1: the accounts of one company (COMPANY#<party>); gsi2: every account, for staff (ACCOUNTS).
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    company_members = Gsi1()
    listing = Gsi2()


class EmailClaim(PortalModel):
    """``EMAIL#<normalised e-mail> / CLAIM``: makes e-mail addresses unique; the login lookup."""

    account_id = UnicodeAttribute()


def sessions_key(account_id: str) -> str:
    return f"SESSIONS#{account_id}"


class Session(PortalModel):
    """``SESSION#<sha256(cookie)> / META``: a signed-in browser."""

    account_id = UnicodeAttribute()
    generation = NumberAttribute()  # the account's session_generation when it was created
    created_at = NumberAttribute()
    last_seen = NumberAttribute()
    absolute_expiry = NumberAttribute()
    expires_at = NumberAttribute()  # TTL: DynamoDB removes it some time after; code checks expiry itself
    # What "Ingelogde apparaten" shows: a public id (never the key: that is the cookie's hash) and
    # the coarse device from the User-Agent at login (portal.accounts.devices; the header is not kept).
    id = UnicodeAttribute(null=True)  # null only on sessions started before the list existed
    browser = UnicodeAttribute(null=True)
    os = UnicodeAttribute(null=True)
    # gsi1: an account's sessions (SESSIONS#<account>), by <created_at zero-padded>#<id>.
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    of_account = Gsi1()


class LinkToken(PortalModel):
    """``TOKEN#<sha256(token)> / META``: an invitation or set-password link."""

    purpose = UnicodeAttribute()  # invitation | password
    account_id = UnicodeAttribute()
    generation = NumberAttribute()
    valid_until = NumberAttribute()
    used_at = NumberAttribute(null=True)
    expires_at = NumberAttribute()  # TTL, well after valid_until so a used/expired link can still be told apart


class PendingLogin(PortalModel):
    """``LOGIN#<sha256(cookie)> / META``: a login waiting for its second step."""

    account_id = UnicodeAttribute()
    method = UnicodeAttribute()
    code_hash = UnicodeAttribute(null=True)
    code_valid_until = NumberAttribute(null=True)
    attempts = NumberAttribute(default=0)
    valid_until = NumberAttribute()
    expires_at = NumberAttribute()
