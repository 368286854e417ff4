"""Bijlagen: the presigned POST, the upload check (virus, type, size), discarding, the cleanup job."""

from __future__ import annotations

import base64
import json

import pytest
import requests
from portal.files import scan
from portal.messages import cleanup
from portal.messages.models import Upload
from portal.platform.aws import client
from portal.platform.settings import get_settings, reset_settings

from tests.support.clients import PDF_BYTES, active_account, call, new_dossier, session_headers
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    EICAR,
    PNG_BYTES,
    attachments_api_fixture,
    client_in_dossier,
    downloads_api_fixture,
    messages_api_fixture,
    send,
    upload,
)

HEIC_BYTES = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32


def _exists(key: str) -> bool:
    listing = client("s3").list_objects_v2(Bucket=get_settings().documents_bucket, Prefix=key)
    return any(o["Key"] == key for o in listing.get("Contents", []))


def _upload_item(dossier_id: str, party_id: str, upload_id: str) -> Upload | None:
    try:
        return Upload.get(f"DOSSIER#{dossier_id}", f"UPLOAD#{party_id}#{upload_id}")
    except Upload.DoesNotExist:
        return None


def test_the_presigned_post_fixes_key_type_and_size(aws, fake_clock, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    status, offer = call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments", session_headers(jan),
                         body={"file_name": "C:\\Users\\jan\\paspoort.pdf", "content_type": "application/pdf", "size": 1234})
    assert status == 201
    assert offer["fields"]["key"] == f"dossiers/{dossier['id']}/uploads/{jan.party_id}/{offer['upload_id']}"
    assert offer["file_name"] == "paspoort.pdf"
    policy = json.loads(base64.b64decode(offer["fields"]["policy"]))
    assert {"Content-Type": "application/pdf"} in policy["conditions"]
    assert ["content-length-range", 1, 1234] in policy["conditions"]
    assert {"key": offer["fields"]["key"]} in policy["conditions"]


@pytest.mark.parametrize(
    ("file_name", "content_type", "size", "status", "code"),
    [("setup.exe", "application/x-msdownload", 10, 422, "attachment_type_not_allowed"),
     ("foto.pdf", "image/png", 10, 422, "upload_type_mismatch"),
     ("paspoort.pdf", "application/pdf", 25 * 1024 * 1024 + 1, 422, "file_too_large"),
     ("leeg.pdf", "application/pdf", 0, 422, "file_empty")],
)
def test_what_cannot_be_uploaded_is_refused_before_the_upload(
    aws, fake_clock, attachments_api, file_name, content_type, size, status, code
) -> None:
    jan, dossier = client_in_dossier()
    answer = call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments", session_headers(jan),
                  body={"file_name": file_name, "content_type": content_type, "size": size})
    assert (answer[0], answer[1]["code"]) == (status, code)


def test_accepted_types_include_heic_photos_even_without_a_browser_type(aws, fake_clock, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    status, checked = upload(attachments_api, jan, dossier["id"], file_name="IMG_0001.HEIC", content=HEIC_BYTES,
                             content_type="")
    assert status == 200 and checked["content_type"] == "image/heic"
    from portal.files.scan import client_limits

    limits = client_limits()  # what the dossier page sends the message form
    assert {".pdf", ".jpg", ".png", ".heic", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".txt"} <= set(limits["extensions"])
    assert (limits["max_size"], limits["max_attachments"]) == (25 * 1024 * 1024, 20)


def test_the_eicar_test_file_is_refused_and_deleted(aws, fake_clock, attachments_api, messages_api) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], file_name="eicar.txt", content=EICAR,
                      content_type="text/plain", check=False)
    status, answer = call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments/{offer['upload_id']}/check",
                          session_headers(jan))
    assert (status, answer["code"]) == (422, "upload_infected")
    assert not _exists(offer["fields"]["key"])
    assert _upload_item(dossier["id"], jan.party_id, offer["upload_id"]) is None
    status, answer = send(messages_api, jan, dossier["id"], attachments=[offer["upload_id"]])
    assert status == 404  # it never reaches the office


