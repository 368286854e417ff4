"""The local stack refuses what IAM would refuse: each function's own policy in template.yaml and the
documents bucket's policy, evaluated over every AWS call the function makes (portal_local.iam)."""

from __future__ import annotations

import dataclasses

import pytest
from botocore.exceptions import ClientError
from portal.files import scan
from portal.platform.aws import client
from portal.platform.settings import get_settings
from portal_local import iam, policies

from tests.support.clients import call, session_headers
from tests.unit.messages_steps import (  # noqa: F401 - fixtures
    attachments_api_fixture,
    client_in_dossier,
    upload,
)


def _refusal(error: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    return error.value.response["Error"]["Code"], error.value.response["Error"]["Message"]


def _staff_document() -> str:
    key = "dossiers/D1/staff/akte.pdf"
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=key, Body=b"%PDF-1.7")
    return key


def test_a_function_without_s3_access_in_its_policy_cannot_read_a_document(aws) -> None:
    key, bucket = _staff_document(), get_settings().documents_bucket
    with iam.acting_as("SiteFunction"), pytest.raises(ClientError) as refused:
        client("s3").get_object(Bucket=bucket, Key=key)
    code, message = _refusal(refused)
    assert code == "AccessDenied"
    assert "assumed-role/SiteFunctionRole/SiteFunction is not authorized to perform: s3:GetObject" in message
    assert "no identity-based policy allows" in message
    with iam.acting_as("DossierDownloadsFunction"):  # its policy reads dossiers/*
        assert client("s3").get_object(Bucket=bucket, Key=key)["Body"].read() == b"%PDF-1.7"


def test_a_handler_whose_policy_lacks_an_action_fails_as_in_aws(aws, fake_clock, attachments_api) -> None:
    jan, dossier = client_in_dossier()
    _, offer = upload(attachments_api, jan, dossier["id"], check=False)
    real = iam.identity_of("AttachmentsFunction")
    # The same role without its S3 statements: the check cannot even read GuardDuty's tag.
    table_only = dataclasses.replace(real, statements=tuple(
        s for s in real.statements if not any(str(a).startswith("s3:") for a in iam._listed(s["Action"]))))
    with iam.acting_as(table_only):
        response = attachments_api.lambda_handler.__wrapped__(*_check_event(jan, dossier["id"], offer["upload_id"]))
        assert response["statusCode"] == 500  # as a Lambda whose role lacks the permission answers
        with pytest.raises(ClientError) as refused:
            scan.check(offer["fields"]["key"], content_type="application/pdf")
    assert _refusal(refused)[0] == "AccessDenied"
    assert "s3:GetObjectTagging" in _refusal(refused)[1]
    status, answer = call(attachments_api, "POST", f"/api/dossiers/{dossier['id']}/attachments/{offer['upload_id']}/check",
                          session_headers(jan))
    assert (status, answer["status"]) == (200, "checked")  # its real policy allows the same call


def _check_event(account, dossier_id: str, upload_id: str) -> tuple[dict, object]:
    from tests.unit.conftest import LambdaContext, api_event

    path = f"/api/dossiers/{dossier_id}/attachments/{upload_id}/check"
    return api_event("POST", path, headers=session_headers(account)), LambdaContext()


def test_no_function_may_change_an_audit_entry(aws) -> None:
    table = client("dynamodb")
    name = get_settings().table_name
    entry = {"pk": {"S": "AUDIT#2026-11-26"}, "sk": {"S": "01"}}
    with iam.acting_as("DossiersFunction"):
        table.put_item(TableName=name, Item=entry)  # appending is allowed
        with pytest.raises(ClientError) as refused:
            table.update_item(TableName=name, Key=entry, UpdateExpression="SET x = :x",
                              ExpressionAttributeValues={":x": {"S": "y"}})
        assert _refusal(refused)[0] == "AccessDeniedException"
        assert "explicit deny in an identity-based policy" in _refusal(refused)[1]
        with pytest.raises(ClientError):
            table.transact_write_items(TransactItems=[{"Delete": {"TableName": name, "Key": entry}}])
        table.delete_item(TableName=name, Key={"pk": {"S": "SESSION#x"}, "sk": {"S": "META"}})
        with pytest.raises(ClientError) as refused:
            table.scan(TableName=name)  # not in PortalTableAccess
    assert "dynamodb:Scan" in _refusal(refused)[1]


