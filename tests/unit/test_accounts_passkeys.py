"""Passkeys: adding, signing in alone or after the password, and what is refused (issue 17).

The authenticator is tests/support/authenticator.py (keys from ``cryptography``); the server checks
its answers with py_webauthn, as it would a phone's.
"""

from __future__ import annotations

import pytest
from portal.accounts import passkey_login, passkey_removal, passkeys, signin, two_factor
from portal.accounts.lookup import by_id
from portal.audit import trail
from portal.platform.errors import Conflict, Gone, Invalid, Unauthenticated

from tests.support.authenticator import SoftAuthenticator
from tests.unit.conftest import PASSWORD, active_client, mails

IP = "192.0.2.10"
SESSION = "SESSION#test-binding"


def add_passkey(account, device: SoftAuthenticator | None = None, *, name: str = "iPhone", binding: str = SESSION):
    device = device or SoftAuthenticator()
    options = passkeys.registration_options(account, PASSWORD, name, binding=binding)
    added = passkeys.register(by_id(account.id), device.create(options), binding=binding, source_ip=IP)
    return device, added


def passkey_sign_in(device: SoftAuthenticator):
    cookie, options = passkey_login.login_options()
    return passkey_login.login(cookie, device.get(options), source_ip=IP)


def actions(account_id: str) -> list[str]:
    return [entry["action"] for entry in trail.history(account_id)]


def test_adding_a_passkey_lists_it_mails_the_owner_and_gives_a_first_recovery_code(aws, fake_clock) -> None:
    account = active_client()
    _, added = add_passkey(account)
    assert added["recovery_code"]  # the way back in when every device is lost
    assert [p["name"] for p in passkeys.listing(by_id(account.id))] == ["iPhone"]
    assert added["passkey"]["synced"] is True
    assert by_id(account.id).passkey_count == 1
    assert "toegevoegd" in mails("anna@example.nl")[-1]["subject"]
    assert "passkey_added" in actions(account.id)


def test_the_options_name_this_site_and_require_user_verification(aws, fake_clock) -> None:
    account = active_client()
    options = passkeys.registration_options(account, PASSWORD, "iPhone", binding=SESSION)
    assert options["rp"]["id"] == "127.0.0.1"  # the host of SiteUrl in the unit tier
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["attestation"] == "none"


def test_adding_needs_the_password(aws, fake_clock) -> None:
    account = active_client()
    with pytest.raises(Unauthenticated):
        passkeys.registration_options(account, "Verkeerd-Wachtwoord-1", "iPhone", binding=SESSION)


def test_a_passkey_alone_signs_in_both_factors_at_once(aws, fake_clock) -> None:
    account = active_client()
    device, _ = add_passkey(account)
    result = passkey_sign_in(device)
    assert result.status == "ok" and result.session_cookie
    assert result.account is not None and result.account.id == account.id  # the login answer adds Me (composed)
    assert "passkey_used" in actions(account.id)


def test_after_a_passkey_is_added_the_password_alone_is_not_enough(aws, fake_clock) -> None:
    account = active_client()
    device, _ = add_passkey(account)
    first = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    assert first.status == "second_factor_required"
    assert first.body["methods"] == ["passkey", "recovery"]
    options = passkey_login.second_step_options(first.login_cookie)
    assert [c["id"] for c in options["allowCredentials"]] == [device.credential_id.hex() and
                                                               passkeys.b64url(device.credential_id)]
    done = passkey_login.second_step(first.login_cookie, device.get(options), source_ip=IP)
    assert done.status == "ok" and done.session_cookie


def test_a_replayed_answer_is_refused(aws, fake_clock) -> None:
    account = active_client()
    device, _ = add_passkey(account)
    cookie, options = passkey_login.login_options()
    answer = device.get(options)
    assert passkey_login.login(cookie, answer, source_ip=IP).status == "ok"
    with pytest.raises(Gone) as replayed:
        passkey_login.login(cookie, answer, source_ip=IP)
    assert replayed.value.code == "passkey_challenge_expired"


