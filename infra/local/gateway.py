"""An API Gateway emulator in WSGI: request -> REST proxy event -> the routed function -> response.

Routes come from template.yaml. ``/admin/*`` requires a SigV4 signature by the local staff
credentials (AWS_IAM in the cloud). ``/`` serves static_site/. ``/_dev/*`` is the dev mailbox and
the on-demand job trigger: local only, never in template.yaml.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from portal.platform.settings import get_settings
from portal_local import activity_events, mailbox, sigv4, template
from portal_local.events import api_event
from portal_local.invoke import Invoker, scheduled_event
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

SITE = template.ROOT / "static_site"
# Explicit, so the site never depends on the machine's /etc/mime.types (as S3 metadata would be set).
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
_TEXT_TYPES = ("application/json", "text/", "application/javascript", "application/xml")


def site_headers(s3_origin: str) -> dict[str, str]:
    """The headers CloudFront's response headers policy (SiteResponseHeaders in template.yaml) adds
    in AWS, read from the template: the same CSP, with the one local difference that uploads go to
    moto's S3 at ``s3_origin`` instead of the bucket's AWS addresses."""
    from portal_local.environment import LOCAL_NAMES, Resolver

    policy = template.load()["Resources"]["SiteResponseHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    security = Resolver().resolve(policy["SecurityHeadersConfig"])
    bucket = re.compile(rf"https://{re.escape(LOCAL_NAMES['DocumentsBucket'])}\.s3\.[a-z0-9.-]*amazonaws\.com")
    directives = []
    for directive in security["ContentSecurityPolicy"]["ContentSecurityPolicy"].split(";"):
        words = [s3_origin if bucket.fullmatch(word) else word for word in directive.split()]
        directives.append(" ".join(dict.fromkeys(words)))  # the bucket's two AWS addresses: one local
    headers = {"Content-Security-Policy": "; ".join(d for d in directives if d)}
    if "ContentTypeOptions" in security:
        headers["X-Content-Type-Options"] = "nosniff"
    if "FrameOptions" in security:
        headers["X-Frame-Options"] = security["FrameOptions"]["FrameOption"]
    if "ReferrerPolicy" in security:
        headers["Referrer-Policy"] = security["ReferrerPolicy"]["ReferrerPolicy"]
    hsts = security.get("StrictTransportSecurity")
    if hsts:  # ignored by browsers over http, as here; sent so that the headers are the same
        headers["Strict-Transport-Security"] = f"max-age={hsts['AccessControlMaxAgeSec']}" + (
            "; includeSubDomains" if hsts.get("IncludeSubdomains") else "") + ("; preload" if hsts.get("Preload") else "")
    return headers


def _signed_url(request: Request) -> str:
    """The URL exactly as the client sent it: a signature covers the path's own percent-encoding,
    which werkzeug's decoded ``request.url`` does not keep (``%7C`` would come back as ``|``)."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    return request.host_url.rstrip("/") + raw if raw else request.url


def as_cloudfront(event: dict[str, Any], request: Request) -> None:
    """What the distribution adds to a client API request in AWS: the origin secret (its custom
    origin header, the value the functions check, from the same settings) and the viewer's address
    (the origin request policy's CloudFront-Viewer-Address). Whatever the client sent under these
    names is replaced, as CloudFront does."""
    added = {"CloudFront-Viewer-Address": f"{request.remote_addr or '127.0.0.1'}:{request.environ.get('REMOTE_PORT') or 0}"}
    secret = get_settings().origin_secret
    if secret is not None:
        added["X-Origin-Verify"] = secret.get_secret_value()
    names = {name.lower() for name in added}
    for bag in (event["headers"], event["multiValueHeaders"]):
        for name in [n for n in bag if n.lower() in names]:
            del bag[name]
    event["headers"].update(added)
    event["multiValueHeaders"].update({name: [value] for name, value in added.items()})


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers or {}, content_type="application/json")


def _gateway_answer(status: int, body: Any) -> Response:
    """An answer API Gateway makes itself, with the template's gateway-response headers."""
    kind = "DEFAULT_5XX" if status >= 500 else "DEFAULT_4XX"
    return _json(status, body, template.gateway_response_headers(kind))


