"""Typed settings, read once from the environment.

Every function reads its configuration through :func:`get_settings`; nothing else touches
``os.environ``. Tests call :func:`reset_settings` after changing the environment.
"""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, Field, SecretStr


class Settings(BaseModel):
    """What a function needs to know about its deployment."""

    table_name: str = "portal-local"
    documents_bucket: str = "portal-documents-local"
    region: str = "eu-west-1"
    # Set only in the local stack (moto server); in AWS the SDK's default endpoints are used.
    aws_endpoint_url: str | None = None
    office_name: str = "Notariskantoor Demo"
    sender_email: str = "portaal@notaris.example"
    staff_email: str = "kantoor@notaris.example"
    # SES configuration set whose bounce/complaint events reach the portal (unset locally).
    mail_configuration_set: str | None = None
    # Links in e-mails are always built from this, never from a request's Host header.
    site_url: str = "http://127.0.0.1:8000"
    environment: str = "local"
    session_idle_minutes: int = Field(default=30, ge=1)
    session_absolute_hours: int = Field(default=12, ge=1)
    max_upload_bytes: int = Field(default=25 * 1024 * 1024, ge=1)
    max_attachments: int = Field(default=20, ge=1)
    # What one client (a person, or a company with all its accounts) may upload per day (UTC):
    # generous for a dossier's paperwork, a ceiling for a script or a stolen session.
    uploads_per_day: int = Field(default=100, ge=1)
    upload_bytes_per_day: int = Field(default=500 * 1024 * 1024, ge=1)
    max_json_body_bytes: int = Field(default=256 * 1024, ge=1024)
    log_level: str = "INFO"
    # Per source address, per window: generous enough for an office's shared NAT, low enough to
    # stop a script. The integration stack raises them because all its clients share 127.0.0.1.
    login_failures_per_address: int = Field(default=50, ge=1)
    link_requests_per_address: int = Field(default=30, ge=1)
    # The value CloudFront adds to every client API request (X-Origin-Verify), and during a rotation
    # the one it sent before: the client API refuses requests without either (docs/security.md).
    # SecretStr: never printed by a repr or a log line.
    origin_secret: SecretStr | None = None
    origin_secret_previous: SecretStr | None = None
    # Set by Lambda itself: X-Ray tracing of the AWS calls runs only there, and not when disabled
    # (POWERTOOLS_TRACE_DISABLED, as in the local stack and the tests).
    lambda_function_name: str | None = None
    trace_disabled: bool = False
    # argon2id for passwords: above OWASP's minimum (19 MiB, 2 passes), 46 MiB and 2 passes cost a
    # verify about 4x the minimum's; a login stays near half a second on a 512 MB function
    # (`make bench`, section timing). Tests lower them.
    # Hashes made with other values are upgraded at the owner's next successful login.
    password_memory_kib: int = Field(default=46 * 1024, ge=8)
    password_time_cost: int = Field(default=2, ge=1)
    password_parallelism: int = Field(default=1, ge=1)
    # SMS is paid per message and can be pumped to premium ranges: mobile numbers only, in these
    # countries (ISO 3166 codes; default the EU/EEA, the UK and Switzerland), within these budgets.
    sms_allowed_countries: str = (
        "AT,BE,BG,HR,CY,CZ,DK,EE,FI,FR,DE,GR,HU,IE,IT,LV,LT,LU,MT,NL,PL,PT,RO,SK,SI,ES,SE,IS,LI,NO,GB,CH"
    )
    sms_per_account_hour: int = Field(default=5, ge=1)
    sms_per_account_day: int = Field(default=10, ge=1)
    sms_per_office_hour: int = Field(default=100, ge=1)
    sms_per_office_day: int = Field(default=300, ge=1)
    # Extra accounts one company may add per day (UTC): each sends an e-mail from the office's
    # address, so this bounds what a company (or a stolen session) can make the office send.
    company_extra_accounts_per_day: int = Field(default=10, ge=1)
    # Public account-number checks (issue 18) per source address per 15 minutes: a person checks a
    # few numbers; more is someone enumerating which IBANs the office holds.
    iban_checks_per_address: int = Field(default=30, ge=1)

    @property
    def sms_countries(self) -> frozenset[str]:
        return frozenset(code.strip().upper() for code in self.sms_allowed_countries.split(",") if code.strip())

    @property
    def site_origin(self) -> str:
        """The scheme://host[:port] of the site, the only Origin accepted on state changes."""
        parts = self.site_url.split("/")
        return "/".join(parts[:3])


