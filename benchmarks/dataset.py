"""The data the client endpoints are measured on: a small set and a large one.

Both start with the same core, made through the domain functions exactly as staff and clients
make it (accounts, a dossier, published documents with their files, office messages, a
questionnaire sent, one completed). The large set then adds, in bulk (benchmarks/bulk.py), the
items a client's reads touch: 500 dossiers with their grants, 5,000 documents with the party's
views, 20,000 messages, 60 open questionnaires and 20 extra company accounts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.inprocess import SITE

PASSWORD = "Vlinder-Tuin-2026"
OTHER_PASSWORD = "Zonnebloem-Tuin-2027"
STAFF = {"actor": "arn:aws:iam::123456789012:user/benchmark", "source_ip": "192.0.2.1"}
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SIZES = {
    "small": {"dossiers": 1, "documents": 5, "messages": 5, "questionnaires": 1, "extras": 1},
    "large": {"dossiers": 500, "documents": 5_000, "messages": 20_000, "questionnaires": 60, "extras": 20},
}
_emails = itertools.count(1)


def email(prefix: str) -> str:
    return f"{prefix}.{next(_emails)}@example.nl"


@dataclass
class World:
    """Who and what the scenarios use; ``headers`` gives a signed-in browser per account."""

    size: str
    person: Any
    company: Any
    accounts: dict[str, Any]  # dedicated accounts for endpoints that change an account's state
    extras: list[str]
    dossier_id: str
    document_id: str
    message_id: str  # an office message, opened by the scenarios
    attachment: tuple[str, str]  # (message id, attachment id) of an office message with a file
    questionnaire_id: str
    completed_questionnaire_id: str
    invitation_token: str
    password_token: str
    state: dict[str, Any] = field(default_factory=dict)
    _sessions: dict[str, str] = field(default_factory=dict)

    def headers(self, account: Any, *, fresh: bool = False) -> dict[str, str]:
        """A signed-in browser: the account's one session, or (``fresh``) a new one of its own."""
        from portal.accounts import sessions

        if fresh:
            cookie = sessions.start(account)
        else:
            cookie = self._sessions.get(account.id) or self._sessions.setdefault(account.id, sessions.start(account))
        return {"Cookie": f"__Host-portal_session={cookie}", **site_headers(account.language)}

    def principal(self, account: Any) -> Any:
        from portal.accounts.sessions import Principal

        return Principal(account.id, account.party_id, account.kind, account.language, "benchmark", account)


def site_headers(language: str = "nl") -> dict[str, str]:
    """What the site sends on every call: the CSRF header, its own origin, the language."""
    return {"X-Portal-Request": "1", "Origin": SITE, "Accept-Language": language}


def put_items(items: Iterable[Any]) -> int:
    """Bulk items straight into moto's table (see moto_speed); returns how many were written."""
    from portal.platform.settings import get_settings

    from benchmarks.moto_speed import bulk_put

    return bulk_put(get_settings().table_name, items)


def active(*, name: str, kind: str = "person", party_id: str | None = None, company: str | None = None,
           password: str | None = PASSWORD, prefix: str = "client") -> Any:
    """An account through the domain (as staff create it), activated, with a password when given."""
    from portal.accounts import registry
    from portal.accounts.models import ACTIVE, Account

    account = registry.create(name=name, email=email(prefix), language="nl", kind=kind, party_id=party_id,
                              company_name=company, **STAFF)
    actions = [Account.status.set(ACTIVE), Account.first_login_done.set(True)]
    if password:
        actions.append(Account.password_hash.set(_hash(password)))
    account.update(actions=actions)
    return account


_hashes: dict[str, str] = {}


def _hash(password: str) -> str:
    from portal.accounts import passwords

    if password not in _hashes:
        _hashes[password] = passwords.hash_password(password)
    return _hashes[password]


def put_file(key: str, data: bytes = PDF_BYTES, content_type: str = "application/pdf", *, scanned: bool = False) -> None:
    """A file in the documents bucket, as a browser's presigned POST leaves it (tagged clean, as
    GuardDuty would, when ``scanned``)."""
    from portal.platform.aws import client
    from portal.platform.settings import get_settings

    s3, bucket = client("s3"), get_settings().documents_bucket
    s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)
    if scanned:
        s3.put_object_tagging(Bucket=bucket, Key=key, Tagging={
            "TagSet": [{"Key": "GuardDutyMalwareScanStatus", "Value": "NO_THREATS_FOUND"}]})


