"""What IAM authorizes for one AWS API call: the actions, the resource ARN of each, the condition keys.

One API call can need several authorizations: a TransactWriteItems needs the permission of every
item's own action, a CopyObject needs to read the source and write the target, an e-mail with a
configuration set needs both the sending identity and the set. Each becomes one :class:`Request`,
and the call is allowed only if all of them are.

The mapping covers the calls the portal makes (DynamoDB, S3, SES, SNS) and the obvious neighbours;
anything else is asked as ``<service>:<Operation>`` on ``*``, which no policy of ours allows by
accident, so an unmapped call fails visibly rather than passing unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.utils import getaddresses, parseaddr
from typing import Any

from portal_local.policies import ACCOUNT, PARTITION

# A lazily computed condition value: None when the key is absent from the request's context.
Lookup = Callable[[], list[str] | None]


@dataclass
class Request:
    action: str
    resource: str
    context: dict[str, list[str] | Lookup] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    service: str
    operation: str
    params: dict[str, Any]
    region: str
    hash_key: str  # the table's partition key attribute, for dynamodb:LeadingKeys
    object_tags: Callable[[str, str, str | None], dict[str, str]]  # (bucket, key, version) -> tags


# ---------------------------------------------------------------- DynamoDB
_TRANSACT_PARTS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                   "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}


def _table_arn(call: Call, table: str, index: str | None = None) -> str:
    arn = f"arn:{PARTITION}:dynamodb:{call.region}:{ACCOUNT}:table/{table}"
    return f"{arn}/index/{index}" if index else arn


def _leading(call: Call, *items: dict[str, Any] | None) -> dict[str, list[str] | Lookup]:
    keys = [str(next(iter(item[call.hash_key].values()))) for item in items if item and call.hash_key in item]
    return {"dynamodb:LeadingKeys": keys} if keys else {}


def _query_leading_keys(call: Call) -> dict[str, list[str] | Lookup]:
    """The partition key a table Query names (``#pk = :v``, as pynamodb writes it)."""
    params = call.params
    if params.get("IndexName") or "KeyConditionExpression" not in params:
        return {}
    names = {alias: name for alias, name in (params.get("ExpressionAttributeNames") or {}).items()}
    values = params.get("ExpressionAttributeValues") or {}
    for left, right in re.findall(r"([#\w]+)\s*=\s*(:\w+)", params["KeyConditionExpression"]):
        if names.get(left, left) == call.hash_key and right in values:
            return {"dynamodb:LeadingKeys": [str(next(iter(values[right].values())))]}
    return {}


def dynamodb(call: Call) -> list[Request]:
    op, params = call.operation, call.params
    if op == "TransactWriteItems" or op == "TransactGetItems":
        found = []
        for entry in params.get("TransactItems", []):
            (part, body), = entry.items()
            found.append(Request(f"dynamodb:{_TRANSACT_PARTS[part]}", _table_arn(call, body["TableName"]),
                                 _leading(call, body.get("Key") or body.get("Item"))))
        return found
    if op == "BatchWriteItem":
        return [Request("dynamodb:BatchWriteItem", _table_arn(call, table), _leading(
            call, *[(w.get("PutRequest") or {}).get("Item") or (w.get("DeleteRequest") or {}).get("Key") for w in writes]))
            for table, writes in params.get("RequestItems", {}).items()]
    if op == "BatchGetItem":
        return [Request("dynamodb:BatchGetItem", _table_arn(call, table), _leading(call, *wanted.get("Keys", [])))
                for table, wanted in params.get("RequestItems", {}).items()]
    if op == "Query":
        return [Request("dynamodb:Query", _table_arn(call, params["TableName"], params.get("IndexName")),
                        _query_leading_keys(call))]
    if "TableName" in params:
        return [Request(f"dynamodb:{op}", _table_arn(call, params["TableName"], params.get("IndexName")),
                        _leading(call, params.get("Key") or params.get("Item")))]
    return [Request(f"dynamodb:{op}", "*")]


# ---------------------------------------------------------------- S3
def _object(call: Call, action: str, bucket: str, key: str, version: str | None) -> Request:
    """An object request; ``s3:ExistingObjectTag/<tag>`` is read from the object only if a policy asks."""
    cache: dict[str, dict[str, str]] = {}

    def tag(name: str) -> Lookup:
        def value() -> list[str] | None:
            if "tags" not in cache:
                cache["tags"] = call.object_tags(bucket, key, version)
            found = cache["tags"].get(name)
            return None if found is None else [found]
        return value

    request = Request(action, f"arn:{PARTITION}:s3:::{bucket}/{key}")
    request.context["s3:ExistingObjectTag/*"] = tag  # resolved per tag name by the evaluator
    return request


_OBJECT_READS = {"GetObject": ("s3:GetObject", "s3:GetObjectVersion"),
                 "HeadObject": ("s3:GetObject", "s3:GetObjectVersion"),
                 "GetObjectTagging": ("s3:GetObjectTagging", "s3:GetObjectVersionTagging"),
                 "PutObjectTagging": ("s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
                 "DeleteObjectTagging": ("s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"),
                 "DeleteObject": ("s3:DeleteObject", "s3:DeleteObjectVersion"),
                 "GetObjectAcl": ("s3:GetObjectAcl", "s3:GetObjectVersionAcl")}
_LISTS = {"ListObjects": "s3:ListBucket", "ListObjectsV2": "s3:ListBucket",
          "ListObjectVersions": "s3:ListBucketVersions", "ListMultipartUploads": "s3:ListBucketMultipartUploads"}


def s3(call: Call) -> list[Request]:
    op, params = call.operation, call.params
    bucket, key, version = params.get("Bucket", ""), params.get("Key"), params.get("VersionId")
    if op in _OBJECT_READS and key is not None:
        plain, versioned = _OBJECT_READS[op]
        return [_object(call, versioned if version else plain, bucket, key, version)]
    if op in ("PutObject", "CopyObject", "CreateMultipartUpload"):
        found = [_object(call, "s3:PutObject", bucket, key or "", None)]
        if params.get("Tagging"):
            found.append(_object(call, "s3:PutObjectTagging", bucket, key or "", None))
        if op == "CopyObject":
            source = params["CopySource"]
            if isinstance(source, str):
                path, _, query = source.lstrip("/").partition("?versionId=")
                source = {"Bucket": path.split("/", 1)[0], "Key": path.split("/", 1)[1], "VersionId": query or None}
            src_version = source.get("VersionId")
            found.append(_object(call, "s3:GetObjectVersion" if src_version else "s3:GetObject",
                                 source["Bucket"], source["Key"], src_version))
        return found
    if op == "DeleteObjects":
        return [_object(call, "s3:DeleteObjectVersion" if o.get("VersionId") else "s3:DeleteObject",
                        bucket, o["Key"], o.get("VersionId")) for o in params.get("Delete", {}).get("Objects", [])]
    bucket_arn = f"arn:{PARTITION}:s3:::{bucket}"
    if op in _LISTS:
        context: dict[str, list[str] | Lookup] = {"s3:prefix": [params["Prefix"]]} if "Prefix" in params else {}
        return [Request(_LISTS[op], bucket_arn, context)]
    if op == "HeadBucket":
        return [Request("s3:ListBucket", bucket_arn)]
    return [Request(f"s3:{op}", f"{bucket_arn}/{key}" if key is not None else bucket_arn)]


# ---------------------------------------------------------------- SES and SNS
def _addresses(call: Call) -> tuple[str, list[str]]:
    params = call.params
    source, recipients = params.get("Source"), list(params.get("Destinations") or [])
    if "RawMessage" in params and (not source or not recipients):
        message = message_from_bytes(params["RawMessage"]["Data"])
        source = source or message.get("From", "")
        recipients = recipients or [a for _, a in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))]
    if "Destination" in params:
        recipients = [a for kind in ("ToAddresses", "CcAddresses", "BccAddresses") for a in params["Destination"].get(kind, [])]
    return parseaddr(source or params.get("FromEmailAddress", ""))[1], recipients


