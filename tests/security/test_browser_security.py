"""Browser security: the site's Content-Security-Policy is strict and the same locally as in
CloudFront; Chromium shows no CSP violation on any screen of static_site/js/app.js; markup in a
name and a subject is shown as text; the site cannot be framed; site and API send anti-framing
and referrer headers on every answer, including those API Gateway makes itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect
from portal.platform.http import SECURITY_HEADERS
from portal_local import template
from portal_local.gateway import site_headers

from tests.security.http_world import World, build_world
from tests.support.browser import settle
from tests.support.clients import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
MARKUP = '<img src=x onerror="document.body.dataset.pwned=1">'
# Every route of app.js (and its not-found screen) -> the hashes that show it; {…} from the world.
SCREENS = {
    "login": ["#/login"], "request-link": ["#/wachtwoord"], "invitation": ["#/activeren/{token}"],
    "set-password": ["#/wachtwoord-instellen/{token}"], "second-factor": ["#/tweede-stap"],
    "not-found": ["#/bestaat-niet"],
    "home": ["#/home"], "my-details": ["#/mijn-gegevens"], "dossiers": ["#/dossiers"],
    "dossier": ["#/dossiers/{dossier}", "#/dossiers/{dossier}/correspondentie", "#/dossiers/{dossier}/documenten",
                "#/dossiers/{dossier}/aangeleverd", "#/dossiers/{dossier}/berichten", "#/dossiers/{dossier}/betaalinstructie"],
    "actions": ["#/acties"], "questionnaire": ["#/vragenlijst/{questionnaire}"],
    "iban-check": ["#/rekening-controleren"],
}
PUBLIC = ("login", "request-link", "invitation", "set-password", "second-factor", "not-found", "iban-check")
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
"""

pytestmark = pytest.mark.e2e


