"""File names as people give them, made safe to store and to hand back in a download header."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from portal.platform.characters import refuse_hidden
from portal.platform.errors import Invalid

MAX_NAME_LENGTH = 200


def clean_file_name(name: str, *, refuse_hidden_characters: bool = True) -> str:
    """The last path component, without control characters, at most 200 characters; never empty.

    A browser or a CLI may send a full path ("C:\\Users\\...\\akte.pdf"); only the name is kept, so
    nothing a client sends can look like a path in a header or in the office's download folder.
    A name with a bidi override or another hidden format character ("factuur\u202efdp.exe" reads as
    "factuurexe.pdf") is refused with ``hidden_characters``: the other side would see a name that
    is not the file's. Names already stored are only stripped (``refuse_hidden_characters=False``).
    """
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    if refuse_hidden_characters:
        refuse_hidden(base, "file_name", controls=False)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    if not base:
        raise Invalid("file_name_invalid", detail={"fields": [{"field": "file_name", "type": "file_name"}]})
    if len(base) > MAX_NAME_LENGTH:
        stem, dot, ext = base.rpartition(".")
        keep_extension = dot and len(ext) <= 10
        base = stem[: MAX_NAME_LENGTH - len(ext) - 1] + dot + ext if keep_extension else base[:MAX_NAME_LENGTH]
    return base


def attachment_disposition(file_name: str) -> str:
    """``Content-Disposition: attachment`` with the original name (RFC 6266 / RFC 5987).

    ``filename*`` carries the exact UTF-8 name; the plain ``filename`` is an ASCII fallback for the
    odd client that ignores the extended form. ``attachment`` makes the browser save the file
    instead of rendering it on the bucket's origin.
    """
    name = clean_file_name(file_name, refuse_hidden_characters=False)
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