def test_a_png_named_pdf_is_refused(aws, fake_clock, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    status, answer = upload(attachments_api, jan, dossier["id"], file_name="paspoort.pdf", content=PNG_BYTES,
                            content_type="application/pdf")
    assert (status, answer["code"]) == (422, "upload_type_mismatch")


def test_a_file_replaced_after_the_check_is_not_what_gets_sent(
    aws, fake_clock, attachments_api, messages_api, downloads_api
) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], check=False)
    call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments/{offer['upload_id']}/check",
         session_headers(jan))
    # The presigned POST is still valid: post something else to the same key after the check.
    replaced = requests.post(offer["url"], data=offer["fields"], timeout=30,
                             files={"file": ("x.pdf", b"%PDF-" + EICAR, "application/pdf")})
    assert replaced.status_code in (200, 204)
    send(messages_api, jan, dossier["id"], attachments=[offer["upload_id"]])
    _, link = call(downloads_api, "POST", f"/api/dossiers/{dossier['id']}/items/{offer['upload_id']}/download",
                   session_headers(jan))
    assert requests.get(link["url"], timeout=30).content == PDF_BYTES


def test_in_aws_only_an_upload_guardduty_tagged_clean_passes(aws, fake_clock, attachments_api, monkeypatch) -> None:
    jan, dossier = client_in_dossier()
    monkeypatch.setenv("PORTAL_ENVIRONMENT", "aws")
    reset_settings()
    try:
        _, offer = upload(attachments_api, jan, dossier["id"], check=False)
        path = f"/api/dossiers/{dossier['id']}/attachments/{offer['upload_id']}/check"
        status, answer = call(attachments_api, "POST", path, session_headers(jan))
        assert (status, answer["code"]) == (409, "upload_scan_pending")
        s3, bucket = client("s3"), get_settings().documents_bucket
        s3.put_object_tagging(Bucket=bucket, Key=offer["fields"]["key"],
                              Tagging={"TagSet": [{"Key": scan.TAG, "Value": scan.CLEAN}]})
        status, answer = call(attachments_api, "POST", path, session_headers(jan))
        assert (status, answer["status"]) == (200, "checked")

        _, infected = upload(attachments_api, jan, dossier["id"], check=False)
        s3.put_object_tagging(Bucket=bucket, Key=infected["fields"]["key"],
                              Tagging={"TagSet": [{"Key": scan.TAG, "Value": scan.INFECTED}]})
        status, answer = call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments/{infected['upload_id']}/check",
                              session_headers(jan))
        assert (status, answer["code"]) == (422, "upload_infected")
    finally:
        monkeypatch.delenv("PORTAL_ENVIRONMENT")
        reset_settings()


