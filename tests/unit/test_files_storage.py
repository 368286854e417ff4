"""Files: safe names, attachment downloads, upload policies that fix key, type and size, type checks."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from portal.files import kinds, storage
from portal.files.names import attachment_disposition, clean_file_name
from portal.platform.errors import Invalid, NotFound


@pytest.mark.parametrize(("given", "kept"), [
    ("C:\\Users\\jan\\Akte.pdf", "Akte.pdf"),
    ("../../etc/passwd", "passwd"),
    ("brief\r\nX-Injected: 1.pdf", "briefX-Injected: 1.pdf"),
    ("Akte van levering – José.pdf", "Akte van levering – José.pdf"),
])
def test_a_file_name_keeps_only_its_last_part_without_control_characters(given: str, kept: str) -> None:
    assert clean_file_name(given) == kept


def test_an_empty_file_name_is_refused() -> None:
    with pytest.raises(Invalid):
        clean_file_name("../")


def test_a_long_file_name_keeps_its_extension() -> None:
    name = clean_file_name("a" * 300 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


def test_the_download_header_is_an_attachment_with_the_exact_name_and_an_ascii_fallback() -> None:
    header = attachment_disposition('Nota "koper" – José.pdf')
    assert header.startswith("attachment; filename=\"Nota _koper_ _ Jos_.pdf\"; ")
    assert header.endswith("filename*=UTF-8''Nota%20%22koper%22%20%E2%80%93%20Jos%C3%A9.pdf")


@pytest.mark.parametrize(("content_type", "head", "ok"), [
    ("application/pdf", b"%PDF-1.7\n...", True),
    ("application/pdf", b"MZ\x90\x00", False),
    ("image/png", b"\x89PNG\r\n\x1a\n....", True),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04...", True),
    ("text/plain", "Geachte heer, één".encode(), True),
    ("text/plain", b"\x00\x01binary", False),
])
def test_the_first_bytes_must_match_the_declared_type(content_type: str, head: bytes, ok: bool) -> None:
    assert kinds.matches(content_type, head) is ok


def test_an_upload_policy_fixes_the_key_the_type_and_the_size(aws) -> None:
    key = storage.new_key("dossiers/01JZZZZZZZZZZZZZZZZZZZZZZZ/staff")
    offer = storage.presigned_post(key, content_type="application/pdf; charset=binary", size=1234)
    policy = json.loads(base64.b64decode(offer["fields"]["policy"]))
    conditions = policy["conditions"]
    assert {"key": key} in conditions
    assert {"Content-Type": "application/pdf"} in conditions
    assert ["content-length-range", 1, 1234] in conditions
    assert offer["fields"]["key"] == key and offer["expires_in"] <= 3600


def test_uploads_of_unknown_types_or_too_large_or_empty_are_refused(aws) -> None:
    with pytest.raises(Invalid) as refused:
        storage.presigned_post("dossiers/x/staff/y", content_type="text/html", size=10)
    assert refused.value.code == "file_type_not_allowed"
    with pytest.raises(Invalid) as refused:
        storage.presigned_post("dossiers/x/staff/y", content_type="application/pdf", size=10**9)
    assert refused.value.code == "file_too_large"
    with pytest.raises(Invalid) as refused:
        storage.presigned_post("dossiers/x/staff/y", content_type="application/pdf", size=0)
    assert refused.value.code == "file_empty"


def test_a_key_prefix_cannot_climb_out_of_its_folder() -> None:
    with pytest.raises(ValueError):
        storage.new_key("dossiers/../other")


def test_inspecting_a_missing_object_is_404(aws) -> None:
    with pytest.raises(NotFound) as missing:
        storage.inspect("dossiers/x/staff/nothing")
    assert missing.value.code == "upload_missing"


def test_a_download_link_lasts_minutes_and_saves_under_the_original_name(aws) -> None:
    link = storage.presigned_get("dossiers/x/staff/y", file_name="akte.pdf", content_type="application/pdf")
    query = parse_qs(urlsplit(link["url"]).query)
    assert query["X-Amz-Expires"] == ["300"] and link["expires_in"] == 300
    assert query["response-content-disposition"][0].startswith("attachment;")
    assert query["response-content-type"] == ["application/pdf"]
