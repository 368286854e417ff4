"""The signing appointment: Home's list, a dossier's appointment, and its .ics ("Zet in agenda")."""

from urllib.parse import quote

from aws_lambda_powertools.event_handler import Response
from portal.appointments import viewing
from portal.platform.http import SESSION, Router, handler_for
from portal.web.callers import CurrentCaller

router = Router()


@router.get("/api/appointments", summary="Home: my upcoming appointments", tags=["appointments"], security=SESSION)
def upcoming(caller: CurrentCaller) -> dict:
    return viewing.upcoming(caller.principal)


@router.get(
    "/api/dossiers/<dossier_id>/appointment", summary="The dossier's signing appointment (or null)",
    tags=["appointments"], security=SESSION,
)
def for_dossier(dossier_id: str, caller: CurrentCaller) -> dict:
    return viewing.for_dossier(caller.principal, dossier_id, source_ip=caller.source_ip)


@router.get(
    "/api/dossiers/<dossier_id>/appointment/ics", summary="Zet in agenda: the appointment as an iCalendar file",
    tags=["appointments"], security=SESSION,
)
def calendar(dossier_id: str, caller: CurrentCaller):
    name, body = viewing.calendar_file(caller.principal, dossier_id, language=caller.language,
                                       source_ip=caller.source_ip)
    return Response(
        status_code=200, content_type="text/calendar; charset=utf-8", body=body.decode("utf-8"),
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


lambda_handler = handler_for(router, api="client")
