"""GuardDuty's verdict decides an upload, under the template's permissions (portal_local.iam).

In AWS the bucket policy lets no function read a client upload that GuardDuty has not tagged
NO_THREATS_FOUND. These tests run the attachments function as its own role, with that bucket policy
enforced, and tag uploads by hand as GuardDuty would (``PORTAL_ENVIRONMENT=aws`` switches the local
stand-in off): before the check read the tag first, an infected file answered 500 (AccessDenied on
HeadObject), not 422, and stayed in the bucket.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from botocore.exceptions import ClientError
from portal.files import scan
from portal.messages.models import Upload
from portal.platform.aws import client
from portal.platform.settings import get_settings, reset_settings
from portal_local import iam

from tests.support.clients import call, session_headers
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    attachments_api_fixture,
    client_in_dossier,
    upload,
)


@pytest.fixture
def guardduty_by_hand(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("PORTAL_ENVIRONMENT", "aws")
    reset_settings()
    yield
    monkeypatch.delenv("PORTAL_ENVIRONMENT")
    reset_settings()


def _tag(key: str, verdict: str) -> None:
    """What GuardDuty does when its scan is done (as the scanner's role: allowed to tag uploads)."""
    client("s3").put_object_tagging(Bucket=get_settings().documents_bucket, Key=key,
                                    Tagging={"TagSet": [{"Key": scan.TAG, "Value": verdict}]})


def _versions(key: str) -> list[str]:
    listing = client("s3").list_object_versions(Bucket=get_settings().documents_bucket, Prefix=key)
    return [v["VersionId"] for v in listing.get("Versions", []) + listing.get("DeleteMarkers", []) if v["Key"] == key]


def _item(dossier_id: str, party_id: str, upload_id: str) -> Upload | None:
    try:
        return Upload.get(f"DOSSIER#{dossier_id}", f"UPLOAD#{party_id}#{upload_id}")
    except Upload.DoesNotExist:
        return None


@pytest.mark.parametrize(("verdict", "code"), [
    ("THREATS_FOUND", "upload_infected"),
    ("UNSUPPORTED", "upload_scan_failed"),
    ("ACCESS_DENIED", "upload_scan_failed"),
    ("FAILED", "upload_scan_failed"),
])
def test_a_file_guardduty_did_not_find_clean_is_refused_with_422_and_deleted_at_once(
    aws, fake_clock, guardduty_by_hand, attachments_api, verdict, code
) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], check=False)
    key = offer["fields"]["key"]
    _tag(key, verdict)
    path = f"/api/dossiers/{dossier['id']}/attachments/{offer['upload_id']}/check"
    status, answer = call(attachments_api, "POST", path, session_headers(jan))
    assert (status, answer["code"]) == (422, code)
    assert _versions(key) == []  # every version gone, not left for the daily cleanup
    assert _item(dossier["id"], jan.party_id, offer["upload_id"]) is None
    status, answer = call(attachments_api, "POST", path, session_headers(jan))
    assert status == 404  # asking again finds nothing half-refused


def test_a_file_not_scanned_yet_waits_and_passes_once_tagged_clean(
    aws, fake_clock, guardduty_by_hand, attachments_api
) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], check=False)
    path = f"/api/dossiers/{dossier['id']}/attachments/{offer['upload_id']}/check"
    status, answer = call(attachments_api, "POST", path, session_headers(jan))
    assert (status, answer["code"]) == (409, "upload_scan_pending")
    assert len(_versions(offer["fields"]["key"])) == 1  # kept: GuardDuty has not answered yet
    _tag(offer["fields"]["key"], scan.CLEAN)
    status, answer = call(attachments_api, "POST", path, session_headers(jan))
    assert (status, answer["status"]) == (200, "checked")


def test_the_function_cannot_read_an_upload_before_guardduty_tags_it_clean(
    aws, fake_clock, guardduty_by_hand, attachments_api
) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], check=False)
    s3, bucket, key = client("s3"), get_settings().documents_bucket, offer["fields"]["key"]
    with iam.acting_as("AttachmentsFunction"):
        assert s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"] == []  # the tag: always readable
        for read in (s3.head_object, s3.get_object):
            with pytest.raises(ClientError) as refused:
                read(Bucket=bucket, Key=key)
            assert refused.value.response["Error"]["Code"] == "AccessDenied"
            assert "DenyUnscannedClientUploads" in refused.value.response["Error"]["Message"]
    _tag(key, scan.INFECTED)
    with iam.acting_as("AttachmentsFunction"), pytest.raises(ClientError):
        s3.get_object(Bucket=bucket, Key=key)
    _tag(key, scan.CLEAN)
    with iam.acting_as("AttachmentsFunction"):
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read().startswith(b"%PDF")


def test_locally_the_guardduty_stand_in_tags_each_posted_upload(aws, fake_clock, attachments_api) -> None:
    from portal_local import guardduty

    jan, dossier = client_in_dossier()
    _, clean = upload(attachments_api, jan, dossier["id"], check=False)
    _, infected = upload(attachments_api, jan, dossier["id"], file_name="eicar.txt", content=guardduty.EICAR,
                         content_type="text/plain", check=False)
    s3, bucket = client("s3"), get_settings().documents_bucket
    tags = {name: s3.get_object_tagging(Bucket=bucket, Key=offer["fields"]["key"])["TagSet"]
            for name, offer in (("clean", clean), ("infected", infected))}
    assert tags == {"clean": [{"Key": scan.TAG, "Value": scan.CLEAN}],
                    "infected": [{"Key": scan.TAG, "Value": scan.INFECTED}]}
