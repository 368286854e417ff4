"""Staff: a dossier's signing appointment. Set or move (PUT), cancel (DELETE), show (GET)."""

from typing import Literal

from portal.appointments import scheduling
from portal.platform.http import Router, handler_for
from portal.platform.types import Line, Text
from portal.web.callers import CurrentStaff
from pydantic import BaseModel, Field

router = Router()


class AppointmentBody(BaseModel):
    starts_at: Line = Field(description="Europe/Amsterdam wall time, YYYY-MM-DDTHH:MM")
    duration_minutes: int = Field(default=60, ge=15, le=480)
    place_kind: Literal["office", "video"] = "office"
    address: Line | None = None
    video_link: Line | None = None
    expected: list[Line] | None = Field(default=None, max_length=20, description="account ids; default all parties")
    bring: Text | None = Field(default=None, max_length=500)


@router.get("/admin/dossiers/<dossier_id>/appointment", summary="The dossier's appointment", tags=["appointments"])
def show(dossier_id: str) -> dict:
    return scheduling.show(dossier_id)


@router.put(
    "/admin/dossiers/<dossier_id>/appointment", summary="Set or move the signing appointment", tags=["appointments"],
)
def schedule(dossier_id: str, body: AppointmentBody, signer: CurrentStaff) -> dict:
    return scheduling.schedule(
        dossier_id, starts_at=body.starts_at, duration_minutes=body.duration_minutes, place_kind=body.place_kind,
        address=body.address, video_link=body.video_link, expected=body.expected, bring=body.bring, **signer.who,
    )


@router.delete("/admin/dossiers/<dossier_id>/appointment", summary="Cancel the appointment", tags=["appointments"])
def cancel(dossier_id: str, signer: CurrentStaff) -> dict:
    return scheduling.cancel(dossier_id, **signer.who)


lambda_handler = handler_for(router, api="admin")
