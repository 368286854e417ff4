"""The notification digest with what only the packages above notifications know: whether the item
a notification names is still news (issue 16.8: a questionnaire completed since is not), and the
appointments' reminders that fall due (issue 19), announced first so that they go out in this run."""

from __future__ import annotations

from collections.abc import Callable

from pynamodb.exceptions import DoesNotExist

from portal.activity import unopened
from portal.appointments import reminders
from portal.notifications import digest
from portal.notifications.models import QUESTIONNAIRE
from portal.questionnaires.models import COMPLETED, Questionnaire, questionnaire_key


def _questionnaire_still_open(questionnaire_id: str) -> bool:
    try:
        questionnaire = Questionnaire.get(questionnaire_key(questionnaire_id), "META")
    except DoesNotExist:
        return False  # withdrawn
    return questionnaire.status != COMPLETED


STILL_NEWS = {QUESTIONNAIRE: _questionnaire_still_open}


def run(remaining_ms: Callable[[], int] | None = None, page_size: int = 100) -> digest.RunReport:
    """One run: the reminders due, then the digest."""
    reminded = reminders.announce_due()
    # The office inbox's "not opened for N days" entries (issue 20): one page of due watches a run.
    unopened.announce_due()
    report = digest.run(remaining_ms, page_size, still_news=STILL_NEWS)
    report.reminders_announced = reminded
    return report