def test_a_cloned_authenticator_with_an_older_sign_count_is_refused_and_audited(aws, fake_clock) -> None:
    account = active_client()
    device, _ = add_passkey(account)
    clone = device.clone()
    for _ in range(3):
        passkey_sign_in(device)
    with pytest.raises(Unauthenticated) as refused:
        passkey_sign_in(clone)  # its count (1) is below the stored 3
    assert refused.value.code == "passkey_invalid"
    assert "passkey_clone_suspected" in actions(account.id)


def test_another_accounts_passkey_is_refused_as_the_second_step(aws, fake_clock) -> None:
    anna = active_client()
    add_passkey(anna)
    kees = active_client("kees@example.nl", name="Kees Bakker")
    kees_device, _ = add_passkey(kees, binding="SESSION#kees")
    pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
    options = passkey_login.second_step_options(pending.login_cookie)
    with pytest.raises(Unauthenticated) as refused:
        passkey_login.second_step(pending.login_cookie, kees_device.get(options, rp_id="127.0.0.1"), source_ip=IP)
    assert refused.value.code == "passkey_unknown"
    assert "passkey_refused" in actions(anna.id)


def test_a_credential_id_belongs_to_one_account_only(aws, fake_clock) -> None:
    anna = active_client()
    device, _ = add_passkey(anna)
    kees = active_client("kees@example.nl", name="Kees Bakker")
    same_key = device.clone()
    options = passkeys.registration_options(kees, PASSWORD, "iPhone", binding="SESSION#kees")
    with pytest.raises(Conflict):
        passkeys.register(kees, same_key.create(options), binding="SESSION#kees", source_ip=IP)
    assert by_id(kees.id).passkey_count == 0


def test_the_challenge_is_bound_to_the_session_that_asked_for_it_and_expires(aws, fake_clock) -> None:
    account = active_client()
    device = SoftAuthenticator()
    options = passkeys.registration_options(account, PASSWORD, "iPhone", binding=SESSION)
    with pytest.raises(Gone):
        passkeys.register(account, device.create(options), binding="SESSION#another-browser", source_ip=IP)
    options = passkeys.registration_options(account, PASSWORD, "iPhone", binding=SESSION)
    fake_clock.advance(minutes=6)
    with pytest.raises(Gone):
        passkeys.register(account, device.create(options), binding=SESSION, source_ip=IP)


def test_without_user_verification_the_passkey_is_refused(aws, fake_clock) -> None:
    account = active_client()
    device = SoftAuthenticator(user_verified=False)
    options = passkeys.registration_options(account, PASSWORD, "iPhone", binding=SESSION)
    with pytest.raises(Invalid):
        passkeys.register(account, device.create(options), binding=SESSION, source_ip=IP)


def test_an_answer_for_another_site_is_refused(aws, fake_clock) -> None:
    account = active_client()
    device, _ = add_passkey(account)
    phished = SoftAuthenticator(origin="https://notaris-portaal.example", key=device.key,
                                credential_id=device.credential_id, user_handle=device.user_handle,
                                sign_count=device.sign_count)
    with pytest.raises(Unauthenticated):
        passkey_sign_in(phished)


def test_rename_and_remove_the_last_one_with_the_recovery_code(aws, fake_clock) -> None:
    account = active_client()
    device, added = add_passkey(account)
    passkey_id = added["passkey"]["id"]
    assert passkeys.rename(by_id(account.id), passkey_id, "  Werk  laptop ", source_ip=IP)["name"] == "Werk laptop"
    with pytest.raises(Invalid) as needs:
        passkey_removal.remove(by_id(account.id), passkey_id, PASSWORD, code=None, method=None, source_ip=IP)
    assert needs.value.code == "second_factor_needed"
    passkey_removal.remove(by_id(account.id), passkey_id, PASSWORD, code=added["recovery_code"], method="recovery",
                    source_ip=IP)
    assert passkeys.listing(by_id(account.id)) == []
    assert "verwijderd" in mails("anna@example.nl")[-1]["subject"]
    with pytest.raises(Unauthenticated):
        passkey_sign_in(device)
    assert signin.login("anna@example.nl", PASSWORD, source_ip=IP).status == "ok"  # back to the password alone


