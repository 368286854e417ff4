"""argon2id cost (issue 14, hardening): above OWASP's minimum when deployed, and a hash made with
older parameters is replaced at its owner's next successful login, without the owner noticing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from portal.accounts import passwords, signin
from portal.accounts.lookup import by_email
from portal.platform.errors import Unauthenticated
from portal.platform.settings import Settings, reset_settings

from tests.unit.conftest import PASSWORD, active_client

IP = "192.0.2.10"


def parameters(password_hash: str) -> str:
    """The ``m=..,t=..,p=..`` part of an argon2 hash."""
    return password_hash.split("$")[3]


@pytest.fixture
def raise_cost(monkeypatch) -> Iterator[Callable[[], None]]:
    """The office raises the cost after accounts were made (tests run at the cheapest cost)."""

    def stronger() -> None:
        monkeypatch.setenv("PASSWORD_MEMORY_KIB", "2048")
        monkeypatch.setenv("PASSWORD_TIME_COST", "2")
        reset_settings()

    yield stronger
    monkeypatch.undo()
    reset_settings()


def test_the_deployed_cost_is_above_the_owasp_minimum() -> None:
    # The defaults (template.yaml sets none of these), not the tests' cheaper environment.
    memory, passes, parallelism = (
        Settings.model_fields[name].default for name in ("password_memory_kib", "password_time_cost", "password_parallelism")
    )
    minimum_kib, minimum_passes = 19 * 1024, 2
    assert memory >= minimum_kib and parallelism >= 1
    assert memory * passes > minimum_kib * minimum_passes


def test_a_hash_of_older_parameters_is_replaced_at_the_next_login(aws, fake_clock, raise_cost) -> None:
    account = active_client()
    raise_cost()
    assert parameters(account.password_hash) == "m=1024,t=1,p=1"  # made before the cost was raised
    assert passwords.needs_rehash(account.password_hash)

    assert signin.login(account.email, PASSWORD, source_ip=IP).status == "ok"

    upgraded = by_email(account.email).password_hash
    assert parameters(upgraded) == "m=2048,t=2,p=1" and not passwords.needs_rehash(upgraded)
    assert signin.login(account.email, PASSWORD, source_ip=IP).status == "ok"  # the same password, new hash
    assert by_email(account.email).password_hash == upgraded  # and no rehash while it is current


def test_a_wrong_password_changes_no_hash(aws, fake_clock, raise_cost) -> None:
    account = active_client()
    raise_cost()
    with pytest.raises(Unauthenticated):
        signin.login(account.email, "Verkeerd-Wachtwoord-1", source_ip=IP)
    assert by_email(account.email).password_hash == account.password_hash


def test_a_password_changed_meanwhile_is_never_overwritten(aws, fake_clock, raise_cost) -> None:
    from portal.accounts.models import Account

    account = active_client()
    raise_cost()
    newer = passwords.hash_password("Ander-Wachtwoord-2027")
    by_email(account.email).update(actions=[Account.password_hash.set(newer)])
    passwords.upgrade(account, PASSWORD)  # holds the old hash, as a login racing the change would
    assert by_email(account.email).password_hash == newer
