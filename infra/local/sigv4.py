"""Verify SigV4-signed staff requests, as API Gateway's AWS_IAM authorizer does in the cloud.

Locally there are two staff identities (the local staff credentials, and a second colleague's, so
that the two-person rule of escrow accounts and payment instructions can be exercised); a request
signed by anyone else,
unsigned, stale or tampered with is refused with 403, so the admin API behaves as it does in AWS.
"""

from __future__ import annotations

import hmac
import re
from datetime import UTC, datetime, timedelta

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

LOCAL_STAFF_KEY_ID = "AKIALOCALSTAFF000001"
LOCAL_STAFF_SECRET = "local-staff-secret-not-for-production"  # noqa: S105 - local stack only
LOCAL_STAFF_ARN = "arn:aws:iam::123456789012:user/local-staff"
# The second staff member (PORTAL_ADMIN_LOCAL_STAFF=second in portal-admin): approves what the first proposed.
LOCAL_SECOND_STAFF_KEY_ID = "AKIALOCALSTAFF000002"
LOCAL_SECOND_STAFF_SECRET = "local-second-staff-secret-not-for-production"  # noqa: S105 - local stack only
LOCAL_SECOND_STAFF_ARN = "arn:aws:iam::123456789012:user/local-staff-2"
_IDENTITIES = {
    LOCAL_STAFF_KEY_ID: (LOCAL_STAFF_SECRET, LOCAL_STAFF_ARN),
    LOCAL_SECOND_STAFF_KEY_ID: (LOCAL_SECOND_STAFF_SECRET, LOCAL_SECOND_STAFF_ARN),
}
MAX_SKEW = timedelta(minutes=15)

_AUTH = re.compile(
    r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request,"
    r"\s*SignedHeaders=(?P<signed>[^,]+),\s*Signature=(?P<signature>[0-9a-f]{64})"
)


def verify(method: str, url: str, headers: dict[str, str], body: bytes) -> str | None:
    """The caller's ARN when the request is validly signed by the local staff credentials."""
    lower = {k.lower(): v for k, v in headers.items()}
    found = _AUTH.fullmatch(lower.get("authorization", "").strip())
    amz_date = lower.get("x-amz-date", "")
    if not found or found["key"] not in _IDENTITIES or found["service"] != "execute-api":
        return None
    try:
        signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    if abs(datetime.now(UTC) - signed_at) > MAX_SKEW or amz_date[:8] != found["date"]:
        return None
    signed_names = found["signed"].split(";")
    if "host" not in signed_names:
        return None
    request = AWSRequest(method=method, url=url, data=body, headers={n: lower.get(n, "") for n in signed_names})
    request.context["timestamp"] = amz_date
    secret, arn = _IDENTITIES[found["key"]]
    signer = SigV4Auth(Credentials(found["key"], secret), "execute-api", found["region"])
    expected = signer.signature(signer.string_to_sign(request, signer.canonical_request(request)), request)
    return arn if hmac.compare_digest(expected, found["signature"]) else None
