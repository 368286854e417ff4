"""POST /admin/digest/run: run the notification digest now (the same code as the schedule)."""

from portal.appointments import reminders
from portal.notifications import digest
from portal.platform.http import Router, handler_for

router = Router()


@router.post("/admin/digest/run", summary="Run the notification digest now", tags=["notifications"])
def run() -> dict:
    reminded = reminders.announce_due()
    report = digest.run(remaining_ms=router.lambda_context.get_remaining_time_in_millis).as_dict()
    return {**report, "reminders_announced": reminded}


lambda_handler = handler_for(router, api="admin")
