"""The large data set's bulk: what staff and clients would have made, written in one go.

Built with the domain's own constructors and key functions (``new_grant``, ``view_of``,
``writing.new_message``, the models, as ``registry.create``, ``publishing.publish``, ``office.send``
and ``sending.send`` build them) and loaded straight into moto's table (see moto_speed). Their audit
entries and pending notifications are left out: no client read touches them.
"""

from __future__ import annotations

from typing import Any

from benchmarks.dataset import STAFF, World, active, put_items, send_questionnaire


def add_bulk(world: World, numbers: dict[str, int]) -> None:
    """Up to the large set's numbers, counting what the core already made."""
    from portal.accounts.models import ACTIVE, Account
    from portal.dossiers import statuses
    from portal.dossiers.access import view_of
    from portal.dossiers.counters import PartyCounters, counters_key
    from portal.dossiers.models import Grant, grant_sk, party_key, tab_count, tab_unread
    from portal.dossiers.registry import load

    party, status = world.person.party_id, statuses.get(statuses.DEFAULT_STATUS)
    core = load(world.dossier_id)
    others = [_dossier(n, party) for n in range(numbers["dossiers"] - 1)]
    documents_left, messages_left = numbers["documents"] - 5, numbers["messages"] - 5
    # Half of the documents and messages in the measured dossier, the rest spread over the others.
    here_docs, here_msgs = documents_left // 2, messages_left // 2
    per_docs, per_msgs = _spread(documents_left - here_docs, len(others)), _spread(messages_left - here_msgs, len(others))
    items: list[Any] = []
    for dossier, n_docs, n_msgs in zip(others, per_docs, per_msgs, strict=True):
        docs = [_document(dossier.id, n) for n in range(n_docs)]
        msgs = [_message(dossier.id, world.person, n) for n in range(n_msgs)]
        counts = {"documents": sum(d.tab == "documents" for d in docs),
                  "correspondence": sum(d.tab == "correspondence" for d in docs), "messages": len(msgs)}
        grant = _bulk_grant(dossier, party, status, counts, msgs)
        items += [dossier, _number_claim(dossier), grant, *docs, *(view_of(d, party) for d in docs), *msgs]
    docs = [_document(core.id, n) for n in range(here_docs)]
    msgs = [_message(core.id, world.person, n) for n in range(here_msgs)]
    items += [*docs, *(view_of(d, party) for d in docs), *msgs]
    put_items(items)
    unread = sum(m.read_at is None and m.direction == "incoming" for m in msgs)
    Grant(pk=party_key(party), sk=grant_sk(core.id)).update(actions=[
        tab_count("documents").add(sum(d.tab == "documents" for d in docs)),
        tab_unread("documents").add(sum(d.tab == "documents" for d in docs)),
        tab_count("correspondence").add(sum(d.tab == "correspondence" for d in docs)),
        tab_unread("correspondence").add(sum(d.tab == "correspondence" for d in docs)),
        tab_count("messages").add(len(msgs)), tab_unread("messages").add(unread),
    ])
    PartyCounters(pk=counters_key(party), sk="COUNTS").update(actions=[
        PartyCounters.dossiers_total.add(len(others)), PartyCounters.dossiers_in_progress.add(len(others))])
    for _ in range(numbers["questionnaires"] - 1):
        send_questionnaire(world.dossier_id, world.person)
    extras = []
    for _ in range(numbers["extras"] - len(world.extras)):
        extra = active(name="Medewerker", kind="company_extra", party_id=world.company.id,
                       company="Bakkerij Zoet B.V.", password=None, prefix="extra")
        extras.append(extra.id)
    world.extras += extras
    assert Account.get(world.person.pk, "META").status == ACTIVE


def _spread(total: int, buckets: int) -> list[int]:
    return [total // buckets + (1 if n < total % buckets else 0) for n in range(buckets)]


def _dossier(n: int, party: str) -> Any:
    """A dossier as ``registry.create`` writes it (granted to ``party``)."""
    from portal.dossiers import statuses
    from portal.dossiers.models import META, Dossier, dossier_key
    from portal.platform import clock, ids

    dossier_id, now = ids.new_id(), clock.now().isoformat()
    return Dossier(
        pk=dossier_key(dossier_id), sk=META, id=dossier_id, number=f"2025.{n:04d}",
        description=f"Dossier {n} Kerkstraat {n % 200 + 1} Utrecht", status=statuses.DEFAULT_STATUS, steps=[],
        parties=[party], created_at=now, updated_at=now, gsi2pk="DOSSIERS", gsi2sk=f"{now}#{dossier_id}", version=1,
    )


def _number_claim(dossier: Any) -> Any:
    from portal.dossiers.models import DossierNumberClaim, number_claim_key

    return DossierNumberClaim(pk=number_claim_key(dossier.number), sk="CLAIM", dossier_id=dossier.id)


def _bulk_grant(dossier: Any, party: str, status: Any, counts: dict[str, int], msgs: list[Any]) -> Any:
    from portal.dossiers.registry import new_grant

    grant = new_grant(dossier, party, status, counts)
    grant.unread_messages = sum(m.read_at is None and m.direction == "incoming" for m in msgs)
    return grant


def _document(dossier_id: str, n: int) -> Any:
    """A published document as ``publishing.publish`` writes it (visible to every party)."""
    from portal.dossiers.models import Document, dossier_key, item_sk
    from portal.dossiers.publishing import upload_prefix
    from portal.platform import clock, ids

    item_id, tab = ids.new_id(), "documents" if n % 2 == 0 else "correspondence"
    return Document(
        pk=dossier_key(dossier_id), sk=item_sk(tab, item_id), id=item_id, dossier_id=dossier_id, tab=tab,
        title=f"Stuk {n + 1}", file_name=f"stuk-{n + 1}.pdf", content_type="application/pdf", size=48_213,
        s3_key=f"{upload_prefix(dossier_id)}{item_id}", published_at=clock.now().isoformat(),
        published_by=STAFF["actor"], visible_to=None,
    )


def _message(dossier_id: str, person: Any, n: int) -> Any:
    """Alternately the office's message (``office.send``) and the client's (``sending.send``)."""
    from portal.messages import writing
    from portal.messages.models import INCOMING, OUTGOING

    body = "Beste heer De Vries,\n\nHierbij de stukken voor de levering; graag uw reactie.\n\nMet vriendelijke groet,"
    if n % 2 == 0:
        message = writing.new_message(
            dossier_id, person.party_id, direction=INCOMING, subject=f"Bericht {n}", body=body,
            from_name="Notariskantoor Demo", to_name=person.name, to_account=person.id, sent_by=STAFF["actor"],
            in_reply_to=None, original=None, attachments=[],
        )
        if n % 10:
            message.read_at, message.read_by = message.created_at, person.id
        return message
    return writing.new_message(
        dossier_id, person.party_id, direction=OUTGOING, subject=f"Re: Bericht {n - 1}", body=body,
        from_name=person.name, to_name="Notariskantoor Demo", from_account=person.id, sent_by=person.id,
        in_reply_to=None, original=None, attachments=[],
    )
