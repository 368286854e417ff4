"""The settings' fields: each named after its environment variable (see portal.platform.settings).

Its own module so that pydantic-settings loads with the first :func:`get_settings` call (the first
request of a cold start), not with the import of every handler.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from portal import __version__


class Settings(BaseSettings):
    """What a function needs to know about its deployment."""

    # Empty means unset: the template writes "" for an optional parameter left blank.
    model_config = SettingsConfigDict(env_ignore_empty=True, extra="ignore", frozen=True)

    # --- set by template.yaml (Globals.Function.Environment) or by Lambda itself: no defaults
    table_name: str
    documents_bucket: str
    aws_region: str
    office_name: str
    sender_email: str
    staff_email: str
    # Links in e-mails are always built from this, never from a request's Host header. When the
    # template leaves it empty, get_settings reads it from SITE_URL_PARAMETER (SSM).
    site_url: str
    # SES configuration set whose bounce/complaint events reach the portal.
    mail_configuration_set: str
    # The EventBridge bus client activity is published to (portal.activity.events).
    event_bus_name: str
    # Days after publication before an unopened document or payment instruction enters the inbox.
    unopened_reminder_days: int = Field(ge=1)
    # The value CloudFront adds to every client API request (X-Origin-Verify), and during a rotation
    # the one it sent before (empty otherwise): the client API refuses requests without either
    # (docs/security.md). SecretStr: never printed by a repr or a log line. Optional only for
    # handlers called directly (tests, benchmarks): in Lambda a missing secret refuses every
    # request (portal.platform.edge), so a deployment that lost it fails closed.
    origin_secret: SecretStr | None = None
    origin_secret_previous: SecretStr | None = None
    # SMS is paid per message and can be pumped to premium ranges: mobile numbers only, in these
    # countries (ISO 3166 codes), within the office's budgets (template parameters).
    sms_allowed_countries: str
    sms_per_office_hour: int = Field(ge=1)
    sms_per_office_day: int = Field(ge=1)
    # The office's identity (issue 16.15): a brand colour for the header and the e-mails. It carries
    # white text, so it must be dark enough for it (WCAG AA: 4.5:1 against white).
    brand_colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    # And a logo: a path on the site (same origin, so the CSP's img-src 'self' allows it; e-mails get
    # site_url + path). Optional: an office may leave the parameter blank for its name alone.
    office_logo_path: str = Field(default="", pattern=r"^(/[A-Za-z0-9._/-]+)?$")
    # Set only in the local stack (moto server); in AWS the SDK's default endpoints are used.
    aws_endpoint_url: str | None = None
    # Set by Lambda itself: X-Ray tracing of the AWS calls runs only there, and not when disabled
    # (POWERTOOLS_TRACE_DISABLED, as in the local stack and the tests).
    aws_lambda_function_name: str | None = None
    powertools_trace_disabled: bool = False

    # --- policy: defined here, overridable by the environment
    session_idle_minutes: int = Field(default=30, ge=1)
    session_absolute_hours: int = Field(default=12, ge=1)
    max_upload_bytes: int = Field(default=25 * 1024 * 1024, ge=1)
    max_attachments: int = Field(default=20, ge=1)
    # What one client (a person, or a company with all its accounts) may upload per day (UTC):
    # generous for a dossier's paperwork, a ceiling for a script or a stolen session.
    uploads_per_day: int = Field(default=100, ge=1)
    upload_bytes_per_day: int = Field(default=500 * 1024 * 1024, ge=1)
    max_json_body_bytes: int = Field(default=256 * 1024, ge=1024)
    # Per source address, per window: generous enough for an office's shared NAT, low enough to
    # stop a script. The integration stack raises them because all its clients share 127.0.0.1.
    login_failures_per_address: int = Field(default=50, ge=1)
    link_requests_per_address: int = Field(default=30, ge=1)
    # argon2id for passwords: above OWASP's minimum (19 MiB, 2 passes), 46 MiB and 2 passes cost a
    # verify about 4x the minimum's; a login stays near half a second on a 512 MB function
    # (`make bench`, section timing). Tests lower them.
    # Hashes made with other values are upgraded at the owner's next successful login.
    password_memory_kib: int = Field(default=46 * 1024, ge=8)
    password_time_cost: int = Field(default=2, ge=1)
    password_parallelism: int = Field(default=1, ge=1)
    sms_per_account_hour: int = Field(default=5, ge=1)
    sms_per_account_day: int = Field(default=10, ge=1)
    # Extra accounts one company may add per day (UTC): each sends an e-mail from the office's
    # address, so this bounds what a company (or a stolen session) can make the office send.
    company_extra_accounts_per_day: int = Field(default=10, ge=1)
    # Public account-number checks (issue 18) per source address per 15 minutes: a person checks a
    # few numbers; more is someone enumerating which IBANs the office holds.
    iban_checks_per_address: int = Field(default=30, ge=1)

    @property
    def portal_version(self) -> str:
        """The release (not the deployment's setting): shown on the login page."""
        return __version__

    @property
    def office_logo_url(self) -> str:
        """The logo's absolute address (for e-mails), or empty."""
        return f"{self.site_url}{self.office_logo_path}" if self.office_logo_path else ""

    @property
    def sms_countries(self) -> frozenset[str]:
        return frozenset(code.strip().upper() for code in self.sms_allowed_countries.split(",") if code.strip())

    @property
    def site_origin(self) -> str:
        """The scheme://host[:port] of the site, the only Origin accepted on state changes."""
        parts = self.site_url.split("/")
        return "/".join(parts[:3])
