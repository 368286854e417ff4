"""What the office's CloudFront distribution tells the client API (issue 13, items 6 and 7).

CloudFront adds the origin secret to every request it sends to the client API (the distribution's
origin custom header): a call straight to the execute-api URL lacks it and is refused. It also adds
the viewer's address (``CloudFront-Viewer-Address``, forwarded by the stack's origin request
policy): API Gateway's ``sourceIp`` is only the CloudFront edge. That header is believed only on a
request that carried the secret. docs/security.md ("The edge") has the rotation of the secret.
"""

from __future__ import annotations

import hmac
import ipaddress

from portal.platform.settings import get_settings

# Header names as :func:`portal.platform.http` looks them up (any case).
ORIGIN_HEADER = "x-origin-verify"
VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address"


def _secrets() -> list[bytes]:
    settings = get_settings()
    values = (settings.origin_secret, settings.origin_secret_previous)
    return [v.get_secret_value().encode("utf-8") for v in values if v and v.get_secret_value()]


def came_through_distribution(sent: str | None) -> bool:
    """Whether ``sent`` (the request's X-Origin-Verify) is the origin secret: the current value, or
    the previous one while a rotation is under way. Compared in constant time, with both values
    every time, so that the answer's timing says nothing about which one (or how much) matched."""
    secrets = _secrets()
    if sent is None or not secrets:
        return False
    given = sent.encode("utf-8", "surrogateescape")
    return any([hmac.compare_digest(given, secret) for secret in secrets])


def origin_allowed(sent: str | None) -> bool:
    """May this client API request reach a route? Without a configured secret there is no
    distribution to prove: tests and benchmarks that call handlers directly run so (the local stack
    sets one). In Lambda a missing secret refuses every request: a deployment that lost it fails
    closed, not open."""
    if not _secrets():
        return not get_settings().aws_lambda_function_name
    return came_through_distribution(sent)


def viewer_address(value: str | None) -> str | None:
    """The IP address in a ``CloudFront-Viewer-Address`` value: ``198.51.100.10:46532``,
    ``2001:db8::1:46532`` (IPv6 as CloudFront writes it), ``[2001:db8::1]:46532``, or an address
    without a port. Anything else is None: never a string that merely looks like an address."""
    text = (value or "").strip()
    if not text or len(text) > 64:
        return None
    if text.startswith("["):
        host, closed, rest = text[1:].partition("]")
        port_ok = not rest or (rest.startswith(":") and _is_port(rest[1:]))
        candidates = [host] if closed and port_ok else []
    else:
        host, colon, port = text.rpartition(":")
        # The port first: CloudFront always sends one, and "2001:db8::1:443" is also a valid address.
        candidates = [host] if colon and _is_port(port) else []
        candidates.append(text)
    for candidate in candidates:
        if "%" in candidate:  # an IPv6 zone id names an interface of the sender's own machine
            continue
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        # One client, one throttle key: ::ffff:192.0.2.1 is 192.0.2.1.
        mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
        return str(mapped or address)
    return None


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 5
