"""Typed settings, read from the environment at first use.

Every function reads its configuration through :func:`get_settings`; nothing else touches
``os.environ``. Tests call :func:`reset_settings` after changing the environment.

Each field is named after its environment variable (``table_name`` is ``TABLE_NAME``), read by
pydantic-settings: a kept library instead of a hand-written map, with type checks and one error
listing every variable that is missing or wrong. Two kinds of fields:

- what template.yaml sets for the deployment (resource names, addresses, the office's parameters)
  has **no default here**: the template is its one source, and a function started without it
  fails at its first use with a message that names the variable, never silently with a local
  name. The local stack and the tests get these from the template too (portal_local.environment);
- policy values the template does not set (session lengths, upload quotas, argon2id cost) keep
  their default here, their one source; the environment may override them.

Settings are read lazily, on the first call of :func:`get_settings` (the first request of a cold
start), never at import: importing a handler costs nothing and needs no environment.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portal.platform.settings_fields import Settings


class SettingsError(RuntimeError):
    """The function's environment lacks (or has a wrong value for) a setting it needs."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, read once per cold start; a missing or invalid variable raises
    :class:`SettingsError` naming it."""
    given: dict[str, str] = {}
    if not os.environ.get("SITE_URL") and os.environ.get("SITE_URL_PARAMETER"):
        given["site_url"] = _stored_site_url(os.environ["SITE_URL_PARAMETER"])
    from pydantic import ValidationError

    from portal.platform.settings_fields import Settings

    try:
        return Settings(**given)
    except ValidationError as error:
        raise SettingsError(_explain(error)) from None


def __getattr__(name: str) -> Any:
    """``Settings`` itself, loaded on demand like the settings (PEP 562)."""
    if name == "Settings":
        from portal.platform.settings_fields import Settings

        return Settings
    raise AttributeError(name)


def _explain(error: Any) -> str:
    """One line per variable, by its environment name; never the value (it may be a secret)."""
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]).upper() if problem["loc"] else "?"
        if problem["type"] == "missing":
            hint = " (or SITE_URL_PARAMETER)" if name == "SITE_URL" else ""
            lines.append(f"{name}{hint} is not set")
        else:
            lines.append(f"{name}: {problem['msg']}")
    return "the function's environment is incomplete (template.yaml, Globals.Function.Environment): " + "; ".join(lines)


def _stored_site_url(name: str) -> str:
    """The site's URL as the stack wrote it: the distribution's own, which template.yaml cannot
    hand the functions directly (the distribution depends on them through the client API)."""
    import boto3  # lazy: read once per cold start, and only where no SITE_URL is configured

    ssm = boto3.client("ssm", region_name=os.environ.get("AWS_REGION"), endpoint_url=os.environ.get("AWS_ENDPOINT_URL"))
    return str(ssm.get_parameter(Name=name)["Parameter"]["Value"])


def reset_settings() -> None:
    get_settings.cache_clear()