def last_passkey_options(account, passkey_id: str, *, binding: str = SESSION) -> dict:
    """The first try at removing the last passkey: refused, with a challenge for a passkey to answer."""
    with pytest.raises(Invalid) as needs:
        passkey_removal.remove(by_id(account.id), passkey_id, PASSWORD, code=None, method=None, source_ip=IP,
                        binding=binding)
    assert needs.value.code == "second_factor_needed"
    assert needs.value.detail["methods"] == ["recovery", "passkey"]
    return needs.value.detail["passkey_options"]


def test_the_last_passkey_can_be_removed_with_a_fresh_answer_of_the_passkey_itself(aws, fake_clock) -> None:
    account = active_client()
    device, added = add_passkey(account)
    passkey_id = added["passkey"]["id"]
    options = last_passkey_options(account, passkey_id)
    assert options["userVerification"] == "required"
    assert [c["id"] for c in options["allowCredentials"]] == [passkey_id]  # only the account's own
    passkey_removal.remove(by_id(account.id), passkey_id, PASSWORD, code=None, method="passkey", source_ip=IP,
                    credential=device.get(options), binding=SESSION)
    assert passkeys.listing(by_id(account.id)) == []
    assert by_id(account.id).passkey_count == 0
    assert by_id(account.id).recovery_code_hash  # not spent: the passkey confirmed it
    assert {"passkey_used", "passkey_removed"} <= set(actions(account.id))
    assert "verwijderd" in mails("anna@example.nl")[-1]["subject"]


def test_a_passkey_confirmation_needs_user_verification_this_sessions_challenge_and_the_password(
        aws, fake_clock) -> None:
    account = active_client()
    device, added = add_passkey(account)
    passkey_id = added["passkey"]["id"]

    def remove(credential, *, binding=SESSION, password=PASSWORD):
        passkey_removal.remove(by_id(account.id), passkey_id, password, code=None, method="passkey", source_ip=IP,
                        credential=credential, binding=binding)

    unverified = SoftAuthenticator(user_verified=False, key=device.key, credential_id=device.credential_id,
                                   user_handle=device.user_handle, sign_count=device.sign_count)
    with pytest.raises(Unauthenticated) as refused:
        remove(unverified.get(last_passkey_options(account, passkey_id)))
    assert refused.value.code == "passkey_invalid"
    with pytest.raises(Gone):  # a challenge given to another session does not confirm a removal in this one
        remove(device.get(last_passkey_options(account, passkey_id, binding="SESSION#other")))
    answer = device.get(last_passkey_options(account, passkey_id))
    with pytest.raises(Unauthenticated) as wrong:
        remove(answer, password="Wrong-password-1")
    assert wrong.value.code == "invalid_credentials"
    fake_clock.advance(minutes=6)
    with pytest.raises(Gone):  # the same answer with the password, minutes too late
        remove(answer)
    assert by_id(account.id).passkey_count == 1


def test_a_passkey_confirmation_is_spent_once_and_another_accounts_passkey_cannot_give_it(aws, fake_clock) -> None:
    anna = active_client()
    device, _ = add_passkey(anna)
    kees = active_client("kees@example.nl", name="Kees Bakker")
    kees_device, _ = add_passkey(kees, binding="SESSION#kees")
    options = passkey_login.confirmation_options(by_id(anna.id), SESSION)
    with pytest.raises(Unauthenticated) as other:
        passkey_login.confirm(by_id(anna.id), kees_device.get(options, rp_id=options["rpId"]), SESSION, source_ip=IP)
    assert other.value.code == "passkey_unknown"
    options = passkey_login.confirmation_options(by_id(anna.id), SESSION)
    answer = device.get(options)
    passkey_login.confirm(by_id(anna.id), answer, SESSION, source_ip=IP)
    with pytest.raises(Gone):
        passkey_login.confirm(by_id(anna.id), answer, SESSION, source_ip=IP)


