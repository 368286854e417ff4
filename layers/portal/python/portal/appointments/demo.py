"""Demo data for the local stack: the transfer dossier's signing appointment, three weeks ahead.

Run by ``infra/local/demo.py`` after the dossiers seeder; both parties (the person and the company)
are expected, at the office, on a weekday at 10:30.
"""

from __future__ import annotations

from datetime import timedelta

from portal.appointments import scheduling, times
from portal.platform import clock

DEMO_ADDRESS = "Notariskantoor, Stationsplein 1, 3511 ED Utrecht"
DEMO_BRING = "Een geldig paspoort of identiteitskaart (geen rijbewijs)."


def seed(seeded: dict[str, str], *, actor: str, source_ip: str) -> list[str]:
    dossier = seeded.get("dossier_transfer")
    if not dossier:
        return []
    day = clock.now().astimezone(times.ZONE).date() + timedelta(days=21)
    while day.weekday() >= 5:  # the office signs on weekdays
        day += timedelta(days=1)
    scheduling.schedule(dossier, starts_at=f"{day.isoformat()}T10:30", address=DEMO_ADDRESS, bring=DEMO_BRING,
                        actor=actor, source_ip=source_ip)
    return []