_ENV = {
    "table_name": "TABLE_NAME",
    "documents_bucket": "DOCUMENTS_BUCKET",
    "region": "AWS_REGION",
    "aws_endpoint_url": "AWS_ENDPOINT_URL",
    "office_name": "OFFICE_NAME",
    "sender_email": "SENDER_EMAIL",
    "staff_email": "STAFF_EMAIL",
    "mail_configuration_set": "MAIL_CONFIGURATION_SET",
    "site_url": "SITE_URL",
    "environment": "PORTAL_ENVIRONMENT",
    "session_idle_minutes": "SESSION_IDLE_MINUTES",
    "session_absolute_hours": "SESSION_ABSOLUTE_HOURS",
    "max_upload_bytes": "MAX_UPLOAD_BYTES",
    "max_attachments": "MAX_ATTACHMENTS",
    "uploads_per_day": "UPLOADS_PER_DAY",
    "upload_bytes_per_day": "UPLOAD_BYTES_PER_DAY",
    "max_json_body_bytes": "MAX_JSON_BODY_BYTES",
    "log_level": "POWERTOOLS_LOG_LEVEL",
    "login_failures_per_address": "LOGIN_FAILURES_PER_ADDRESS",
    "link_requests_per_address": "LINK_REQUESTS_PER_ADDRESS",
    "origin_secret": "ORIGIN_SECRET",
    "origin_secret_previous": "ORIGIN_SECRET_PREVIOUS",
    "lambda_function_name": "AWS_LAMBDA_FUNCTION_NAME",
    "trace_disabled": "POWERTOOLS_TRACE_DISABLED",
    "password_memory_kib": "PASSWORD_MEMORY_KIB",
    "password_time_cost": "PASSWORD_TIME_COST",
    "password_parallelism": "PASSWORD_PARALLELISM",
    "sms_allowed_countries": "SMS_ALLOWED_COUNTRIES",
    "sms_per_account_hour": "SMS_PER_ACCOUNT_HOUR",
    "sms_per_account_day": "SMS_PER_ACCOUNT_DAY",
    "sms_per_office_hour": "SMS_PER_OFFICE_HOUR",
    "sms_per_office_day": "SMS_PER_OFFICE_DAY",
    "company_extra_accounts_per_day": "COMPANY_EXTRA_ACCOUNTS_PER_DAY",
    "iban_checks_per_address": "IBAN_CHECKS_PER_ADDRESS",
}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    values = {field: os.environ[var] for field, var in _ENV.items() if os.environ.get(var)}
    if "site_url" not in values and os.environ.get("SITE_URL_PARAMETER"):
        values["site_url"] = _stored_site_url(os.environ["SITE_URL_PARAMETER"])
    return Settings(**values)


def _stored_site_url(name: str) -> str:
    """The site's URL as the stack wrote it: the distribution's own, which template.yaml cannot
    hand the functions directly (the distribution depends on them through the client API)."""
    import boto3  # lazy: read once per cold start, and only where no SITE_URL is configured

    ssm = boto3.client("ssm", region_name=os.environ.get("AWS_REGION"), endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
    return str(ssm.get_parameter(Name=name)["Parameter"]["Value"])


def reset_settings() -> None:
    get_settings.cache_clear()
