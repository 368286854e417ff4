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


# ---------------------------------------------------------------- dossiers
def _demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF with a title: enough to download and open."""
    text = title.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _publish_demo(dossier_id: str, tab: str, title: str, file_name: str, visible_to: list[str] | None = None) -> str:
    """What `portal-admin documents publish` does, minus HTTP: the file lands in S3, staff confirm."""
    from portal.dossiers import publishing
    from portal.files import storage
    from portal.platform.aws import client
    from portal.platform.settings import get_settings

    key = storage.new_key(publishing.upload_prefix(dossier_id))
    client("s3").put_object(
        Bucket=get_settings().documents_bucket, Key=key, Body=_demo_pdf(title), ContentType="application/pdf"
    )
    published = publishing.publish(
        dossier_id, upload_key=key, title=title, tab=tab, file_name=file_name, visible_to=visible_to, **ACTOR
    )
    return published["id"]


_TRANSFER_STEPS = [
    ("Opdracht ontvangen", "Instruction received"), ("Koopakte ontvangen", "Purchase agreement received"),
    ("Kadaster en registers gecontroleerd", "Land registry checked"), ("Concept akte verstuurd", "Draft deed sent"),
    ("Hypotheekstukken ontvangen", "Mortgage documents received"), ("Nota van afrekening verstuurd", "Statement sent"),
    ("Gelden ontvangen", "Funds received"), ("Akte gepasseerd", "Deed signed"),
    ("Akte ingeschreven bij het Kadaster", "Deed registered"), ("Dossier afgerond", "File completed"),
]


def seed_dossiers() -> list[str]:
    """The person: three dossiers (one shared with the company, as buyer and seller); the company:
    that one dossier, so its login opens it at once; one letter and one document per side only."""
    from portal.accounts.lookup import by_id
    from portal.accounts.sessions import Principal
    from portal.dossiers import downloads, progress, registry

    person, company = SEEDED["person"], SEEDED["company"]
    transfer = registry.create(number="2026.0123", description="Levering Dorpsstraat 1 Utrecht",
                               grant=[person, company], **ACTOR)["id"]
    progress.set_steps(transfer, [{"title_nl": nl, "title_en": en, "done": n < 4}
                                  for n, (nl, en) in enumerate(_TRANSFER_STEPS)], **ACTOR)
    confirmation = _publish_demo(transfer, "correspondence", "Bevestiging opdracht", "Bevestiging opdracht.pdf")
    _publish_demo(transfer, "correspondence", "Brief nota van afrekening koper", "Brief nota koper.pdf", [person])
    _publish_demo(transfer, "documents", "Concept akte van levering", "Concept akte van levering.pdf")
    _publish_demo(transfer, "documents", "Volmacht verkoper", "Volmacht verkoper.pdf", [company])

    will = registry.create(number="2026.0087", description="Testament", status="afgerond", grant=[person], **ACTOR)["id"]
    _publish_demo(will, "documents", "Afschrift testament", "Afschrift testament.pdf")
    mortgage = registry.create(number="2025.0412", description="Hypotheekakte", grant=[person], **ACTOR)["id"]
    progress.set_steps(mortgage, [{"title_nl": nl, "title_en": en, "done": n < 1}
                                  for n, (nl, en) in enumerate(_TRANSFER_STEPS[:5])], **ACTOR)
    _publish_demo(mortgage, "correspondence", "Brief over de hypotheekofferte", "Brief hypotheekofferte.pdf")

    # One letter already read, so the screens show read and unread items side by side.
    account = by_id(person)
    reader = Principal(account.id, account.party_id, account.kind, account.language, "demo-seed", account)
    downloads.download(reader, transfer, confirmation, source_ip=ACTOR["source_ip"])
    SEEDED.update({"dossier_transfer": transfer, "dossier_will": will, "dossier_mortgage": mortgage})
    return []


SEEDERS.append(seed_dossiers)


def _seed_questionnaires() -> list[str]:
    # After the dossiers seeder: it sends questionnaires in the dossiers that one created.
    from portal_local.demo_questionnaires import seed as seed_questionnaires

    seed_questionnaires(SEEDED, **ACTOR)
    return []  # what is printed are logins; the questionnaires show up under Acties


SEEDERS.append(_seed_questionnaires)


# ---------------------------------------------------------------- messages
def _seed_messages() -> list[str]:
    # After the dossiers seeder: the messages go into the person's first dossier.
    from portal_local.demo_messages import seed as seed_messages

    return seed_messages(SEEDED, draft_pdf=_demo_pdf("Concept akte van levering"), **ACTOR)


SEEDERS.append(_seed_messages)


# ---------------------------------------------------------------- payments (issue 18)
def _seed_payments() -> list[str]:
    # After the dossiers seeder: the person's instruction is in the transfer dossier.
    from portal.payments.demo import seed as seed_payments

    seed_payments(SEEDED, **ACTOR)
    return []


SEEDERS.append(_seed_payments)
# ---------------------------------------------------------------- appointments
def _seed_appointments() -> list[str]:
    # After the dossiers seeder: the transfer dossier gets its signing appointment.
    from portal.appointments.demo import seed as seed_appointments

    return seed_appointments(SEEDED, **ACTOR)


SEEDERS.append(_seed_appointments)


# ---------------------------------------------------------------- approvals
def _seed_approvals() -> list[str]:
    # After the dossiers seeder: its draft deed goes up for the person's approval.
    from portal.approvals.demo import seed as seed_approvals

    return seed_approvals(SEEDED, **ACTOR)


SEEDERS.append(_seed_approvals)
