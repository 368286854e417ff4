"""Demo data (local stack): the office's escrow account and one instruction for the demo person, the
buyer in the transfer dossier, so Home and the dossier page show a "Betaalinstructie"."""

from __future__ import annotations

from datetime import timedelta

from portal.payments import escrow, instructions
from portal.platform import clock

# A valid IBAN (schwifty's checksum) of a demo bank: the local stack's one escrow account.
DEMO_ESCROW_IBAN = "NL91ABNA0417164300"
DEMO_HOLDER = "Stichting Derdengelden Notariskantoor Demo"


def seed(seeded: dict[str, str], *, actor: str, source_ip: str) -> None:
    escrow.seed(DEMO_ESCROW_IBAN, holder=DEMO_HOLDER, bank="ABN AMRO Bank N.V.",
                proposed_by=f"{actor}-notary", approved_by=f"{actor}-candidate")
    published = instructions.publish(
        seeded["dossier_transfer"], seeded["person"], amount_cents=41_237_550, iban=DEMO_ESCROW_IBAN,
        reference="2026.0123 Koopsom Dorpsstraat 1", due_date=(clock.now() + timedelta(days=21)).date(),
        purpose="Koopsom en kosten levering Dorpsstraat 1 Utrecht", actor=actor, source_ip=source_ip,
    )
    seeded["payment_instruction"] = published["id"]
