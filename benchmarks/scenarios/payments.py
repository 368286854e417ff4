"""Scenarios of the payment endpoints (issue 18): Home's and a dossier's instructions, the opened
mark, and the public account check."""

from __future__ import annotations

from datetime import date

from benchmarks.dataset import World
from benchmarks.inprocess import SOURCE_IP, Request
from benchmarks.scenarios import scenario

ESCROW_IBAN = "NL91ABNA0417164300"


def _instruction(world: World) -> str:
    """One instruction for the person on the measured dossier, published once per data set."""
    if "payment_id" not in world.state:
        from portal.payments import escrow, instructions

        escrow.seed(ESCROW_IBAN, holder="Stichting Derdengelden", bank="ABN AMRO", proposed_by="a", approved_by="b")
        world.state["payment_id"] = instructions.publish(
            world.dossier_id, world.person.party_id, amount_cents=35_000_000, iban=ESCROW_IBAN,
            reference="2026.0001 Koopsom", due_date=date(2026, 12, 15), purpose="Koopsom",
            actor="benchmark", source_ip="192.0.2.1")["id"]
    return world.state["payment_id"]


@scenario("GET", "/api/payments")
def home_payments(world: World) -> Request:
    _instruction(world)
    return Request("GET", "/api/payments", headers=world.headers(world.person))


@scenario("GET", "/api/dossiers/{dossier_id}/payments")
def dossier_payments(world: World) -> Request:
    _instruction(world)
    return Request("GET", "/api/dossiers/{dossier_id}/payments", {"dossier_id": world.dossier_id},
                   headers=world.headers(world.person))


@scenario("POST", "/api/dossiers/{dossier_id}/payments/{instruction_id}/opened")
def opened(world: World) -> Request:
    return Request("POST", "/api/dossiers/{dossier_id}/payments/{instruction_id}/opened",
                   {"dossier_id": world.dossier_id, "instruction_id": _instruction(world)},
                   headers=world.headers(world.person), body={"version": 1}, expect=204)


@scenario("POST", "/api/iban-checks")
def iban_check(world: World) -> Request:
    from portal.accounts import throttle
    from portal.payments.check import CHECKS_PER_ADDRESS

    _instruction(world)
    throttle.reset(CHECKS_PER_ADDRESS, SOURCE_IP)  # outside the measurement: every run fits the limit
    return Request("POST", "/api/iban-checks", headers=world.headers(world.person), body={"iban": ESCROW_IBAN})
