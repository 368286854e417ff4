"""Who is calling, as the handlers get it from powertools' Depends (portal.platform.callers, issue 15)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from portal.accounts import signin
from portal.accounts.sessions import COOKIE, LOGIN_COOKIE
from portal.audit import trail
from portal.platform.callers import CurrentCaller, CurrentStaff, CurrentVisitor
from portal.platform.http import Router, handler_for

from tests.unit.conftest import PASSWORD, LambdaContext, active_client, api_event, load_handler

ROOT = Path(__file__).resolve().parents[2]
SITE = {"Origin": "http://127.0.0.1:8000", "X-Portal-Request": "1"}


def _handler(api: str = "client"):
    router = Router()

    @router.get("/api/visitor")
    def visitor(seen: CurrentVisitor) -> dict:
        return {"ip": seen.source_ip, "agent": seen.user_agent, "language": seen.language,
                "login": seen.cookie(LOGIN_COOKIE)}

    @router.get("/api/caller")
    def caller(signed_in: CurrentCaller) -> dict:
        return {"account_id": signed_in.principal.account_id, "ip": signed_in.source_ip}

    @router.get("/admin/staff")
    def staff(who: CurrentStaff) -> dict:
        return who.who

    return handler_for(router, api=api)  # type: ignore[arg-type]


def call(handler, event) -> tuple[int, dict]:
    response = handler(event, LambdaContext())
    return response["statusCode"], json.loads(response["body"])


def test_a_visitor_carries_address_agent_language_and_cookies() -> None:
    headers = {"user-agent": "Firefox/140", "Accept-Language": "en-GB,en;q=0.9",
               "Cookie": f"theme=dark; {LOGIN_COOKIE}=pending-1"}
    status, body = call(_handler(), api_event("GET", "/api/visitor", headers=headers))
    assert status == 200
    assert body == {"ip": "192.0.2.10", "agent": "Firefox/140", "language": "en", "login": "pending-1"}


def test_a_signed_in_route_without_a_session_is_a_401_problem_not_a_crash() -> None:
    # The dependency raises the domain's 401; powertools wraps it, the resolver answers it as the route's own.
    status, body = call(_handler(), api_event("GET", "/api/caller", headers={"Accept-Language": "en"}))
    assert status == 401 and body["code"] == "not_authenticated"


def test_a_caller_is_the_session_s_account(aws) -> None:
    account = active_client()
    cookie = signin.login(account.email, PASSWORD, source_ip="192.0.2.10").session_cookie
    status, body = call(_handler(), api_event("GET", "/api/caller", headers={"Cookie": f"{COOKIE}={cookie}"}))
    assert status == 200 and body == {"account_id": account.id, "ip": "192.0.2.10"}


def test_staff_is_the_identity_that_signed_and_its_address() -> None:
    event = api_event("GET", "/admin/staff")
    event["requestContext"]["identity"] = {"userArn": "arn:aws:iam::123456789012:user/notaris", "sourceIp": "198.51.100.7"}
    status, body = call(_handler("admin"), event)
    assert status == 200 and body == {"actor": "arn:aws:iam::123456789012:user/notaris", "source_ip": "198.51.100.7"}


def test_logout_records_the_account_its_cookie_names(aws) -> None:
    account = active_client()
    cookie = signin.login(account.email, PASSWORD, source_ip="192.0.2.10").session_cookie
    logout = load_handler("client/session")
    event = api_event("DELETE", "/api/session", headers={**SITE, "Cookie": f"{COOKIE}={cookie}"})
    assert logout.lambda_handler(event, LambdaContext())["statusCode"] == 204
    assert any(e["action"] == "logout" for e in trail.history(account.id))


def test_no_handler_digs_the_caller_out_of_the_event() -> None:
    """Handlers name their caller in their signature (issue 15): no event plumbing, no refresh, no _who."""
    plumbing = re.compile(r"current_event|principal\(|source_ip\(|user_agent\(|staff_actor|_who\(|\.refresh\(\)")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "functions").glob("*/*/app.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if plumbing.search(line)
    ]
    assert offenders == []


def test_no_handler_parameter_hides_an_imported_name() -> None:
    """A route's ``staff: CurrentStaff`` hid ``from portal.questionnaires import staff``: a 500 at the first call."""
    hidden = []
    for path in sorted((ROOT / "functions").glob("*/*/app.py")):
        tree = ast.parse(path.read_text())
        imported = {alias.asname or alias.name.split(".")[0] for node in tree.body
                    if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
        hidden += [f"{path.relative_to(ROOT)}:{node.name}({arg.arg})" for node in tree.body
                   if isinstance(node, ast.FunctionDef) for arg in node.args.args if arg.arg in imported]
    assert hidden == []
