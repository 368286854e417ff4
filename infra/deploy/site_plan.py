"""What the site upload does, decided without AWS: uploads with their headers, deletions, invalidation.

Caching. The HTML is ``no-cache``: browsers revalidate it on every visit (a cheap 304 while it
has not changed), so a deploy is seen at once. Everything else (ES modules, styles, images, the
i18n catalogs inside the modules) is short-lived, ``max-age=300``, not content-hashed and
immutable: the site deliberately has no build step, and hashed names would mean rewriting every
``import`` specifier in ~50 ES modules on each deploy. The CloudFront invalidation below empties
the edges at once; a browser that already holds a module may keep it for at most five minutes.

Content types come from a fixed table: with ``X-Content-Type-Options: nosniff`` a wrong type
breaks the site (a module served as text/plain does not run), so an unknown extension stops the
plan instead of being guessed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

HTML_CACHE_CONTROL = "no-cache"
ASSET_CACHE_CONTROL = "public, max-age=300"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",  # ASVS 14.4.1: a charset on text/* and +xml
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}

# Past this many paths one wildcard is cheaper (each path counts against the free 1,000 a month)
# and as quick.
MAX_INVALIDATION_PATHS = 15


class SitePlanError(Exception):
    """The site folder holds something the upload cannot serve correctly."""


@dataclass(frozen=True)
class SiteFile:
    """One object as it should be in the site bucket."""

    key: str
    sha256: str
    content_type: str
    cache_control: str
    path: Path | None = None

    @property
    def headers(self) -> tuple[str, str, str]:
        return self.sha256, self.content_type, self.cache_control


@dataclass(frozen=True)
class SitePlan:
    uploads: tuple[SiteFile, ...]
    deletions: tuple[str, ...]
    invalidation: tuple[str, ...]
    unchanged: int = 0


def content_type(key: str) -> str:
    suffix = Path(key).suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise SitePlanError(f"{key}: no content type for '{suffix or key}'; add it to CONTENT_TYPES")
    return CONTENT_TYPES[suffix]


def cache_control(key: str) -> str:
    return HTML_CACHE_CONTROL if key.lower().endswith(".html") else ASSET_CACHE_CONTROL


def local_files(root: Path) -> list[SiteFile]:
    """Every file under the site folder, dot-files and caches left out."""
    if not root.is_dir():
        raise SitePlanError(f"{root} is not a folder")
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        key = relative.as_posix()
        found.append(SiteFile(key=key, sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                              content_type=content_type(key), cache_control=cache_control(key), path=path))
    return found


def invalidation_paths(keys: Iterable[str]) -> tuple[str, ...]:
    """CloudFront paths for the changed keys; a folder's index.html is also cached as the folder."""
    paths: set[str] = set()
    for key in keys:
        paths.add("/" + quote(key))
        if key == "index.html" or key.endswith("/index.html"):
            paths.add("/" + quote(key[: -len("index.html")]))
    if len(paths) > MAX_INVALIDATION_PATHS:
        return ("/*",)
    return tuple(sorted(paths))


def plan(local: Iterable[SiteFile], remote: Mapping[str, tuple[str, str, str] | None]) -> SitePlan:
    """Compare the site folder with the bucket (key -> (sha256, content type, cache control)).

    A remote object whose headers are unknown (``None``, e.g. uploaded by hand) is replaced.
    Uploads put every asset before any HTML, so no new page ever refers to a file not yet there;
    deletions come after the uploads for the same reason.
    """
    local = list(local)
    wanted = {f.key for f in local}
    changed = [f for f in local if remote.get(f.key) != f.headers]
    uploads = sorted(changed, key=lambda f: (f.key.lower().endswith(".html"), f.key))
    deletions = tuple(sorted(key for key in remote if key not in wanted))
    return SitePlan(uploads=tuple(uploads), deletions=deletions,
                    invalidation=invalidation_paths([f.key for f in uploads] + list(deletions)),
                    unchanged=len(local) - len(changed))


def describe(site_plan: SitePlan, bucket: str, distribution: str) -> str:
    """The plan as a person reads it (what --dry-run prints)."""
    lines = [f"site bucket {bucket}, distribution {distribution}"]
    lines += [f"upload      {f.key}  Content-Type: {f.content_type}  Cache-Control: {f.cache_control}"
              for f in site_plan.uploads]
    lines += [f"delete      {key}" for key in site_plan.deletions]
    lines += [f"invalidate  {path}" for path in site_plan.invalidation] or ["invalidate  nothing (no change)"]
    lines.append(f"{len(site_plan.uploads)} to upload, {len(site_plan.deletions)} to delete, "
                 f"{site_plan.unchanged} unchanged")
    return "\n".join(lines)
