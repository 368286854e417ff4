"""Rules on the deployed shape: template.yaml translated offline by aws-sam-translator (as
tests/infra/test_template.py does), then checked resource by resource. A function, bucket, topic
or API added later is held to the same rules the moment it is in the template."""

from __future__ import annotations

import json
from typing import Any

import pytest
from portal.dossiers.publishing import upload_prefix
from portal.messages.models import attachment_key, upload_key
from portal.questionnaires.supplied import object_key
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


def test_sms_senders_may_not_publish_to_a_topic_or_endpoint(translated) -> None:
    """sns:Publish to a phone number has resource "*": the Allow alone would reach every topic."""
    denied = {name for name, s in function_statements(translated, "Deny")
              if listed(s["Action"]) == ["sns:Publish"] and s["Resource"] == {"Fn::Sub": "arn:${AWS::Partition}:sns:*:*:*"}
              and "Condition" not in s}
    assert denied == SMS_SENDERS


def _pattern(key: str) -> str:
    """A key the code builds, as the policy pattern for all such keys: dossiers/*/uploads/*."""
    parts = key.split("/")
    return f"{parts[0]}/*/{parts[2]}/*"


# The documents bucket's prefixes, from the functions that build the keys (docs/architecture.md).
UPLOADS = _pattern(upload_key("D", "P", "U"))  # a client's raw upload (presigned POST)
ATTACHMENTS = _pattern(attachment_key("D", "P", "U"))  # the server's copy of a checked upload
STAFF = _pattern(upload_prefix("D") + "X")  # what staff publish or attach
SUPPLIED = _pattern(object_key("D", "X"))  # questionnaire PDFs
READ = {"s3:GetObject"}
# What each function may do where: reading a file (or signing its presigned GET) needs GetObject;
# writing one (or signing a presigned POST) PutObject; the upload check reads a raw upload's tags
# and versions; deleting is only for what a client uploaded (refused, discarded, never sent) and
# for a questionnaire PDF whose completion lost a race.
S3_ACCESS: dict[str, dict[str, set[str]]] = {
    "MessagesFunction": {STAFF: READ, ATTACHMENTS: READ},
    "AdminMessagesFunction": {STAFF: READ, ATTACHMENTS: READ},
    "DossierDownloadsFunction": {STAFF: READ, ATTACHMENTS: READ, SUPPLIED: READ},
    "QuestionnairesFunction": {SUPPLIED: READ},
    "AdminQuestionnairesFunction": {SUPPLIED: READ},
    "QuestionnairesCompleteFunction": {SUPPLIED: {"s3:PutObject", "s3:DeleteObject"}},
    "AdminDocumentsFunction": {STAFF: {"s3:PutObject", "s3:GetObject"}},
    "AdminApprovalsFunction": {STAFF: READ},  # the SHA-256 of a draft, from its stored bytes
    "AttachmentsFunction": {
        UPLOADS: {"s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging",
                  "s3:GetObjectVersionTagging", "s3:DeleteObjectVersion"},
        ATTACHMENTS: {"s3:PutObject", "s3:DeleteObjectVersion"},
    },
    "UploadCleanupFunction": {UPLOADS: {"s3:DeleteObjectVersion"}, ATTACHMENTS: {"s3:DeleteObjectVersion"}},
}


def s3_object_access(resources: dict[str, Any]) -> dict[str, dict[str, set[str]]]:
    """Per function, the object actions its policies allow on each documents-bucket pattern."""
    found: dict[str, dict[str, set[str]]] = {}
    for name, statement in function_statements(resources):
        actions = {a for a in listed(statement["Action"]) if a.startswith("s3:") and a != "s3:ListBucketVersions"}
        for resource in listed(statement["Resource"]) if actions else []:
            sub = resource["Fn::Sub"] if isinstance(resource, dict) and "Fn::Sub" in resource else str(resource)
            assert sub.startswith("${DocumentsBucket.Arn}/"), (name, resource)  # the documents bucket only
            found.setdefault(name, {}).setdefault(sub.removeprefix("${DocumentsBucket.Arn}/"), set()).update(actions)
    return found


def test_each_function_reaches_only_the_bucket_prefixes_it_owns(translated) -> None:
    assert s3_object_access(translated) == S3_ACCESS


def test_nothing_may_delete_object_versions_across_all_dossier_files(translated) -> None:
    deleting = {(name, pattern) for name, patterns in s3_object_access(translated).items()
                for pattern, actions in patterns.items() if actions & {"s3:DeleteObject", "s3:DeleteObjectVersion"}}
    assert {pattern for _, pattern in deleting} <= {UPLOADS, ATTACHMENTS, SUPPLIED}
    assert ("QuestionnairesCompleteFunction", SUPPLIED) in deleting


