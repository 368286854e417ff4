"""Passkeys in Chromium with a virtual authenticator (Chrome DevTools Protocol ``WebAuthn.*``) against
the local stack served as http://localhost:PORT (browsers refuse an IP address as a passkey's site):
add one, log out, sign in with the passkey alone, with the password and the passkey, remove it (the
last one confirmed with the recovery code or with the passkey itself); and
what is refused: a cloned authenticator with an older sign count, a replayed answer, another
account's passkey."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.support.clients import PASSWORD, logged_in_client
from tests.support.stack import RunningStack, start_stack, stop_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack() -> Iterator[RunningStack]:
    running = start_stack("--site-host", "localhost")
    running.url = running.url.replace("127.0.0.1", "localhost")
    yield running
    stop_stack(running)


# Chromium's virtual authenticator answers a waiting autofill request (conditional UI) at once, where a
# person would pick the passkey from the e-mail field's list: the login page would sign in by itself.
# So the autofill is off, except where a test turns it on (localStorage 'e2e-conditional').
NO_AUTOFILL = """(() => {
  const real = window.PublicKeyCredential && PublicKeyCredential.isConditionalMediationAvailable;
  if (!real) return;
  PublicKeyCredential.isConditionalMediationAvailable = async () =>
    Boolean(localStorage.getItem('e2e-conditional')) && real.call(PublicKeyCredential);
})();"""


def authenticator(page: Page) -> tuple[object, str]:
    """A platform authenticator with user verification (a phone's fingerprint), always present."""
    page.context.add_init_script(NO_AUTOFILL)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp, added["authenticatorId"]


def login(page: Page, email: str) -> None:
    page.goto("/#/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def logout(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()


def add_passkey(page: Page, name: str = "Laptop") -> str:
    """Mijn gegevens -> Passkey toevoegen; returns the first recovery code it shows."""
    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Passkeys")
    section.get_by_role("button", name="Passkey toevoegen").click()
    section.get_by_label("Naam van de passkey").fill(name)
    section.get_by_label("Wachtwoord").fill(PASSWORD)
    section.get_by_role("button", name="Passkey aanmaken").click()
    dialog = page.get_by_role("dialog", name="Uw herstelcode")
    recovery = re.search(r"(?:[A-Z0-9]{4}-){5}[A-Z0-9]{4}", dialog.inner_text()).group(0)
    dialog.get_by_role("button", name="Ik heb de herstelcode opgeschreven").click()
    expect(section.get_by_role("listitem")).to_contain_text(name)
    return recovery


def test_add_sign_in_alone_and_after_the_password_then_remove(page: Page, stack) -> None:
    _, account = logged_in_client(stack, name="Sanne de Wit")
    authenticator(page)
    login(page, account["email"])
    expect(page).to_have_url(re.compile(r"#/home$"))
    recovery = add_passkey(page)
    assert "toegevoegd" in stack.mails(account["email"])[-1]["subject"]
    logout(page)

    page.get_by_role("button", name="Inloggen met passkey").click()  # no e-mail, no password
    expect(page).to_have_url(re.compile(r"#/home$"))
    logout(page)

    page.evaluate("localStorage.setItem('e2e-conditional', '1')")  # the passkey offered in the autofill
    page.reload()
    expect(page).to_have_url(re.compile(r"#/home$"))
    page.evaluate("localStorage.removeItem('e2e-conditional')")
    logout(page)
    page.reload()

    login(page, account["email"])  # the password is no longer enough on its own
    expect(page).to_have_url(re.compile(r"#/tweede-stap$"))
    page.get_by_role("button", name="Passkey gebruiken").click()
    expect(page).to_have_url(re.compile(r"#/home$"))

    page.goto("/#/mijn-gegevens")
    section = page.get_by_role("region", name="Passkeys")
    section.get_by_role("button", name="Verwijderen").click()
    section.get_by_label("Wachtwoord").fill(PASSWORD)
    section.get_by_role("button", name="Passkey verwijderen").click()
    section.get_by_label("Herstelcode").fill(recovery)  # the last second factor: as turning 2-step off
    section.get_by_role("button", name="Passkey verwijderen").click()
    expect(section.get_by_role("status")).to_contain_text("De passkey is verwijderd.")
    assert "verwijderd" in stack.mails(account["email"])[-1]["subject"]
    logout(page)
    page.get_by_role("button", name="Inloggen met passkey").click()
    expect(page.get_by_role("alert")).to_contain_text("niet (meer) bekend")


def test_the_last_passkey_is_removed_by_confirming_with_the_passkey_itself(page: Page, stack) -> None:
    _, account = logged_in_client(stack, name="Ruud Smit")
    authenticator(page)
    login(page, account["email"])
    expect(page).to_have_url(re.compile(r"#/home$"))
    add_passkey(page)
    section = page.get_by_role("region", name="Passkeys")
    section.get_by_role("button", name="Verwijderen").click()
    section.get_by_label("Wachtwoord").fill(PASSWORD)
    section.get_by_role("button", name="Passkey verwijderen").click()
    expect(section.get_by_text("Bevestig met de passkey zelf")).to_be_visible()  # or the recovery code
    section.get_by_role("button", name="Bevestigen met passkey").click()  # the device's own dialog: verified
    expect(section.get_by_role("status")).to_contain_text("De passkey is verwijderd.")
    assert "verwijderd" in stack.mails(account["email"])[-1]["subject"]


def test_a_cloned_authenticator_with_an_older_sign_count_is_refused(page: Page, stack) -> None:
    _, account = logged_in_client(stack, name="Bram Visser")
    cdp, original = authenticator(page)
    login(page, account["email"])
    add_passkey(page)
    logout(page)
    for _ in range(2):
        page.get_by_role("button", name="Inloggen met passkey").click()
        expect(page).to_have_url(re.compile(r"#/home$"))
        logout(page)
    credential = cdp.send("WebAuthn.getCredentials", {"authenticatorId": original})["credentials"][0]
    assert credential["signCount"] >= 2
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": original})
    _, clone = authenticator(page)
    cdp.send("WebAuthn.addCredential", {"authenticatorId": clone, "credential": {**credential, "signCount": 0}})
    page.get_by_role("button", name="Inloggen met passkey").click()
    expect(page.get_by_role("alert")).to_contain_text("De passkey kon niet worden gecontroleerd")
    expect(page).to_have_url(re.compile(r"#/login$"))


REPLAY = """async () => {
  const { getPasskey } = await import('/js/webauthn.js');
  const post = (path, body) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json',
    'X-Portal-Request': '1' }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
  const [, options] = await post('/api/session/passkey/options', {});
  const credential = await getPasskey(options);
  const first = await post('/api/session/passkey', { credential });
  const again = await post('/api/session/passkey', { credential });
  return [first[0], again[0], again[1].code];
}"""

OTHER_ACCOUNT = """async (foreignId) => {
  const { getPasskey } = await import('/js/webauthn.js');
  const post = (path, body) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json',
    'X-Portal-Request': '1' }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
  const [, options] = await post('/api/session/second-factor/passkey/options', {});
  // A tampered page asks the authenticator for another account's passkey instead of this one's.
  options.allowCredentials = [{ type: 'public-key', id: foreignId }];
  const credential = await getPasskey(options);
  const answer = await post('/api/session/second-factor/passkey', { credential });
  return [answer[0], answer[1].code];
}"""


def test_a_replayed_answer_and_another_accounts_passkey_are_refused(page: Page, stack) -> None:
    _, first = logged_in_client(stack, name="Iris Smit")
    _, second = logged_in_client(stack, name="Tom Mulder")
    cdp, device = authenticator(page)
    login(page, first["email"])
    add_passkey(page, "Iris")
    logout(page)
    page.goto("/#/login")
    # The answer sent again is refused: the login cookie its challenge was bound to is gone with the
    # first use (the unit tier shows the challenge itself is spent too, when the cookie is kept).
    assert page.evaluate(REPLAY) == [200, 401, "login_expired"]
    page.goto("/#/login")
    logout_ok = page.evaluate("() => fetch('/api/session', {method: 'DELETE', headers: {'X-Portal-Request': '1'}})"
                              ".then((r) => r.status)")
    assert logout_ok == 204

    login(page, second["email"])
    add_passkey(page, "Tom")
    logout(page)
    iris = next(c for c in cdp.send("WebAuthn.getCredentials", {"authenticatorId": device})["credentials"]
                if c["userHandle"] and c["userName"] == first["email"])
    login(page, second["email"])
    expect(page).to_have_url(re.compile(r"#/tweede-stap$"))
    foreign_id = iris["credentialId"].replace("+", "-").replace("/", "_").rstrip("=")
    assert page.evaluate(OTHER_ACCOUNT, foreign_id) == [401, "passkey_unknown"]
