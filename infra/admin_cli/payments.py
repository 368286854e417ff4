"""portal-admin escrow ... and payments ...: the office's escrow accounts (each change proposed by one
staff member, approved by another) and payment instructions per dossier party."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import Any

from portal_admin.client import AdminClient, AdminResponse


def cents(typed: str) -> int:
    """``350000``, ``350000.5``, ``350.000,50`` -> exact cents, through Decimal (never a float)."""
    text = typed.strip().replace(" ", "")
    if "," in text:  # Dutch notation: dots group thousands, the comma is the decimal sign
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not an amount: {typed!r}") from None
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"an amount has at most two decimals: {typed!r}")
    return int(value * 100)


def _terms(args: argparse.Namespace) -> dict[str, Any]:
    return {"amount_cents": cents(args.amount), "iban": args.iban, "reference": args.reference,
            "due_date": args.due_date, "purpose": args.purpose}


def _propose(action: str) -> Any:
    def run(client: AdminClient, args: argparse.Namespace) -> AdminResponse:
        body = {"action": action, "iban": args.iban, "holder": getattr(args, "holder", None),
                "bank": getattr(args, "bank", None)}
        return client.post("/escrow-accounts/proposals", body)

    return run


def _instruction_terms(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--amount", required=True, help="euros, e.g. 350000.00 or 350.000,00")
    parser.add_argument("--iban", required=True, help="a registered escrow account of the office")
    parser.add_argument("--reference", required=True, help="the payment reference (betalingskenmerk)")
    parser.add_argument("--due-date", required=True, help="YYYY-MM-DD")
    parser.add_argument("--purpose", required=True, help='e.g. "Koopsom en kosten levering Kerkstraat 7"')


def register(groups: Any) -> None:
    escrow = groups.add_parser("escrow", help="the office's escrow accounts (two-person changes)").add_subparsers(
        dest="command", required=True)
    escrow.add_parser("list", help="registered accounts and proposals waiting").set_defaults(
        func=lambda client, args: client.get("/escrow-accounts"))
    add = escrow.add_parser("propose-add", help="propose registering an account (another staff member approves)")
    add.add_argument("--iban", required=True)
    add.add_argument("--holder", required=True)
    add.add_argument("--bank", help="default: the bank schwifty's registry names")
    add.set_defaults(func=_propose("add"))
    change = escrow.add_parser("propose-change", help="propose a new holder name or bank")
    change.add_argument("--iban", required=True)
    change.add_argument("--holder")
    change.add_argument("--bank")
    change.set_defaults(func=_propose("change"))
    retire = escrow.add_parser("propose-retire", help="propose retiring an account")
    retire.add_argument("--iban", required=True)
    retire.set_defaults(func=_propose("retire"))
    approve = escrow.add_parser("approve", help="approve another staff member's proposal")
    approve.add_argument("proposal")
    approve.set_defaults(func=lambda client, args: client.post(f"/escrow-accounts/proposals/{args.proposal}/approve", {}))

    payments = groups.add_parser("payments", help="payment instructions per dossier party").add_subparsers(
        dest="command", required=True)
    listing = payments.add_parser("list", help="a dossier's instructions: versions, pending change, opened")
    listing.add_argument("--dossier", required=True)
    listing.set_defaults(func=lambda client, args: client.get(f"/dossiers/{args.dossier}/payments"))
    publish = payments.add_parser("publish", help="publish an instruction to a party of the dossier")
    publish.add_argument("--dossier", required=True)
    publish.add_argument("--party", required=True, help="the account id of the person or company")
    _instruction_terms(publish)
    publish.set_defaults(func=lambda client, args: client.post(
        f"/dossiers/{args.dossier}/payments", {**_terms(args), "party_id": args.party}))
    change = payments.add_parser("propose-change", help="propose a new version (another staff member approves)")
    change.add_argument("--dossier", required=True)
    change.add_argument("instruction")
    _instruction_terms(change)
    change.set_defaults(func=lambda client, args: client.post(
        f"/dossiers/{args.dossier}/payments/{args.instruction}/changes", _terms(args)))
    approve = payments.add_parser("approve-change", help="approve another staff member's change")
    approve.add_argument("--dossier", required=True)
    approve.add_argument("instruction")
    approve.set_defaults(func=lambda client, args: client.post(
        f"/dossiers/{args.dossier}/payments/{args.instruction}/changes/approve", {}))
