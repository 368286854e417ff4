"""IAM, locally: every AWS call a function makes is checked against that function's own policy in
template.yaml and the bucket's policy, and refused with AccessDenied when AWS would refuse it.

moto's own IAM mode is not used: it needs a real IAM user with access keys per function and
supports few condition keys, while what matters here is the bucket policy's conditions
(``s3:ExistingObjectTag/...``, ``aws:PrincipalArn``) and DynamoDB's ``dynamodb:LeadingKeys``. So the
policies are evaluated here, over the calls: botocore's ``BaseClient._make_api_call`` is wrapped
once per process; while a function runs (:func:`acting_as`, entered by the local stack's invoker
and the tests' handler loader) each call is mapped to the IAM requests it needs
(:mod:`portal_local.iam_requests`) and each request is decided as AWS does for one account:
an explicit Deny in either policy wins, otherwise the identity policy or the bucket policy must
Allow. Calls outside a function (creating the local resources, seeding demo data, tests' own
set-up) are not checked, as an administrator's would not be.

Condition keys that are not evaluated here fail closed (a Deny applies, an Allow does not) and the
refusal names the key, so a gap shows up as a visible AccessDenied, never as a silent pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any

from portal_local import policies, template
from portal_local.iam_requests import Call, Request, requests_for

_SET_QUALIFIERS = ("ForAnyValue:", "ForAllValues:")
# Condition keys evaluated here (lower case: IAM compares them case-insensitively).
KNOWN_KEYS = {"aws:securetransport", "aws:principalarn", "aws:principalaccount", "s3:prefix",
              "dynamodb:leadingkeys", "ses:fromaddress", "ses:recipients"}
TAG_KEY = "s3:existingobjecttag/"
_ERRORS = {"dynamodb": ("AccessDeniedException", 400), "sns": ("AuthorizationError", 403)}


class UnknownCondition(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class Identity:
    function: str
    role_arn: str
    statements: tuple[dict[str, Any], ...]
    buckets: dict[str, tuple[dict[str, Any], ...]]


_acting: ContextVar[Identity | None] = ContextVar("portal_local_iam_identity", default=None)
_unpatched: list[Callable[..., Any]] = []


# ---------------------------------------------------------------- matching
@lru_cache(maxsize=4096)
def _pattern(pattern: str, ignore_case: bool) -> re.Pattern[str]:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(regex, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def _like(pattern: str, value: str, ignore_case: bool = False) -> bool:
    return _pattern(pattern, ignore_case).fullmatch(value) is not None


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


_MATCHERS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda v, e: v == e,
    "StringEqualsIgnoreCase": lambda v, e: v.lower() == e.lower(),
    "StringLike": lambda v, e: _like(e, v),
    "ArnEquals": lambda v, e: _like(e, v),
    "ArnLike": lambda v, e: _like(e, v),
    "Bool": lambda v, e: v.lower() == e.lower(),
}
_NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
            "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike"}


def _context_value(key: str, request: Request, identity: Identity) -> list[str] | None:
    lowered = key.lower()
    if lowered.startswith(TAG_KEY):
        return request.context["s3:ExistingObjectTag/*"](key[len(TAG_KEY):])() if (  # type: ignore[operator]
            "s3:ExistingObjectTag/*" in request.context) else None
    if lowered not in KNOWN_KEYS:
        raise UnknownCondition(f"condition key {key} is not evaluated by the local stack")
    if lowered == "aws:securetransport":
        return ["true"]  # a Lambda function calls AWS over HTTPS
    if lowered == "aws:principalarn":
        return [identity.role_arn]
    if lowered == "aws:principalaccount":
        return [policies.ACCOUNT]
    for name, value in request.context.items():
        if name.lower() == lowered:
            return value() if callable(value) else value
    return None


def _condition_holds(operator: str, key: str, expected: list[str], request: Request, identity: Identity) -> bool:
    qualifier = next((q for q in _SET_QUALIFIERS if operator.startswith(q)), "")
    base = operator[len(qualifier):]
    if_exists = base.endswith("IfExists")
    base = base.removesuffix("IfExists")
    values = _context_value(key, request, identity)
    if base == "Null":
        return (values is None) == (expected[0].lower() == "true")
    negated = base in _NEGATED
    matcher = _MATCHERS.get(_NEGATED.get(base, base))
    if matcher is None:
        raise UnknownCondition(f"condition operator {operator} is not evaluated by the local stack")
    if values is None:
        return if_exists or qualifier == "ForAllValues:" or (negated and not qualifier)

    def hit(value: str) -> bool:
        found = any(matcher(value, e) for e in expected)
        return not found if negated else found

    if qualifier == "ForAllValues:":
        return all(hit(v) for v in values)
    if qualifier == "ForAnyValue:":
        return any(hit(v) for v in values)
    return all(hit(v) for v in values) if negated else any(hit(v) for v in values)


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _applies(statement: dict[str, Any], request: Request, identity: Identity, resource_policy: bool) -> bool:
    if "Action" in statement:
        if not any(_like(a, request.action, ignore_case=True) for a in _listed(statement["Action"])):
            return False
    elif not all(not _like(a, request.action, ignore_case=True) for a in _listed(statement.get("NotAction", []))):
        return False
    if "Resource" in statement:
        if not any(_like(r, request.resource) for r in _listed(statement["Resource"])):
            return False
    elif any(_like(r, request.resource) for r in _listed(statement.get("NotResource", []))):
        return False
    if resource_policy and not _principal_matches(statement, identity):
        return False
    for operator, block in (statement.get("Condition") or {}).items():
        for key, expected in block.items():
            if not _condition_holds(operator, key, [_text(e) for e in _listed(expected)], request, identity):
                return False
    return True


def _principal_matches(statement: dict[str, Any], identity: Identity) -> bool:
    if "NotPrincipal" in statement:
        raise UnknownCondition("NotPrincipal is not evaluated by the local stack")
    principal = statement.get("Principal")
    if principal == "*":
        return True
    aws = _listed(principal.get("AWS", [])) if isinstance(principal, dict) else []
    return "*" in aws or identity.role_arn in aws


def _decide(identity: Identity, request: Request) -> str | None:
    """None when allowed; otherwise why not, in AWS's words."""
    allowed, gaps = False, []
    sources = [(identity.statements, False, "an identity-based policy")]
    if request.resource.startswith("arn:aws:s3:::"):
        bucket = request.resource.split(":::", 1)[1].split("/", 1)[0]
        sources.append((identity.buckets.get(bucket, ()), True, "a resource-based policy"))
    for statements, resource_policy, kind in sources:
        for statement in statements:
            try:
                applies = _applies(statement, request, identity, resource_policy)
            except UnknownCondition as unknown:  # fail closed: a Deny holds, an Allow does not
                applies = statement.get("Effect") == "Deny"
                gaps.append(unknown.what)
            if applies and statement.get("Effect") == "Deny":
                sid = f" ({statement['Sid']})" if statement.get("Sid") else ""
                return f"with an explicit deny in {kind}{sid}" + (f"; {'; '.join(gaps)}" if gaps else "")
            allowed = allowed or (applies and statement.get("Effect") == "Allow")
    if allowed:
        return None
    return f"because no identity-based policy allows the {request.action} action" + (
        f" ({'; '.join(gaps)})" if gaps else "")


