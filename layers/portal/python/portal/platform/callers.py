"""Who is calling, handed to the handlers by powertools' dependency injection (``Depends``).

A handler names what it needs in its signature and never reads the event itself::

    @router.get("/api/me", security=SESSION)
    def me(caller: CurrentCaller) -> dict:
        return profile.me(caller.principal)

- :class:`Visitor`: anyone on the client API (login, links): source address, User-Agent, language,
  the portal's cookies.
- :class:`Caller`: a signed-in client: a Visitor with the session's principal; resolving it answers
  401 not_authenticated / session_expired (powertools hands the domain error to the resolver's
  handler, as if the route had raised it).
- :class:`Staff`: a staff request on the admin API: the IAM identity that signed it and its address.

``Depends`` and ``Request`` are powertools' light modules (no pydantic, no OpenAPI models at import),
so this costs a client function's cold start nothing (tests/unit/test_cold_start_imports.py).
Dependencies are resolved after the request's validation, right before the route runs, once per
request (powertools caches them), as the ``principal(router.current_event)`` calls they replace were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from aws_lambda_powertools.event_handler.depends import Depends
from aws_lambda_powertools.event_handler.request import Request

from portal.accounts import sessions
from portal.accounts.sessions import COOKIE, Principal
from portal.platform.http import cookies, raw_event, request_language, source_ip, staff_actor, user_agent

__all__ = ["Visitor", "Caller", "Staff", "CurrentVisitor", "CurrentCaller", "CurrentStaff"]


@dataclass(frozen=True)
class Visitor:
    """Anyone calling the client API."""

    source_ip: str
    user_agent: str | None
    language: str  # from Accept-Language: the language of this request's texts
    cookies: dict[str, str] = field(default_factory=dict, repr=False)

    def cookie(self, name: str) -> str | None:
        return self.cookies.get(name)


@dataclass(frozen=True, kw_only=True)
class Caller(Visitor):
    """A signed-in client: authorization in the domain is decided from ``principal``."""

    principal: Principal


@dataclass(frozen=True)
class Staff:
    """A signed staff request (API Gateway's AWS_IAM checked the signature before the function ran)."""

    actor: str
    source_ip: str

    @property
    def who(self) -> dict[str, str]:
        """What the staff domain functions record in the audit trail: ``**signer.who``.

        Handlers call their parameter ``signer``, not ``staff``: the staff side of each domain package
        is a module named ``staff``."""
        return {"actor": self.actor, "source_ip": self.source_ip}


def visitor(request: Request) -> Visitor:
    event = raw_event(request.resolved_event)
    return Visitor(source_ip(event), user_agent(event), request_language(event), cookies(event))


def caller(seen: Annotated[Visitor, Depends(visitor)]) -> Caller:
    principal = sessions.authenticate(seen.cookie(COOKIE))
    return Caller(source_ip=seen.source_ip, user_agent=seen.user_agent, language=seen.language, cookies=seen.cookies,
                  principal=principal)


def staff(request: Request) -> Staff:
    event = raw_event(request.resolved_event)
    return Staff(staff_actor(event), source_ip(event))


CurrentVisitor = Annotated[Visitor, Depends(visitor)]
CurrentCaller = Annotated[Caller, Depends(caller)]
CurrentStaff = Annotated[Staff, Depends(staff)]
