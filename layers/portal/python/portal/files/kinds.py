"""Which kinds of file the portal accepts, and whether a file's first bytes match its declared type.

The declared Content-Type is fixed in the upload policy, but a person can still upload anything
under any name: before a file is attached to a dossier its first bytes are checked, so a "PDF"
that is really an executable is refused.
"""

from __future__ import annotations

from collections.abc import Collection

from portal.platform.errors import Invalid

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Office (.doc, .xls, Outlook .msg)

# content type -> the signatures its first bytes may start with (None: text, checked differently)
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _ZIP,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _ZIP,
    "application/vnd.oasis.opendocument.text": _ZIP,
    "application/msword": _OLE,
    "application/vnd.ms-excel": _OLE,
    "text/plain": None,
}
ALLOWED_CONTENT_TYPES = frozenset(SIGNATURES)
SNIFF_BYTES = 512


def check_declared(content_type: str, allowed: Collection[str] = ALLOWED_CONTENT_TYPES) -> str:
    """The normalised content type, or 422 file_type_not_allowed."""
    normalised = (content_type or "").split(";")[0].strip().lower()
    if normalised not in allowed:
        raise Invalid("file_type_not_allowed", detail={"allowed": sorted(allowed)})
    return normalised


def matches(content_type: str, head: bytes) -> bool:
    """Whether the first bytes of a file are plausible for its declared type."""
    signatures = SIGNATURES.get(content_type)
    if signatures is None:
        if content_type != "text/plain":
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sniffed bytes is still text.
            if error.start < len(head) - 3:
                return False
        return b"\x00" not in head
    return any(head.startswith(signature) for signature in signatures)