# ---------------------------------------------------------------- the hook
@lru_cache(maxsize=1)
def _hash_key() -> str:
    for table in template.resources_of_type("AWS::DynamoDB::Table").values():
        return next(k["AttributeName"] for k in table["Properties"]["KeySchema"] if k["KeyType"] == "HASH")
    return "pk"


def _object_tags(client: Any) -> Callable[[str, str, str | None], dict[str, str]]:
    from botocore.exceptions import ClientError

    def read(bucket: str, key: str, version: str | None) -> dict[str, str]:
        params = {"Bucket": bucket, "Key": key, **({"VersionId": version} if version else {})}
        try:  # as the account, not the function: reading the tag is the evaluation's business
            tagging = _unpatched[0](client, "GetObjectTagging", params)
        except ClientError:
            return {}  # no such object (or version): no tag to compare
        return {t["Key"]: t["Value"] for t in tagging.get("TagSet", [])}

    return read


def check(identity: Identity, client: Any, operation: str, params: dict[str, Any]) -> None:
    """Raise botocore's ClientError, as AWS answers, if any part of the call would be refused."""
    from botocore.exceptions import ClientError

    service = client.meta.service_model.service_name
    call = Call(service, operation, params, client.meta.region_name, _hash_key(), _object_tags(client))
    for request in requests_for(call):
        reason = _decide(identity, request)
        if reason is not None:
            code, status = _ERRORS.get(service, ("AccessDenied", 403))
            role = identity.role_arn.rsplit("/", 1)[1]
            message = (f"User: arn:aws:sts::{policies.ACCOUNT}:assumed-role/{role}/{identity.function} is not "
                       f"authorized to perform: {request.action} on resource: {request.resource} {reason}")
            raise ClientError({"Error": {"Code": code, "Message": message},
                               "ResponseMetadata": {"HTTPStatusCode": status}}, operation)