@pytest.mark.parametrize("broken", [
    {"response": "not an object"},
    {"response": {"clientDataJSON": "bm90IGpzb24", "authenticatorData": "AA", "signature": "AA"}},
    {"response": {"clientDataJSON": None, "authenticatorData": 7, "signature": []}},
    {"rawId": "!!", "type": "public-key"},
])
def test_a_malformed_answer_to_a_live_challenge_is_refused_not_a_server_error(aws, fake_clock, broken) -> None:
    account = active_client()
    device, _ = add_passkey(account)
    answer = {**device.get(passkey_login.confirmation_options(by_id(account.id), SESSION)), **broken}
    with pytest.raises(Unauthenticated) as refused:
        passkey_login.confirm(by_id(account.id), answer, SESSION, source_ip=IP)
    assert refused.value.code == "passkey_invalid"
    created = {**SoftAuthenticator().create(passkeys.registration_options(by_id(account.id), PASSWORD, "Mac",
                                                                           binding=SESSION)), **broken}
    with pytest.raises(Invalid) as not_added:
        passkeys.register(by_id(account.id), created, binding=SESSION, source_ip=IP)
    assert not_added.value.code == "passkey_invalid"


def test_a_confirmation_does_not_replace_a_passkey_being_added_in_the_same_session(aws, fake_clock) -> None:
    account = active_client()
    add_passkey(account)
    device = SoftAuthenticator()
    adding = passkeys.registration_options(by_id(account.id), PASSWORD, "MacBook", binding=SESSION)
    passkey_login.confirmation_options(by_id(account.id), SESSION)
    passkeys.register(by_id(account.id), device.create(adding), binding=SESSION, source_ip=IP)
    assert by_id(account.id).passkey_count == 2


def test_another_accounts_passkey_cannot_be_renamed_or_removed(aws, fake_clock) -> None:
    anna = active_client()
    _, added = add_passkey(anna)
    kees = active_client("kees@example.nl", name="Kees Bakker")
    with pytest.raises(Exception) as refused:
        passkeys.rename(kees, added["passkey"]["id"], "Mine", source_ip=IP)
    assert refused.value.code == "passkey_not_found"
    with pytest.raises(Exception):
        passkey_removal.remove(kees, added["passkey"]["id"], PASSWORD, code=None, method=None, source_ip=IP)
    assert by_id(anna.id).passkey_count == 1


def test_a_passkey_is_offered_after_an_app_login_once_a_month(aws, fake_clock) -> None:
    import pyotp

    account = active_client()
    setup = two_factor.start_totp(account, PASSWORD, source_ip=IP)
    two_factor.confirm_totp(by_id(account.id), pyotp.TOTP(setup["secret"]).at(fake_clock.current), source_ip=IP)

    def app_login():
        fake_clock.advance(seconds=31)  # a new TOTP step: each code is accepted once
        pending = signin.login("anna@example.nl", PASSWORD, source_ip=IP)
        code = pyotp.TOTP(setup["secret"]).at(fake_clock.current)
        return signin.second_factor(pending.login_cookie, "totp", code, source_ip=IP).body

    assert app_login().get("offer_passkey") is True
    assert "offer_passkey" not in app_login()
    fake_clock.advance(days=31)
    assert app_login().get("offer_passkey") is True


def test_staff_see_which_factors_an_account_has_but_never_a_key(aws, fake_clock) -> None:
    from portal.accounts import staff as admin

    account = active_client()
    device, _ = add_passkey(account, name="iPhone")
    shown = admin.show_client(account.id)
    factors = shown["factors"]
    assert factors["password"] is True and factors["sms"] is False and factors["recovery_code"] is True
    assert [p["name"] for p in factors["passkeys"]] == ["iPhone"]
    text = repr(shown)
    assert passkeys.b64url(device.credential_id) not in text and "public_key" not in text