def test_listing_versions_is_allowed_only_under_the_dossiers_prefix(aws) -> None:
    s3, bucket = client("s3"), get_settings().documents_bucket
    with iam.acting_as("AttachmentsFunction"):
        s3.list_object_versions(Bucket=bucket, Prefix="dossiers/D1/uploads/x")
        for outside in ({"Prefix": "other/"}, {}):
            with pytest.raises(ClientError):
                s3.list_object_versions(Bucket=bucket, **outside)


def test_an_sms_function_may_text_a_phone_but_a_mail_only_function_may_not(aws) -> None:
    with iam.acting_as("SessionFunction"):
        client("sns").publish(PhoneNumber="+31612345678", Message="123456")
    with iam.acting_as("InvitationsFunction"), pytest.raises(ClientError) as refused:
        client("sns").publish(PhoneNumber="+31612345678", Message="123456")
    assert _refusal(refused)[0] == "AuthorizationError"


def test_a_condition_key_the_local_stack_does_not_evaluate_fails_closed_and_is_named(aws) -> None:
    key, bucket = _staff_document(), get_settings().documents_bucket
    real = iam.identity_of("DossierDownloadsFunction")
    guarded = dataclasses.replace(real, statements=tuple(
        {**s, "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}} for s in real.statements))
    with iam.acting_as(guarded), pytest.raises(ClientError) as refused:
        client("s3").get_object(Bucket=bucket, Key=key)
    assert "aws:RequestedRegion" in _refusal(refused)[1]


def test_calls_outside_a_function_are_not_checked_and_inside_are_at_no_parse_cost(aws) -> None:
    _staff_document()  # set-up as the account: no function, no check
    assert policies.for_names() is policies.for_names()  # translated and resolved once per process
    first = iam.identity_of("AttachmentsFunction")
    assert iam.identity_of("AttachmentsFunction").statements is first.statements


def test_the_bucket_policy_conditions_are_those_of_the_template(aws) -> None:
    statements = {s.get("Sid"): s for s in policies.for_names().buckets[get_settings().documents_bucket]}
    unscanned = statements["DenyUnscannedClientUploads"]
    assert unscanned["Condition"]["StringNotEquals"] == {"s3:ExistingObjectTag/GuardDutyMalwareScanStatus": scan.CLEAN}
    # GuardDuty's role (it tags the upload) and AWS Backup's (it copies every object) may read it.
    exempt = unscanned["Condition"]["ArnNotEquals"]["aws:PrincipalArn"]
    assert sorted(arn.rsplit("/", 1)[-1] for arn in exempt) == ["BackupRole", "MalwareProtectionRole"]


def test_a_presigned_link_is_signed_only_with_a_permission_the_function_has(aws) -> None:
    from portal.files import storage

    key = _staff_document()
    with iam.acting_as("DossierDownloadsFunction"):
        assert storage.presigned_get(key, file_name="akte.pdf", content_type="application/pdf")["url"]
    with iam.acting_as("SiteFunction"), pytest.raises(ClientError) as refused:
        storage.presigned_get(key, file_name="akte.pdf", content_type="application/pdf")
    assert "s3:GetObject" in _refusal(refused)[1]
    with iam.acting_as("DossierDownloadsFunction"), pytest.raises(ClientError) as refused:
        storage.presigned_post("dossiers/D1/staff/new.pdf", content_type="application/pdf", size=10)
    assert "s3:PutObject" in _refusal(refused)[1]


def test_every_handler_a_test_loads_runs_as_its_template_function() -> None:
    from pathlib import Path

    from portal_local import template

    for function in template.functions():
        assert iam.function_for(Path(function.handler_file)) == function.logical_id


def test_the_local_stacks_invoker_runs_each_function_as_its_own_role(aws, tmp_path) -> None:
    from portal_local import template
    from portal_local.invoke import Invoker

    key = _staff_document()
    (tmp_path / "app.py").write_text(
        "from portal.platform.aws import client\n"
        "from portal.platform.settings import get_settings\n\n"
        "def lambda_handler(event, context):\n"
        "    s3 = client('s3')\n"
        "    return s3.get_object(Bucket=get_settings().documents_bucket, Key=event['key'])['Body'].read()\n",
        encoding="utf-8",
    )
    # The same code deployed as two functions: one whose role reads dossiers/*, one with no S3 at all.
    as_downloads = template.Function("DossierDownloadsFunction", tmp_path, "app.lambda_handler", 10)
    as_site = template.Function("SiteFunction", tmp_path, "app.lambda_handler", 10)
    assert Invoker().invoke(as_downloads, {"key": key}) == b"%PDF-1.7"
    with pytest.raises(ClientError) as refused:
        Invoker().invoke(as_site, {"key": key})
    assert "assumed-role/SiteFunctionRole/SiteFunction" in _refusal(refused)[1]
