"""Rules on the deployed shape: template.yaml translated offline by aws-sam-translator (as
tests/infra/test_template.py does), then checked resource by resource. A function, bucket, topic
or API added later is held to the same rules the moment it is in the template."""

from __future__ import annotations

import json
from typing import Any

import pytest
from portal_local import template

from tests.support.sam import translated_template

# sns:Publish to a phone number (SMS) has no resource ARN to name.
SMS_SENDERS = {"SessionFunction", "SecondFactorFunction", "PasswordFunction", "TwoFactorFunction"}
# CloudWatch and SES cannot publish to a topic encrypted with the AWS-managed SNS key; both topics
# carry no personal data (alarm states; bounce addresses). See their comments in template.yaml.
UNENCRYPTED_TOPICS = {"MailEventsTopic", "AlarmTopic"}
ASYNC_EVENTS = {"Schedule", "ScheduleV2", "SNS", "S3", "EventBridgeRule", "CloudWatchEvent"}


@pytest.fixture(scope="module")
def translated() -> dict[str, Any]:
    return translated_template()["Resources"]


def of_type(resources: dict[str, Any], type_name: str) -> dict[str, Any]:
    return {name: r for name, r in resources.items() if r["Type"] == type_name}


def function_statements(resources: dict[str, Any], effect: str = "Allow") -> list[tuple[str, dict[str, Any]]]:
    """Each function's statements: its role's inline policies and the template's own managed
    policies attached to it (AWS's managed ones are logging and tracing only)."""
    found = []
    for name, function in of_type(resources, "AWS::Lambda::Function").items():
        role = resources[function["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]
        documents = [policy["PolicyDocument"] for policy in role.get("Policies", [])]
        documents += [resources[arn["Ref"]]["Properties"]["PolicyDocument"]
                      for arn in role.get("ManagedPolicyArns", []) if isinstance(arn, dict)]
        found += [(name, s) for document in documents for s in document["Statement"] if s["Effect"] == effect]
    return found


def table_actions(resources: dict[str, Any]) -> dict[str, set[str]]:
    """The DynamoDB actions each function is allowed."""
    found: dict[str, set[str]] = {}
    for name, statement in function_statements(resources):
        found.setdefault(name, set()).update(a for a in listed(statement["Action"]) if a.startswith("dynamodb:"))
    return {name: actions for name, actions in found.items() if actions}


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def text(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def test_no_function_policy_names_a_wildcard_action(translated) -> None:
    statements = function_statements(translated)
    assert len({name for name, _ in statements}) >= 25
    wild = [(name, a) for name, s in statements for a in listed(s["Action"]) if "*" in a]
    assert wild == []


def test_a_wildcard_resource_is_only_sms_publishing(translated) -> None:
    star = {(name, tuple(listed(s["Action"]))) for name, s in function_statements(translated) if "*" in listed(s["Resource"])}
    assert star == {(name, ("sns:Publish",)) for name in SMS_SENDERS}


def test_s3_permissions_are_scoped_to_the_dossiers_prefix_of_the_documents_bucket(translated) -> None:
    for name, statement in function_statements(translated):
        actions = listed(statement["Action"])
        if not any(a.startswith("s3:") for a in actions):
            continue
        for resource in listed(statement["Resource"]):
            if actions == ["s3:ListBucketVersions"]:  # bucket-level: only under the prefix
                assert resource == {"Fn::GetAtt": ["DocumentsBucket", "Arn"]}, name
                assert statement["Condition"] == {"StringLike": {"s3:prefix": "dossiers/*"}}, name
            else:
                assert resource == {"Fn::Sub": "${DocumentsBucket.Arn}/dossiers/*"}, (name, resource)


def test_dynamodb_permissions_name_the_portal_table_and_its_indexes(translated) -> None:
    for name, statement in function_statements(translated):
        if not any(a.startswith("dynamodb:") for a in listed(statement["Action"])):
            continue
        assert listed(statement["Resource"]) == [
            {"Fn::GetAtt": ["PortalTable", "Arn"]}, {"Fn::Sub": "${PortalTable.Arn}/index/*"}], name


def test_no_function_may_scan_the_table_or_change_its_shape(translated) -> None:
    allowed = table_actions(translated)
    assert len(allowed) >= 25
    used = {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"}
    assert {name: actions - used for name, actions in allowed.items() if actions - used} == {}
    assert allowed["InvitationsFunction"] == {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"}


def test_no_function_may_update_or_delete_an_audit_entry(translated) -> None:
    writers = {name for name, actions in table_actions(translated).items()
               if actions & {"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"}}
    guarded = {name for name, statement in function_statements(translated, "Deny")
               if set(listed(statement["Action"])) >= {"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"}
               and statement["Resource"] == {"Fn::GetAtt": ["PortalTable", "Arn"]}
               and statement["Condition"] == {"ForAnyValue:StringLike": {"dynamodb:LeadingKeys": ["AUDIT#*"]}}}
    assert len(writers) >= 24 and writers <= guarded


def test_ses_permissions_name_the_mail_identity_and_the_configuration_set(translated) -> None:
    for name, statement in function_statements(translated):
        if not any(a.startswith("ses:") for a in listed(statement["Action"])):
            continue
        assert listed(statement["Action"]) == ["ses:SendRawEmail"], name
        assert {r["Fn::Sub"].rsplit(":", 1)[1] for r in statement["Resource"]} == {
            "identity/${MailDomain}", "configuration-set/${MailConfigurationSet}"}, name


def test_other_services_are_only_the_failure_queue(translated) -> None:
    known = ("s3:", "dynamodb:", "ses:", "sns:Publish")
    others = [(name, s) for name, s in function_statements(translated)
              if not all(a.startswith(known) for a in listed(s["Action"]))]
    for name, statement in others:
        assert listed(statement["Action"]) == ["sqs:SendMessage"], name
        assert statement["Resource"] == {"Fn::GetAtt": ["JobFailures", "Arn"]}, name


def test_data_is_encrypted_at_rest(translated) -> None:
    for name, table in of_type(translated, "AWS::DynamoDB::Table").items():
        assert table["Properties"]["SSESpecification"]["SSEEnabled"] is True, name
    for name, bucket in of_type(translated, "AWS::S3::Bucket").items():
        rules = bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert rules and all(r["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms") for r in rules), name
    for name, queue in of_type(translated, "AWS::SQS::Queue").items():
        assert queue["Properties"].get("SqsManagedSseEnabled") or queue["Properties"].get("KmsMasterKeyId"), name
    unencrypted = {n for n, t in of_type(translated, "AWS::SNS::Topic").items() if not t.get("Properties", {}).get("KmsMasterKeyId")}
    assert unencrypted == UNENCRYPTED_TOPICS


def test_no_bucket_is_ever_public(translated) -> None:
    for name, bucket in of_type(translated, "AWS::S3::Bucket").items():
        block = bucket["Properties"]["PublicAccessBlockConfiguration"]
        assert all(block[k] is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                                              "RestrictPublicBuckets")), name
        assert bucket["Properties"]["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    for name, policy in of_type(translated, "AWS::S3::BucketPolicy").items():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if statement["Effect"] == "Allow":
                assert statement["Principal"] != "*" and "AWS" not in statement["Principal"], name
                assert "AWS:SourceArn" in text(statement["Condition"]), name


def test_every_asynchronous_function_has_an_on_failure_destination(translated) -> None:
    original = template.load()["Resources"]
    asynchronous = {name for name, r in original.items() if r["Type"] == "AWS::Serverless::Function"
                    and any(e["Type"] in ASYNC_EVENTS for e in (r["Properties"].get("Events") or {}).values())}
    assert asynchronous == {"SesEventsFunction", "DigestFunction", "UploadCleanupFunction"}
    configured = {}
    for config in of_type(translated, "AWS::Lambda::EventInvokeConfig").values():
        props = config["Properties"]
        configured[props["FunctionName"]["Ref"]] = props["DestinationConfig"]["OnFailure"]["Destination"]
    assert {name: configured.get(name) for name in asynchronous} == {
        name: {"Fn::GetAtt": ["JobFailures", "Arn"]} for name in asynchronous}


def _alarms(translated: dict[str, Any]) -> list[dict[str, Any]]:
    alarms = [a["Properties"] for a in of_type(translated, "AWS::CloudWatch::Alarm").values()]
    assert all(a["AlarmActions"] == [{"Ref": "AlarmTopic"}] for a in alarms)
    return alarms


def test_every_api_raises_an_alarm_on_5xx(translated) -> None:
    watched = {text(a["Dimensions"][0]["Value"]) for a in _alarms(translated) if a.get("MetricName") == "5XXError"}
    names = {text(api["Properties"]["Name"]) for api in of_type(translated, "AWS::ApiGateway::RestApi").values()}
    assert len(names) == 2 and watched == names


def test_every_function_raises_an_alarm_on_errors_and_throttles(translated) -> None:
    functions = set(of_type(translated, "AWS::Lambda::Function"))
    for metric in ("Errors", "Throttles"):
        alarms = [a for a in _alarms(translated) if a.get("Namespace") == "AWS/Lambda" and a.get("MetricName") == metric]
        account_level = any(not a.get("Dimensions") for a in alarms)
        per_function = {a["Dimensions"][0]["Value"]["Ref"] for a in alarms if a.get("Dimensions")}
        assert account_level or per_function >= functions, metric
    assert any("ThrottleEvents" in text(a.get("Metrics")) for a in _alarms(translated))
    assert any(a.get("MetricName") == "ApproximateNumberOfMessagesVisible" for a in _alarms(translated))


def test_both_apis_are_throttled(translated) -> None:
    stages = of_type(translated, "AWS::ApiGateway::Stage")
    assert len(stages) == 2
    for name, stage in stages.items():
        [setting] = stage["Properties"]["MethodSettings"]
        assert (setting["ResourcePath"], setting["HttpMethod"]) == ("/*", "*"), name
        assert 0 < setting["ThrottlingRateLimit"] <= setting["ThrottlingBurstLimit"] <= 500, name


def test_every_function_logs_to_a_group_with_a_retention_period(translated) -> None:
    groups = of_type(translated, "AWS::Logs::LogGroup")
    for name, function in of_type(translated, "AWS::Lambda::Function").items():
        group = function["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
        assert groups[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name


def test_both_apis_write_an_access_log_that_carries_no_path_or_token(translated) -> None:
    groups = of_type(translated, "AWS::Logs::LogGroup")
    stages = of_type(translated, "AWS::ApiGateway::Stage")
    assert len(stages) == 2
    for name, stage in stages.items():
        setting = stage["Properties"]["AccessLogSetting"]
        group = setting["DestinationArn"]["Fn::GetAtt"][0]
        assert groups[group]["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}, name
        record = json.loads(setting["Format"])  # one JSON object per request
        assert {"$context.requestId", "$context.identity.sourceIp", "$context.identity.userArn",
                "$context.resourcePath", "$context.status", "$context.error.messageString"} <= set(record.values()), name
        # The real path carries link tokens (/api/invitations/{token}); query strings and headers, cookies.
        assert not any(v.startswith(("$context.path", "$input", "$context.requestOverride")) for v in record.values()), name
    account = of_type(translated, "AWS::ApiGateway::Account")
    assert len(account) == 1
    for name, api in of_type(translated, "AWS::ApiGateway::RestApi").items():
        assert api.get("DependsOn") == next(iter(account)), name  # logging needs the account's role first


def test_answers_api_gateway_makes_itself_carry_the_security_headers(translated) -> None:
    for name, api in of_type(translated, "AWS::ApiGateway::RestApi").items():
        responses = api["Properties"]["Body"]["x-amazon-apigateway-gateway-responses"]
        for kind in ("DEFAULT_4XX", "DEFAULT_5XX"):
            headers = responses[kind]["responseParameters"]
            assert headers["gatewayresponse.header.X-Frame-Options"] == "'DENY'", (name, kind)
            assert headers["gatewayresponse.header.Referrer-Policy"] == "'no-referrer'", (name, kind)
            assert headers["gatewayresponse.header.X-Content-Type-Options"] == "'nosniff'", (name, kind)
