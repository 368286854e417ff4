"""The reminder two days before an appointment: run by the digest job before it mails.

Appointments whose reminder is due sit in the sparse ``APPOINTMENT#REMINDERS`` index (set when
they are scheduled or moved, removed on cancellation); each due one becomes a pending notification
per expected account and leaves the index in the same transaction, so it is announced exactly once.
The digest then mails it like any other news, under the recipient's notification switches.
"""

from __future__ import annotations

from datetime import UTC

from pynamodb.exceptions import TransactWriteError

from portal.appointments.models import REMINDERS, SCHEDULED, Appointment
from portal.appointments.scheduling import REMINDER
from portal.notifications import events
from portal.platform import clock
from portal.platform.db import transaction
from portal.platform.log import get_logger


def announce_due(limit: int = 200) -> int:
    """Turn every due reminder into news; returns how many appointments were announced."""
    now = clock.now().astimezone(UTC).isoformat()
    announced = 0
    for appointment in Appointment.reminders.query(REMINDERS, Appointment.gsi2sk <= f"{now}#~", limit=limit):
        try:
            with transaction() as write:
                write.update(
                    appointment, actions=[Appointment.gsi2pk.remove(), Appointment.gsi2sk.remove()],
                    condition=(Appointment.gsi2sk == appointment.gsi2sk) & (Appointment.status == SCHEDULED),
                )
                label = f"{appointment.dossier_number} {appointment.dossier_description}"
                for pending in events.for_parties(appointment.expected, kind=REMINDER,
                                                  dossier_id=appointment.dossier_id, dossier_label=label):
                    write.save(pending)
            announced += 1
        except TransactWriteError:  # moved, cancelled or announced by an overlapping run meanwhile
            get_logger().info("reminder skipped", extra={"dossier": appointment.dossier_id})
    return announced