def _presigned(request_dict: dict[str, Any], key: str | None) -> tuple[str, str, str | None]:
    """(bucket, key, version) of a presigned S3 request, path-style (locally) or virtual-hosted."""
    from urllib.parse import parse_qs, unquote, urlsplit

    url = urlsplit(request_dict["url"])
    host, path = url.hostname or "", unquote(url.path).lstrip("/")
    if ".s3." in host or host.endswith(".s3.amazonaws.com"):
        bucket, rest = host.split(".s3", 1)[0], path
    else:
        bucket, _, rest = path.partition("/")
    version = parse_qs(url.query).get("versionId", [None])[0]
    return bucket, key if key is not None else rest, version


def _check_presign(operation: str, request_dict: dict[str, Any], key: str | None = None) -> None:
    """A presigned URL or POST is signed with the function's role: AWS checks that role's permission
    (and the bucket policy) when it is used; here it is checked when it is signed."""
    identity = _acting.get()
    if identity is None:
        return
    from portal.platform.aws import client

    bucket, object_key, version = _presigned(request_dict, key)
    params = {"Bucket": bucket, "Key": object_key, **({"VersionId": version} if version else {})}
    check(identity, client("s3"), operation, params)


def _install_presign_checks() -> None:
    from botocore.signers import RequestSigner, S3PostPresigner

    url_signer, post_signer = RequestSigner.generate_presigned_url, S3PostPresigner.generate_presigned_post

    @wraps(url_signer)
    def presigned_url(self: Any, request_dict: dict[str, Any], operation_name: str, *args: Any, **kwargs: Any) -> Any:
        if self._service_id.hyphenize() == "s3":  # noqa: SLF001 - botocore offers no public name
            _check_presign(operation_name, request_dict)
        return url_signer(self, request_dict, operation_name, *args, **kwargs)

    @wraps(post_signer)
    def presigned_post(self: Any, request_dict: dict[str, Any], fields: dict[str, Any] | None = None,
                       *args: Any, **kwargs: Any) -> Any:
        _check_presign("PutObject", request_dict, (fields or {}).get("key", ""))
        return post_signer(self, request_dict, fields, *args, **kwargs)

    RequestSigner.generate_presigned_url = presigned_url
    S3PostPresigner.generate_presigned_post = presigned_post


def install() -> None:
    """Wrap botocore's one entry point for API calls (idempotent; cheap when no function runs)."""
    import botocore.client

    current = botocore.client.BaseClient._make_api_call
    if getattr(current, "_portal_iam", False):
        return
    if not _unpatched:
        _unpatched.append(current)
        _install_presign_checks()

    def checked(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        identity = _acting.get()
        if identity is not None:
            check(identity, self, operation_name, api_params)
        return current(self, operation_name, api_params)

    checked._portal_iam = True  # type: ignore[attr-defined]
    botocore.client.BaseClient._make_api_call = checked


def identity_of(function: str) -> Identity:
    loaded = policies.for_names()
    role_arn, statements = loaded.roles[function]
    return Identity(function, role_arn, statements, loaded.buckets)


@contextmanager
def acting_as(function: str | Identity) -> Iterator[Identity]:
    """Run the body as the function's role: every AWS call in it is checked."""
    install()
    identity = function if isinstance(function, Identity) else identity_of(function)
    token = _acting.set(identity)
    try:
        yield identity
    finally:
        _acting.reset(token)


@contextmanager
def as_account() -> Iterator[None]:
    """Run the body unchecked, as the account's administrator (set-up inside a test, say)."""
    token = _acting.set(None)
    try:
        yield
    finally:
        _acting.reset(token)


def enforced(handler: Callable[..., Any], function: str) -> Callable[..., Any]:
    """A lambda_handler that runs as its function's role."""

    @wraps(handler)
    def run(event: Any, context: Any) -> Any:
        with acting_as(function):
            return handler(event, context)

    return run


def function_for(handler_file: Any) -> str:
    """The template function whose handler is this file (CodeUri + Handler, as Lambda finds it)."""
    from pathlib import Path

    wanted = Path(handler_file).resolve()
    for function in template.functions():
        if function.handler_file.resolve() == wanted:
            return function.logical_id
    raise KeyError(f"no function in template.yaml has its handler in {handler_file}")