def ses(call: Call) -> list[Request]:
    actions = {"SendRawEmail": "ses:SendRawEmail", "SendEmail": "ses:SendEmail",
               "SendTemplatedEmail": "ses:SendTemplatedEmail", "SendBulkTemplatedEmail": "ses:SendBulkTemplatedEmail"}
    if call.operation not in actions:
        return [Request(f"ses:{call.operation}", "*")]
    sender, recipients = _addresses(call)
    # The sending identity: the portal's sender address belongs to the verified mail domain.
    identity = sender.rpartition("@")[2] or sender
    base = f"arn:{PARTITION}:ses:{call.region}:{ACCOUNT}"
    context: dict[str, list[str] | Lookup] = {"ses:FromAddress": [sender], "ses:Recipients": recipients}
    found = [Request(actions[call.operation], f"{base}:identity/{identity}", context)]
    if call.params.get("ConfigurationSetName"):
        found.append(Request(actions[call.operation], f"{base}:configuration-set/{call.params['ConfigurationSetName']}",
                             context))
    return found


def sns(call: Call) -> list[Request]:
    if call.operation != "Publish":
        return [Request(f"sns:{call.operation}", call.params.get("TopicArn", "*"))]
    # An SMS to a phone number has no resource ARN: only a policy on "*" reaches it.
    return [Request("sns:Publish", call.params.get("TopicArn") or call.params.get("TargetArn") or "*")]


def events(call: Call) -> list[Request]:
    """PutEvents needs the action on each entry's bus (by name or ARN; the default bus if none)."""
    if call.operation != "PutEvents":
        return [Request(f"events:{call.operation}", "*")]
    buses = dict.fromkeys(e.get("EventBusName") or "default" for e in call.params.get("Entries", []))
    return [Request("events:PutEvents", bus if bus.startswith("arn:")
                    else f"arn:{PARTITION}:events:{call.region}:{ACCOUNT}:event-bus/{bus}") for bus in buses]


MAPPERS: dict[str, Callable[[Call], list[Request]]] = {"dynamodb": dynamodb, "s3": s3, "ses": ses, "sesv2": ses,
                                                         "sns": sns, "events": events}


def requests_for(call: Call) -> list[Request]:
    mapper = MAPPERS.get(call.service)
    if mapper is None:
        return [Request(f"{call.service}:{call.operation}", "*")]
    return mapper(call)
