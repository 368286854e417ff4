"""The domain against moto in SERVER mode, for tests that run real threads.

moto's in-process mock is not thread-safe (see tests/security/test_concurrency.py's docstring);
its server is, per request, once each DynamoDB call runs alone: DynamoDB applies every call
atomically, and moto's threaded server does not promise that, so :class:`OneCallAtATime` gives it
that promise and nothing more. Everything between two calls (a read, a decision, a write) races
freely, which is where the portal's limits have to hold.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import requests


class OneCallAtATime:
    """WSGI middleware: each DynamoDB request is handled whole before the next one starts."""

    def __init__(self, app: Any) -> None:
        self.app, self.lock = app, threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self.app(environ, start_response)
        with self.lock:
            return list(self.app(environ, start_response))


def _models() -> Iterator[type]:
    from portal.platform.db import PortalModel

    pending = [PortalModel]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        yield model


def _reconnect() -> None:
    """pynamodb caches one connection per model (and db.py one for transactions): drop them all, so the
    next call uses the current endpoint."""
    from portal.platform import db

    db._connection.cache_clear()  # noqa: SLF001
    for model in _models():
        model._connection = None  # noqa: SLF001 - pynamodb offers no public reset


def _warm() -> None:
    """Create every client once, before threads start, as a warm Lambda has them.

    Threads that each find no client build their own (a botocore session and service model per
    model class and thread): seconds of CPU that would measure nothing of interest. One botocore
    client, thread-safe, serves every model, like the one connection of a warm instance.
    """
    from portal.platform import db
    from portal.platform.aws import client

    for service in ("dynamodb", "s3", "ses", "sns"):
        client(service)
    shared = db._connection().client  # noqa: SLF001
    for model in list(_models())[1:]:  # not the base: its connection would be inherited, without indexes
        model._get_connection().connection._client = shared  # noqa: SLF001


@contextmanager
def moto_server(monkeypatch: Any) -> Iterator[str]:
    """A fresh moto server with the template's resources; the portal's clients point at it."""
    from moto.server import ThreadedMotoServer
    from portal.platform.aws import client, reset_clients
    from portal.platform.settings import reset_settings
    from portal_local import resources

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    server._server.app = OneCallAtATime(server._server.app)  # noqa: SLF001 - as infra/local's guard does
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    requests.post(f"{url}/moto-api/reset", timeout=10)  # the backends are shared with in-process mocks
    monkeypatch.setenv("AWS_ENDPOINT_URL", url)  # the models' host is read from the settings (platform.db)
    reset_settings()
    reset_clients()
    _reconnect()
    try:
        resources.create_all(
            {name: client(name) for name in ("dynamodb", "s3", "ses")}, {"SiteUrl": "http://127.0.0.1:8000"}
        )
        _warm()
        yield url
    finally:
        requests.post(f"{url}/moto-api/reset", timeout=10)
        server.stop()
        monkeypatch.undo()
        reset_settings()
        reset_clients()
        _reconnect()