class Gateway:
    def __init__(self, invoker: Invoker, s3_origin: str, log: Callable[[str], None] = print) -> None:
        self.invoker = invoker
        self.routes = template.routes()
        self.functions = {f.logical_id: f for f in template.functions()}
        self.site_headers = site_headers(s3_origin)
        self.log = log
        # The table's stream to EventsFunction, as the event source mapping does in AWS.
        self.stream = activity_events.StreamPump(
            lambda event: invoker.invoke(self.functions[activity_events.FUNCTION], event))

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        try:
            response = self.dispatch(request)
        except HTTPException as error:
            response = _json(error.code or 500, {"status": error.code, "code": "bad_request"})
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        path = request.path
        if path.startswith("/_dev/"):
            return self.dev(request)
        if path == "/api" or path.startswith("/api/"):
            return self.api(request, "ClientApi")
        if path == "/admin" or path.startswith("/admin/"):
            return self.api(request, "AdminApi")
        return self.static(path)

    # ------------------------------------------------------------------ APIs
    def api(self, request: Request, api: str) -> Response:
        request_id = str(uuid.uuid4())
        body = request.get_data(cache=True)
        caller = None
        if api == "AdminApi":
            caller = sigv4.verify(request.method, _signed_url(request), dict(request.headers), body)
            if caller is None:
                return _gateway_answer(403, {"message": "Forbidden", "code": "forbidden"})
        for route in self.routes:
            if route.api != api:
                continue
            params = route.match(request.method, request.path)
            if params is None:
                continue
            event = self.event(request, route.path, params, body, request_id, caller)
            if api == "ClientApi":
                as_cloudfront(event, request)
            try:
                result = self.invoker.invoke(self.functions[route.function], event)
            except Exception as error:  # a crashed Lambda: API Gateway answers 502, never a traceback
                self.log(f"[{request_id}] {route.function} crashed: {type(error).__name__}: {error}")
                return _gateway_answer(500, {"status": 500, "code": "internal_error", "correlation_id": request_id})
            return self.response(result)
        return _gateway_answer(404, {"status": 404, "code": "not_found", "message": "Not found."})

    @staticmethod
    def event(
        request: Request, resource: str, params: dict[str, str], body: bytes, request_id: str, caller: str | None
    ) -> dict[str, Any]:
        content_type = request.headers.get("Content-Type", "")
        is_text = not body or any(content_type.startswith(t) for t in _TEXT_TYPES)
        if is_text:
            try:
                text_body: str | None = body.decode("utf-8") if body else None
                is_base64 = False
            except UnicodeDecodeError:
                text_body, is_base64 = base64.b64encode(body).decode("ascii"), True
        else:
            text_body, is_base64 = base64.b64encode(body).decode("ascii"), True
        multi_headers: dict[str, list[str]] = {}
        for key, value in request.headers.items():
            multi_headers.setdefault(key, []).append(value)
        query = request.args
        return api_event(
            request.method, request.path, resource=resource, headers=multi_headers,
            query={k: query.getlist(k) for k in query}, path_parameters=params, body=text_body,
            is_base64=is_base64, source_ip=request.remote_addr or "127.0.0.1", request_id=request_id,
            caller=caller,
        )

    @staticmethod
    def response(result: dict[str, Any]) -> Response:
        headers = Headers()
        for key, values in (result.get("multiValueHeaders") or {}).items():
            for value in values:
                headers.add(key, value)
        for key, value in (result.get("headers") or {}).items():
            if key not in headers:
                headers.add(key, value)
        for value in result.get("cookies") or []:
            headers.add("Set-Cookie", value)
        body = result.get("body") or ""
        data = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode("utf-8")
        return Response(data, status=int(result.get("statusCode", 200)), headers=headers)

    # ------------------------------------------------------------------ site
    def static(self, path: str) -> Response:
        relative = path.lstrip("/") or "index.html"
        # Checked by name, not by resolved path: static_site/js/i18n/errors/ links to the server's
        # error catalogs (one text per code), files in the repository outside static_site/.
        target = Path(os.path.normpath(SITE / relative))
        if SITE not in target.parents or not target.is_file():
            return Response("Not found", status=404, headers=self.site_headers, content_type="text/plain")
        content_type = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = {**self.site_headers, "Cache-Control": "no-cache"}
        return Response(target.read_bytes(), headers=headers, content_type=content_type)

    # ------------------------------------------------------------------ dev tools
    def dev(self, request: Request) -> Response:
        path = request.path
        if path == "/_dev/mail":
            return _json(200, mailbox.mails())
        if path == "/_dev/sms":
            return _json(200, mailbox.sms())
        if path == "/_dev/events":
            self.stream.pump()
            return _json(200, activity_events.received())
        if path == "/_dev/mailbox":
            self.stream.pump()
            return Response(mailbox.page(), headers=self.site_headers, content_type="text/html; charset=utf-8")
        if path.startswith("/_dev/run/") and request.method == "POST":
            function = self.functions.get(path.removeprefix("/_dev/run/"))
            if function is None or not function.schedules:
                return _json(404, {"code": "not_found"})
            result = self.invoker.invoke(function, scheduled_event(function))
            return _json(200, {"function": function.logical_id, "result": result})
        return _json(404, {"code": "not_found"})