def test_listing_versions_is_limited_to_the_prefixes_a_function_deletes_under(translated) -> None:
    listing = {name: s for name, s in function_statements(translated) if "s3:ListBucketVersions" in listed(s["Action"])}
    assert set(listing) == {"AttachmentsFunction", "UploadCleanupFunction"}
    for name, statement in listing.items():
        assert listed(statement["Action"]) == ["s3:ListBucketVersions"], name
        assert statement["Resource"] == {"Fn::GetAtt": ["DocumentsBucket", "Arn"]}, name
        assert statement["Condition"] == {"StringLike": {"s3:prefix": [UPLOADS, ATTACHMENTS]}}, name


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
    senders: dict[str, list[dict[str, Any]]] = {}
    for name, statement in function_statements(translated):
        if any(a.startswith("ses:") for a in listed(statement["Action"])):
            senders.setdefault(name, []).append(statement)
    assert len(senders) >= 8
    for name, statements in senders.items():
        assert all(listed(s["Action"]) == ["ses:SendRawEmail"] for s in statements), name
        office = [s for s in statements if "Condition" not in s]
        assert [{r["Fn::Sub"].rsplit(":", 1)[1] for r in s["Resource"]} for s in office] == [
            {"identity/${MailDomain}", "configuration-set/${MailConfigurationSet}"}], name


def test_in_the_ses_sandbox_senders_may_mail_verified_recipients_but_only_from_the_sender_address(translated) -> None:
    """In the sandbox SES also authorises the sender against each recipient's identity."""
    for name, statement in function_statements(translated):
        if "ses:SendRawEmail" in listed(statement["Action"]) and "Condition" in statement:
            assert statement["Resource"] == {
                "Fn::Sub": "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"}, name
            assert statement["Condition"] == {"StringEquals": {"ses:FromAddress": {"Ref": "SenderEmail"}}}, name
    recipients = {name for name, s in function_statements(translated) if "ses:FromAddress" in text(s.get("Condition"))}
    office = {name for name, s in function_statements(translated)
              if "ses:SendRawEmail" in listed(s["Action"]) and "Condition" not in s}
    assert recipients == office and len(office) >= 8


def test_other_services_are_only_the_failure_queue_and_the_site_url(translated) -> None:
    known = ("s3:", "dynamodb:", "ses:", "sns:Publish")
    others = [(name, s) for name, s in function_statements(translated)
              if not all(a.startswith(known) for a in listed(s["Action"]))]
    site_url = {"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${AWS::StackName}/site-url"}
    bus = (["events:PutEvents"], {"Fn::GetAtt": ["PortalEventBus", "Arn"]})
    # Only the stream's publisher puts events, and only on the stack's own bus.
    assert [n for n, s in others if (listed(s["Action"]), s["Resource"]) == bus] == ["EventsFunction"]
    for name, statement in others:
        if name == "EventsFunction" and (listed(statement["Action"]), statement["Resource"]) == bus:
            continue
        assert (listed(statement["Action"]), statement["Resource"]) in (
            (["sqs:SendMessage"], {"Fn::GetAtt": ["JobFailures", "Arn"]}),
            (["ssm:GetParameter"], site_url)), name


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


def test_every_function_raises_an_alarm_of_its_own_on_errors_and_throttles(translated) -> None:
    functions = set(of_type(translated, "AWS::Lambda::Function"))
    watched: dict[str, set[str]] = {}
    for alarm in _alarms(translated):
        stats = [m["MetricStat"] for m in alarm.get("Metrics", []) if "MetricStat" in m]
        lambda_stats = [s for s in stats if s["Metric"]["Namespace"] == "AWS/Lambda"]
        if not lambda_stats:
            continue
        [function] = {s["Metric"]["Dimensions"][0]["Value"]["Ref"] for s in lambda_stats}
        [returned] = [m for m in alarm["Metrics"] if m["ReturnData"]]
        assert all(f"FILL({m['Id']}, 0)" in returned["Expression"] for m in alarm["Metrics"] if "MetricStat" in m)
        assert alarm["Threshold"] == 1 and alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold", function
        watched.setdefault(function, set()).update(s["Metric"]["MetricName"] for s in lambda_stats)
    assert watched == {name: {"Errors", "Throttles"} for name in functions}
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