def policy(text: str) -> dict[str, list[str]]:
    directives = [d.split() for d in " ".join(text.split()).split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def cloudfront_policy() -> str:
    config = template.resources_of_type("AWS::CloudFront::ResponseHeadersPolicy")["SiteResponseHeaders"]
    csp = config["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["ContentSecurityPolicy"]
    value = csp["ContentSecurityPolicy"]
    return value["Fn::Sub"] if isinstance(value, dict) else value


def test_the_site_csp_forbids_inline_script_eval_plugins_and_framing() -> None:
    for text in (cloudfront_policy(), site_headers("http://127.0.0.1:5000")["Content-Security-Policy"]):
        found = policy(text)
        assert found["default-src"] == ["'self'"] and found["script-src"] == ["'self'"]
        assert found["frame-ancestors"] == ["'none'"] and found["object-src"] == ["'none'"]
        assert found["base-uri"] == ["'none'"] and found["form-action"] == ["'self'"]
        assert not any("unsafe" in source or source in ("*", "data:", "blob:") for source in found["script-src"])
        assert all("*" not in source for source in found["connect-src"]), "connect-src names the bucket, no wildcard"


def test_the_local_csp_matches_cloudfronts_but_for_the_buckets_address() -> None:
    aws, local = policy(cloudfront_policy()), policy(site_headers("http://127.0.0.1:5000")["Content-Security-Policy"])
    assert {k: v for k, v in aws.items() if k != "connect-src"} == {k: v for k, v in local.items() if k != "connect-src"}
    assert local["connect-src"] == ["'self'", "http://127.0.0.1:5000"]
    assert aws["connect-src"] == ["'self'", "https://${DocumentsBucket}.s3.amazonaws.com",
                                  "https://${DocumentsBucket}.s3.${AWS::Region}.amazonaws.com"]
    headers = template.resources_of_type("AWS::CloudFront::ResponseHeadersPolicy")["SiteResponseHeaders"]
    security = headers["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    assert security["FrameOptions"]["FrameOption"] == site_headers("x")["X-Frame-Options"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == site_headers("x")["Referrer-Policy"] == "no-referrer"


def test_the_site_never_builds_html_from_strings_or_evaluates_code() -> None:
    risky = re.compile(r"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|\beval\(|new Function\(|document\.write|"
                       r"setTimeout\(\s*['\"`]|setInterval\(\s*['\"`]")
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                 for path in (ROOT / "static_site").rglob("*.js")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if risky.search(line) and not line.strip().startswith("//")]
    assert offenders == []


def test_every_api_answer_and_every_site_file_forbids_framing_and_referrers(stack) -> None:
    answers = {
        "site /": requests.get(stack.url + "/", timeout=10),
        "site script": requests.get(stack.url + "/js/app.js", timeout=10),
        "site 404": requests.get(stack.url + "/nothing-here.html", timeout=10),
        "api 200": requests.get(stack.url + "/api/health", timeout=10),
        "api 401": requests.get(stack.url + "/api/me", timeout=10),
        "api 403 (csrf)": requests.post(stack.url + "/api/session", json={}, timeout=10),
        "api 404 (no route)": requests.get(stack.url + "/api/no-such-route", timeout=10),
        "admin 403 (unsigned)": requests.get(stack.url + "/admin/clients", timeout=10),
        "admin 404 (no route)": stack.admin().get("/no-such-route"),
    }
    for name, answer in answers.items():
        headers = {k.lower(): v for k, v in answer.headers.items()}
        assert headers.get("x-frame-options") == "DENY", name
        assert headers.get("referrer-policy") == "no-referrer", name
        assert headers.get("x-content-type-options") == "nosniff", name
        if name.startswith("site"):
            assert "frame-ancestors 'none'" in headers["content-security-policy"], name
    gateway = template.gateway_response_headers()
    assert {k: v for k, v in SECURITY_HEADERS.items() if k != "Content-Security-Policy"} == gateway


def test_the_site_cannot_be_shown_in_a_frame(page: Page, stack) -> None:
    page.goto(stack.url.replace("127.0.0.1", "localhost") + "/_dev/mail")  # another origin than the site
    # Chromium reports the refusal on the console: wait for that message (not for a fixed time).
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text or "X-Frame-Options" in m.text):
        page.set_content(f'<iframe id="portal" src="{stack.url}/#/login"></iframe>')
    framed = page.frame_locator("#portal")
    expect(framed.locator("#main")).to_have_count(0)


@pytest.fixture(scope="module")
def world(stack) -> World:
    world = build_world(stack, name=f"Jan {MARKUP} de Vries")
    sent = stack.admin().post(f"/dossiers/{world.dossier}/messages", {
        "to": world.account["id"], "subject": f"Let op {MARKUP}", "body": f"<b>Vet?</b> {MARKUP}"})
    assert sent.status == 201, sent.body
    return world


def _screens(world: World) -> list[tuple[str, str]]:
    names = set(re.findall(r"name: '([^']+)'", (ROOT / "static_site/js/app.js").read_text(encoding="utf-8")))
    assert names == set(SCREENS), f"screens without a row here: {names ^ set(SCREENS)}"
    values = {"token": "a" * 43, "dossier": world.dossier, "questionnaire": world.questionnaire}
    return [(name, hash_.format(**values)) for name, hashes in SCREENS.items() for hash_ in hashes]


def _visit(page: Page, hash_: str) -> list[str]:
    page.goto("/" + hash_)
    settle(page)
    expect(page.locator("#main > *").first).to_be_visible()
    return page.evaluate("window.__csp.splice(0)")


def _sign_in(page: Page, world: World) -> None:
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill(world.account["email"])
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"#/home$"))


def test_no_screen_of_the_site_violates_the_csp(page: Page, world: World) -> None:
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    violations = []
    screens = _screens(world)
    for name, hash_ in [s for s in screens if s[0] in PUBLIC]:
        violations += [f"{name} {hash_}: {v}" for v in _visit(page, hash_)]
    _sign_in(page, world)
    for name, hash_ in [s for s in screens if s[0] not in PUBLIC]:
        violations += [f"{name} {hash_}: {v}" for v in _visit(page, hash_)]
    violations += [text for text in console if "Content Security Policy" in text]
    assert violations == []
    assert len(screens) == 18  # with the account-number check and the dossier's payment instruction (issue 18)
    # The listener is not deaf: an injected inline script is blocked and heard.
    page.evaluate("document.body.append(Object.assign(document.createElement('script'), {textContent: '1'}))")
    page.wait_for_function("window.__csp.length > 0")
    assert "script-src-elem" in page.evaluate("window.__csp[0]")


def test_markup_in_a_name_and_a_subject_is_shown_as_text(page: Page, world: World) -> None:
    _sign_in(page, world)
    page.goto("/#/mijn-gegevens")
    expect(page.get_by_text(f"Jan {MARKUP} de Vries").first).to_be_visible()
    page.goto(f"/#/dossiers/{world.dossier}/berichten")
    expect(page.get_by_text(f"Let op {MARKUP}").first).to_be_visible()
    page.get_by_text(f"Let op {MARKUP}").first.click()
    expect(page.get_by_text(f"<b>Vet?</b> {MARKUP}").first).to_be_visible()
    assert page.locator("img[src='x'], b:text('Vet?')").count() == 0
    assert page.evaluate("document.body.dataset.pwned") is None
