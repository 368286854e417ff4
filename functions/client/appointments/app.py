"""The signing appointment: Home's list, a dossier's appointment, and its .ics ("Zet in agenda")."""

from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response
from portal.accounts.web import principal
from portal.appointments import viewing
from portal.platform.http import SESSION, Router, handler_for, request_language, source_ip

router = Router()


@router.get("/api/appointments", summary="Home: my upcoming appointments", tags=["appointments"], security=SESSION)
def upcoming() -> dict:
    return viewing.upcoming(principal(router.current_event))


@router.get(
    "/api/dossiers/<dossier_id>/appointment", summary="The dossier's signing appointment (or null)",
    tags=["appointments"], security=SESSION,
)
def for_dossier(dossier_id: str) -> dict:
    event = router.current_event
    return viewing.for_dossier(principal(event), dossier_id, source_ip=source_ip(event))


@router.get(
    "/api/dossiers/<dossier_id>/appointment/ics", summary="Zet in agenda: the appointment as an iCalendar file",
    tags=["appointments"], security=SESSION,
)
def calendar(dossier_id: str):
    event = router.current_event
    name, body = viewing.calendar_file(
        principal(event), dossier_id, language=request_language(event), source_ip=source_ip(event)
    )
    return Response(
        status_code=200, content_type="text/calendar; charset=utf-8", body=body.decode("utf-8"),
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


lambda_handler = handler_for(router, api="client")