def test_an_unsent_upload_can_be_removed_but_not_someone_elses(aws, fake_clock, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    _, checked = upload(attachments_api, jan, dossier["id"])
    piet, _ = client_in_dossier(name="Piet")
    path = f"/api/dossiers/{dossier['id']}/attachments/{checked['upload_id']}"
    assert call(attachments_api, "DELETE", path, session_headers(piet))[0] == 404
    assert call(attachments_api, "DELETE", path, session_headers(jan))[0] == 204
    assert _upload_item(dossier["id"], jan.party_id, checked["upload_id"]) is None
    assert not _exists(f"dossiers/{dossier['id']}/attachments/{jan.party_id}/{checked['upload_id']}")


def test_cleanup_deletes_day_old_unsent_uploads_only(aws, fake_clock, attachments_api, messages_api, downloads_api) -> None:
    jan, dossier = client_in_dossier()
    _, forgotten = upload(attachments_api, jan, dossier["id"])
    _, sent = upload(attachments_api, jan, dossier["id"])
    send(messages_api, jan, dossier["id"], attachments=[sent["upload_id"]])
    fake_clock.advance(hours=23)
    _, recent = upload(attachments_api, jan, dossier["id"])
    fake_clock.advance(hours=2)

    result = cleanup.run()
    assert (result.deleted, result.sent_tidied, result.finished) == (1, 1, True)
    party, d = jan.party_id, dossier["id"]
    assert _upload_item(d, party, forgotten["upload_id"]) is None
    assert not _exists(f"dossiers/{d}/attachments/{party}/{forgotten['upload_id']}")
    assert _upload_item(d, party, recent["upload_id"]).status == "checked"
    # The sent attachment stays downloadable; only its raw upload is gone.
    assert _exists(f"dossiers/{d}/attachments/{party}/{sent['upload_id']}")
    assert not _exists(f"dossiers/{d}/uploads/{party}/{sent['upload_id']}")
    assert call(downloads_api, "POST", f"/api/dossiers/{d}/items/{sent['upload_id']}/download", session_headers(jan))[0] == 200
    # The scheduled function runs the same job; nothing is deleted twice.
    from tests.unit.conftest import LambdaContext, load_handler

    job = load_handler("jobs/upload_cleanup")
    assert job.lambda_handler({"source": "aws.events"}, LambdaContext()) == {
        "deleted": 0, "sent_tidied": 0, "finished": True,
    }


def test_the_local_stacks_s3_refuses_forged_expired_or_padded_upload_forms() -> None:
    """infra/local/s3_post_policy stands in for S3's own policy check in the local stack."""
    import boto3
    from botocore.config import Config
    from portal_local import s3_post_policy

    s3 = boto3.client("s3", region_name="eu-west-1", aws_access_key_id="local", aws_secret_access_key="secret",
                      aws_session_token=None, config=Config(signature_version="s3v4"))
    post = s3.generate_presigned_post(
        Bucket="portal-documents-local", Key="dossiers/D/uploads/P/U", Fields={"Content-Type": "application/pdf"},
        Conditions=[{"Content-Type": "application/pdf"}, ["content-length-range", 1, 100]], ExpiresIn=60,
    )
    fields = post["fields"]
    s3_post_policy.check(fields, "portal-documents-local", 100, "secret")  # as issued: accepted

    def refused(form: dict, size: int = 10, secret: str = "secret", **kwargs) -> str:
        with pytest.raises(s3_post_policy.PolicyError) as error:
            s3_post_policy.check(form, "portal-documents-local", size, secret, **kwargs)
        return error.value.code

    policy = json.loads(base64.b64decode(fields["policy"]))
    policy["conditions"] = [c for c in policy["conditions"] if not (isinstance(c, list) and c[0] == "content-length-range")]
    forged = {**fields, "policy": base64.b64encode(json.dumps(policy).encode()).decode()}
    assert refused(forged) == "SignatureDoesNotMatch"
    assert refused(fields, secret="another") == "SignatureDoesNotMatch"
    assert refused(fields, size=101) == "EntityTooLarge"
    assert refused({**fields, "key": "dossiers/D/uploads/P/other"}) == "AccessDenied"
    assert refused({**fields, "x-amz-meta-note": "extra"}) == "AccessDenied"
    from datetime import UTC, datetime, timedelta

    assert refused(fields, now=datetime.now(UTC) + timedelta(hours=1)) == "AccessDenied"


def _offer(api, account, dossier_id: str, size: int = 1000) -> tuple[int, dict]:
    return call(api, "POST", f"/api/dossiers/{dossier_id}/attachments", session_headers(account),
                body={"file_name": "scan.pdf", "content_type": "application/pdf", "size": size})


def test_a_client_cannot_offer_more_files_a_day_than_the_quota(aws, fake_clock, attachments_api, monkeypatch) -> None:
    monkeypatch.setenv("UPLOADS_PER_DAY", "3")
    reset_settings()
    jan, dossier = client_in_dossier()
    assert [_offer(attachments_api, jan, dossier["id"])[0] for _ in range(3)] == [201, 201, 201]
    status, refused = _offer(attachments_api, jan, dossier["id"])
    assert (status, refused["code"], refused["files_per_day"]) == (422, "upload_quota_exceeded", 3)
    assert "morgen" in refused["message"]
    # Nothing half-written: the refused offer left no upload behind for the cleanup or the check.
    assert len(list(Upload.query(f"DOSSIER#{dossier['id']}", Upload.sk.startswith(f"UPLOAD#{jan.party_id}#")))) == 3
    other = client_in_dossier(name="Piet")[0]  # another client's day is their own
    assert _offer(attachments_api, other, new_dossier(other)["id"])[0] == 201
    fake_clock.advance(days=1)  # a new day (UTC), a new quota
    assert _offer(attachments_api, jan, dossier["id"])[0] == 201


def test_the_bytes_of_a_day_count_for_the_whole_company(aws, fake_clock, attachments_api, monkeypatch) -> None:
    monkeypatch.setenv("UPLOAD_BYTES_PER_DAY", str(5 * 1024 * 1024))
    reset_settings()
    main, dossier = client_in_dossier(kind="company_main", company="Bakkerij B.V.")
    extra = active_account(name="Extra", kind="company_extra", company="Bakkerij B.V.", party_id=main.party_id)
    assert _offer(attachments_api, main, dossier["id"], size=3 * 1024 * 1024)[0] == 201
    status, refused = _offer(attachments_api, extra, dossier["id"], size=3 * 1024 * 1024)  # 6 MB > 5 MB
    assert (status, refused["code"]) == (422, "upload_quota_exceeded")
    assert _offer(attachments_api, extra, dossier["id"], size=2 * 1024 * 1024)[0] == 201  # exactly 5 MB