def publish(dossier_id: str, title: str, tab: str = "documents") -> str:
    """What staff do: the file into the dossier's staff prefix, then publish it."""
    from portal.dossiers import publishing
    from portal.files import storage

    key = storage.new_key(publishing.upload_prefix(dossier_id))
    put_file(key)
    return publishing.publish(dossier_id, upload_key=key, title=title, tab=tab, file_name=f"{title}.pdf", **STAFF)["id"]


def office_message(dossier_id: str, to: Any, *, with_file: bool = False, subject: str = "Concept akte") -> dict[str, Any]:
    from portal.dossiers import publishing
    from portal.files import storage
    from portal.messages import office

    files = []
    if with_file:
        key = storage.new_key(publishing.upload_prefix(dossier_id))
        put_file(key)
        files.append({"upload_key": key, "file_name": "concept akte.pdf"})
    return office.send(dossier_id, to=to.id, subject=subject, body="Zie de bijlage.\n\nMet vriendelijke groet,",
                       attachments=files, **STAFF)


def send_questionnaire(dossier_id: str, account: Any) -> str:
    from portal.questionnaires import staff

    return staff.send(dossier_id=dossier_id, account_id=account.id, template_id="testament", **STAFF)["id"]


def filled_questionnaire(world: World) -> tuple[str, int]:
    """A questionnaire sent to the person with every page saved ("Volgende" on each): (id, version)."""
    from portal.questionnaires import filling

    from tests.unit.questionnaires_steps import TESTAMENT_PAGES

    questionnaire_id = send_questionnaire(world.dossier_id, world.person)
    caller, version = world.principal(world.person), 1
    for number, answers in TESTAMENT_PAGES.items():
        version = filling.save_page(caller, questionnaire_id, number, answers, version, source_ip="192.0.2.10")["version"]
    return questionnaire_id, version


def build(size: str) -> World:
    """The core through the domain, then (large) the bulk."""
    from portal.accounts import links, registry
    from portal.dossiers import registry as dossiers
    from portal.questionnaires import completion, templates

    numbers = SIZES[size]
    person = active(name="Jan de Vries", prefix="jan")
    company = active(name="Petra Zoet", kind="company_main", company="Bakkerij Zoet B.V.", prefix="petra")
    extras = [active(name=f"Medewerker {n}", kind="company_extra", party_id=company.id, company="Bakkerij Zoet B.V.",
                     password=None, prefix="extra").id for n in range(numbers["extras"])]
    accounts = {name: active(name=f"Klant {name}", prefix=name) for name in ("sms", "tfa", "pw", "setpw", "links", "devices")}
    _switch_on_sms(accounts["sms"])
    invited = registry.create(name="Nieuwe Klant", email=email("invited"), language="nl", kind="person", **STAFF)
    linked = active(name="Klant link", prefix="linked")

    dossier_id = dossiers.create(number="2026.0001", description="Levering Dorpsstraat 1 Utrecht",
                                 grant=[person.id], **STAFF)["id"]
    document_ids = [publish(dossier_id, f"Document {n + 1}", tab="documents" if n % 2 == 0 else "correspondence")
                    for n in range(5)]
    attachment_message = office_message(dossier_id, person, with_file=True)
    messages = [office_message(dossier_id, person, subject=f"Bericht {n + 2}") for n in range(4)]
    templates.create(templates.shipped("testament"), actor=STAFF["actor"])
    world = World(
        size=size, person=person, company=company, accounts=accounts, extras=extras, dossier_id=dossier_id,
        document_id=document_ids[0], message_id=messages[0]["id"],
        attachment=(attachment_message["id"], attachment_message["attachments"][0]["id"]),
        questionnaire_id="", completed_questionnaire_id="",
        invitation_token=links.issue(invited, links.INVITATION), password_token=links.issue(linked, links.PASSWORD),
    )
    world.questionnaire_id = send_questionnaire(dossier_id, person)
    done, version = filled_questionnaire(world)
    completion.complete(world.principal(person), done, version, language="nl", source_ip="192.0.2.10")
    world.completed_questionnaire_id = done
    if size == "large":
        from benchmarks.bulk import add_bulk

        add_bulk(world, numbers)
    world.person.refresh()
    return world


def _switch_on_sms(account: Any) -> None:
    from portal.accounts.models import Account

    account.update(actions=[Account.two_factor_method.set("sms"), Account.phone.set("+31612345678")])
