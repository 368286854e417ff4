"""What "Ingelogde apparaten" shows of a session: a coarse browser and operating system.

Derived once, at login, from the User-Agent header; the header itself is never stored (it is a
fingerprint). Ordered substring rules are enough for the few names shown: the first match wins, so
the rules that look for a token another browser also sends come first (Edge, Opera and Samsung
Internet all say "Chrome/"; Chrome says "Safari/"; an iPhone says "like Mac OS X"; Android and
ChromeOS say "Linux"). Anything else is ``None``: the screen shows "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LENGTH = 512  # a real User-Agent is far shorter; longer input is not worth reading

BROWSERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Edge", ("Edg/", "EdgA/", "EdgiOS/", "Edge/")),
    ("Samsung Internet", ("SamsungBrowser/",)),
    ("Opera", ("OPR/", "OPT/", "Opera")),
    ("Firefox", ("Firefox/", "FxiOS/")),
    ("Chrome", ("Chrome/", "CriOS/", "Chromium/")),
    ("Safari", ("Safari/",)),
)
SYSTEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iPadOS", ("iPad",)),
    ("iOS", ("iPhone", "iPod")),
    ("Windows", ("Windows",)),
    ("ChromeOS", ("CrOS",)),
    ("Android", ("Android",)),
    ("macOS", ("Macintosh", "Mac OS X")),
    ("Linux", ("Linux",)),
)


@dataclass(frozen=True)
class Device:
    browser: str | None = None
    os: str | None = None


def _first(rules: tuple[tuple[str, tuple[str, ...]], ...], text: str) -> str | None:
    return next((name for name, tokens in rules if any(token in text for token in tokens)), None)


def describe(user_agent: str | None) -> Device:
    """The browser and operating system a User-Agent names, or ``None`` for either when unknown."""
    text = (user_agent or "")[:MAX_LENGTH]
    return Device(browser=_first(BROWSERS, text), os=_first(SYSTEMS, text))