def test_the_client_api_stage_is_behind_a_waf_with_the_managed_rules_and_a_sign_in_rate(translated) -> None:
    [(acl_name, acl)] = of_type(translated, "AWS::WAFv2::WebACL").items()
    [association] = of_type(translated, "AWS::WAFv2::WebACLAssociation").values()
    props = association["Properties"]
    assert props["WebACLArn"] == {"Fn::GetAtt": [acl_name, "Arn"]}
    stage = of_type(translated, "AWS::ApiGateway::Stage")
    client_stage = next(n for n, s in stage.items() if s["Properties"]["RestApiId"] == {"Ref": "ClientApi"})
    assert props["ResourceArn"] == {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/"
                                               "${ClientApi}/stages/${" + client_stage + "}"}
    rules = acl["Properties"]["Rules"]
    assert acl["Properties"]["Scope"] == "REGIONAL"
    managed = {r["Statement"]["ManagedRuleGroupStatement"]["Name"] for r in rules if "ManagedRuleGroupStatement" in r["Statement"]}
    assert managed == {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                       "AWSManagedRulesAmazonIpReputationList"}
    [rate] = [r for r in rules if "RateBasedStatement" in r["Statement"]]
    assert "Block" in rate["Action"]
    scope = text(rate["Statement"]["RateBasedStatement"]["ScopeDownStatement"])
    signing_in = {route.path for route in template.routes() if route.function in ("SessionFunction", "SecondFactorFunction",
                                                                                   "PasswordLinksFunction") and route.method == "POST"}
    assert signing_in == {"/api/session", "/api/session/second-factor", "/api/session/second-factor/resend", "/api/password-links"}
    assert all(path in scope or path.rsplit("/", 1)[0] in scope for path in signing_in)
    assert '"SearchString": "POST"' in scope


def test_the_waf_logs_to_a_retained_group_without_paths_or_cookies(translated) -> None:
    [logging] = of_type(translated, "AWS::WAFv2::LoggingConfiguration").values()
    [destination] = logging["Properties"]["LogDestinationConfigs"]
    group = destination["Fn::Sub"].rsplit("${", 1)[1].rstrip("}")
    assert translated[group]["Type"] == "AWS::Logs::LogGroup"
    assert translated[group]["Properties"]["LogGroupName"]["Fn::Sub"].startswith("aws-waf-logs-")
    assert translated[group]["DeletionPolicy"] == translated[group]["UpdateReplacePolicy"] == "Retain"
    redacted = text(logging["Properties"]["RedactedFields"])
    assert "UriPath" in redacted and "QueryString" in redacted and '"cookie"' in redacted


def test_data_and_audit_logs_survive_a_deleted_stack_or_a_wrong_command(translated) -> None:
    for name in ("PortalTable", "DocumentsBucket", "ApiAccessLogs", "WafLogs", "BackupVault"):
        assert translated[name]["DeletionPolicy"] == translated[name]["UpdateReplacePolicy"] == "Retain", name
    table = translated["PortalTable"]["Properties"]
    assert table["DeletionProtectionEnabled"] is True
    assert table["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    [selection] = of_type(translated, "AWS::Backup::BackupSelection").values()
    chosen = selection["Properties"]["BackupSelection"]["Resources"]
    assert {"Fn::GetAtt": ["PortalTable", "Arn"]} in chosen and {"Fn::GetAtt": ["DocumentsBucket", "Arn"]} in chosen
    [plan] = of_type(translated, "AWS::Backup::BackupPlan").values()
    assert all(rule["Lifecycle"]["DeleteAfterDays"] >= 35 for rule in plan["Properties"]["BackupPlan"]["BackupPlanRule"])
    # The backup role reads every object, unscanned uploads too, or each night's job would fail.
    role = selection["Properties"]["BackupSelection"]["IamRoleArn"]
    [unscanned] = [s for s in translated["DocumentsBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
                   if s.get("Sid") == "DenyUnscannedClientUploads"]
    assert role in unscanned["Condition"]["ArnNotEquals"]["aws:PrincipalArn"]


def test_every_function_raises_an_alarm_when_its_p90_duration_nears_its_timeout(translated) -> None:
    timeouts = {name: f["Properties"]["Timeout"] for name, f in of_type(translated, "AWS::Lambda::Function").items()}
    watched = {a["Dimensions"][0]["Value"]["Ref"]: a for a in _alarms(translated)
               if a.get("MetricName") == "Duration" and a.get("ExtendedStatistic") == "p90"}
    assert set(watched) == set(timeouts)
    for name, alarm in watched.items():
        assert 0.7 * timeouts[name] * 1000 <= alarm["Threshold"] < timeouts[name] * 1000, name


def test_alarms_cover_sign_in_refusals_mail_reputation_and_sms_spend(translated) -> None:
    alarms = _alarms(translated)
    [refusals] = of_type(translated, "AWS::Logs::MetricFilter").values()
    pattern = refusals["Properties"]["FilterPattern"]
    assert refusals["Properties"]["LogGroupName"] == {"Ref": "ApiAccessLogs"}
    assert '$.route = "/api/session"' in pattern and '$.status = "4*"' in pattern and '$.method = "POST"' in pattern
    metric = refusals["Properties"]["MetricTransformations"][0]["MetricName"]
    assert any(a.get("MetricName") == metric for a in alarms)
    assert {"Reputation.BounceRate", "Reputation.ComplaintRate"} <= {a.get("MetricName") for a in alarms}
    [sms] = [a for a in alarms if "SMSMonthToDateSpentUSD" in text(a.get("Metrics"))]
    assert "SmsMonthlySpendLimit" in text(sms["Metrics"]) and sms["Threshold"] < 1
