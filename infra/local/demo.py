"""Demo data for ``make run``: each feature adds its seeder to :data:`SEEDERS`.

Everything is created through the domain functions, exactly as staff would through the admin API.
"""

from __future__ import annotations

from collections.abc import Callable

DEMO_PASSWORD = "Zonnebloem-Portaal-2026"  # noqa: S105 - a demo login, printed at start
PERSON_EMAIL = "jan.devries@example.nl"
COMPANY_EMAIL = "directie@bakkerijzoet.example"
EXTRA_EMAIL = "administratie@bakkerijzoet.example"
ACTOR = {"actor": "demo-seed", "source_ip": "127.0.0.1"}


def _activate(email: str, name: str, *, kind: str, party_id: str | None = None, company: str | None = None,
              language: str = "nl") -> str:
    from portal.accounts import passwords, registry
    from portal.accounts.models import ACTIVE, Account

    account = registry.create(
        name=name, email=email, language=language, kind=kind, party_id=party_id, company_name=company, **ACTOR
    )
    account.update(
        actions=[
            Account.password_hash.set(passwords.hash_password(DEMO_PASSWORD)),
            Account.status.set(ACTIVE),
            Account.first_login_done.set(True),
        ]
    )
    return account.id


def seed_accounts() -> list[str]:
    person = _activate(PERSON_EMAIL, "Jan de Vries", kind="person")
    company = _activate(COMPANY_EMAIL, "Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.")
    _activate(EXTRA_EMAIL, "Ahmed El Amrani", kind="company_extra", party_id=company, company="Bakkerij Zoet B.V.")
    SEEDED.update({"person": person, "company": company})
    return [
        f"{PERSON_EMAIL} / {DEMO_PASSWORD}  (person)",
        f"{COMPANY_EMAIL} / {DEMO_PASSWORD}  (company main account)",
        f"{EXTRA_EMAIL} / {DEMO_PASSWORD}  (company extra account)",
    ]


# Ids of what earlier seeders created, for later seeders (dossiers are granted to these parties).
SEEDED: dict[str, str] = {}

# Each seeder creates its demo data through the domain functions and returns printable logins.
SEEDERS: list[Callable[[], list[str]]] = [seed_accounts]


def seed() -> list[str]:
    logins: list[str] = []
    for seeder in SEEDERS:
        logins.extend(seeder())
    return logins
