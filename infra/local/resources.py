"""Create the table, buckets and mail identity from template.yaml's own definitions.

Used by the local stack (against the embedded moto server) and by unit tests (against moto's
in-process mock), so both run on exactly the keys and indexes that AWS will have.
"""

from __future__ import annotations

from typing import Any

from portal_local import template
from portal_local.environment import LOCAL_NAMES


def _resolve(value: Any, parameters: dict[str, Any]) -> Any:
    if isinstance(value, dict) and "Ref" in value:
        ref = value["Ref"]
        return parameters.get(ref, template.parameter_default(ref) if ref in template.load()["Parameters"] else ref)
    if isinstance(value, dict) and "Fn::If" in value:
        name, when_true, when_false = value["Fn::If"]
        return _resolve(when_true if _holds(name, parameters) else when_false, parameters)
    if isinstance(value, list):
        return [_resolve(v, parameters) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, parameters) for k, v in value.items()}
    return value


def _holds(condition: str, parameters: dict[str, Any]) -> bool:
    """A template condition over parameters (Equals, Not, And, Or), as CloudFormation decides it."""
    return bool(_evaluate(template.load()["Conditions"][condition], parameters))


def _evaluate(value: Any, parameters: dict[str, Any]) -> Any:
    if isinstance(value, dict) and "Fn::Equals" in value:
        left, right = (_evaluate(v, parameters) for v in value["Fn::Equals"])
        return str(left) == str(right)
    if isinstance(value, dict) and "Fn::Not" in value:
        return not _evaluate(value["Fn::Not"][0], parameters)
    if isinstance(value, dict) and "Fn::And" in value:
        return all(_evaluate(v, parameters) for v in value["Fn::And"])
    if isinstance(value, dict) and "Fn::Or" in value:
        return any(_evaluate(v, parameters) for v in value["Fn::Or"])
    if isinstance(value, dict) and "Condition" in value:
        return _holds(value["Condition"], parameters)
    return _resolve(value, parameters)


def create_tables(dynamodb: Any, names: dict[str, str] = LOCAL_NAMES) -> None:
    for logical_id, resource in template.resources_of_type("AWS::DynamoDB::Table").items():
        props = resource["Properties"]
        name = names[logical_id]
        kwargs: dict[str, Any] = {
            "TableName": name,
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"],
            "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if props.get("GlobalSecondaryIndexes"):
            kwargs["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
        if props.get("StreamSpecification"):
            kwargs["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
        dynamodb.create_table(**kwargs)
        ttl = props.get("TimeToLiveSpecification")
        if ttl:
            dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)


def create_buckets(s3: Any, parameters: dict[str, Any], names: dict[str, str] = LOCAL_NAMES) -> None:
    for logical_id, resource in template.resources_of_type("AWS::S3::Bucket").items():
        if logical_id not in names:
            continue  # the site bucket: locally the site is served from static_site/
        name = names[logical_id]
        props = _resolve(resource.get("Properties", {}), parameters)
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": s3.meta.region_name})
        if props.get("VersioningConfiguration"):
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=props["VersioningConfiguration"])
        if props.get("CorsConfiguration"):
            rules = [_cors_rule(rule) for rule in props["CorsConfiguration"]["CorsRules"]]
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": rules})


# CloudFormation's CorsRule names differ from the S3 API's.
_CORS_NAMES = {"MaxAge": "MaxAgeSeconds", "ExposedHeaders": "ExposeHeaders", "Id": "ID"}


def _cors_rule(rule: dict[str, Any]) -> dict[str, Any]:
    return {_CORS_NAMES.get(key, key): value for key, value in rule.items()}


def create_mail_identities(ses: Any, parameters: dict[str, Any]) -> None:
    for resource in template.resources_of_type("AWS::SES::EmailIdentity").values():
        identity = _resolve(resource["Properties"]["EmailIdentity"], parameters)
        if "@" in identity:
            ses.verify_email_identity(EmailAddress=identity)
        else:
            ses.verify_domain_identity(Domain=identity)


def create_all(clients: dict[str, Any], parameters: dict[str, Any]) -> None:
    from portal_local import guardduty, moto_transactions

    guardduty.install()  # GuardDuty tags every client upload in AWS; locally its stand-in does
    moto_transactions.install()  # a transaction's undo that neither slows with the table nor swaps it
    create_tables(clients["dynamodb"])
    create_buckets(clients["s3"], parameters)
    create_mail_identities(clients["ses"], parameters)
    from portal.platform.aws import client
    from portal_local import activity_events

    activity_events.create(clients.get("events") or client("events"), clients.get("sqs") or client("sqs"))
