"""The whole portal on one machine: embedded moto, the gateway, schedules and demo data."""

from __future__ import annotations

import os
import re
import secrets
import threading
from collections.abc import Callable
from typing import Any

from portal_local import resources, template
from portal_local.gateway import Gateway
from portal_local.invoke import Invoker, scheduled_event
from portal_local.sigv4 import LOCAL_STAFF_KEY_ID, LOCAL_STAFF_SECRET
from werkzeug.serving import make_server

_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


def rate_seconds(expression: str) -> int | None:
    found = _RATE.fullmatch(expression.strip())
    if not found:
        return None
    return int(found[1]) * _SECONDS[found[2].rstrip("s")]


class LocalStack:
    def __init__(
        self, port: int = 8000, host: str = "127.0.0.1", schedules: bool = True, demo: bool = True,
        log: Callable[[str], None] = print, parameters: dict[str, str] | None = None,
        site_host: str | None = None,
    ) -> None:
        self.port, self.host = port, host
        self.parameters = dict(parameters or {})  # template parameters, as a deploy's overrides
        # The name the site is served as (SiteUrl): passkeys need a name, browsers refuse an IP
        # address as their site; `make run` uses localhost, still listening on the loopback address.
        self.site_host = site_host or host
        self.schedules, self.demo, self.log = schedules, demo, log
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.moto: Any = None
        self.server: Any = None

    @property
    def url(self) -> str:
        return f"http://{self.site_host}:{self.port}"

    def start(self) -> None:
        import logging

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log per request
        # Bind the public port first: a taken port fails fast, before anything else starts.
        import socket

        with socket.socket() as probe:
            probe.bind((self.host, self.port))  # raises OSError (EADDRINUSE) with a clear strerror
        self.server = make_server(self.host, self.port, None, threaded=True)  # type: ignore[arg-type]
        self.port = self.server.server_port
        from moto.server import ThreadedMotoServer

        self.moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.moto.start()
        from portal_local import s3_post_policy

        s3_post_policy.guard(self.moto)  # S3 enforces presigned POST policies; moto alone does not
        moto_host, moto_port = self.moto.get_host_and_port()
        moto_url = f"http://{moto_host}:{moto_port}"
        self._environment(moto_url)
        self._create_resources()
        invoker = Invoker()
        from portal_local import policies

        policies.for_names()  # translate the template's permissions now, not on the first request
        self.server.app = Gateway(invoker, s3_origin=moto_url, log=self.log)
        if self.demo:
            from portal_local import demo

            self.demo_logins = demo.seed()
        if self.schedules:
            self._start_schedules(invoker)
        self._start_stream(self.server.app)
        thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="gateway")
        thread.start()
        self._threads.append(thread)

    def _environment(self, moto_url: str) -> None:
        """The functions' environment from template.yaml (portal_local.environment), with what only
        the local stack knows: its URL (the SiteUrl parameter), moto's endpoint and credentials."""
        from portal_local.environment import local_environment

        # The origin secret CloudFront would send (the gateway adds it to /api requests): one per
        # run, unless given; the functions refuse client requests without it, as in AWS.
        secret = os.environ.get("ORIGIN_SECRET") or secrets.token_urlsafe(32)
        log_level = os.environ.get("POWERTOOLS_LOG_LEVEL", "WARNING")
        parameters = {**self.parameters, "SiteUrl": self.url}
        os.environ.update(local_environment(parameters, {"OriginSecretGenerated": secret}))
        os.environ.update(
            {
                "AWS_ENDPOINT_URL": moto_url,
                "AWS_ACCESS_KEY_ID": "local",
                "AWS_SECRET_ACCESS_KEY": "local",  # noqa: S105 - moto accepts any key
                "POWERTOOLS_LOG_LEVEL": log_level,
            }
        )
        from portal.platform.aws import reset_clients
        from portal.platform.settings import reset_settings

        reset_settings()
        reset_clients()

    def _create_resources(self) -> None:
        from portal.platform.aws import client

        parameters = {**self.parameters, "SiteUrl": self.url}
        resources.create_all({name: client(name) for name in ("dynamodb", "s3", "ses")}, parameters)

    def _start_schedules(self, invoker: Invoker) -> None:
        for function in template.functions():
            for expression in function.schedules:
                seconds = rate_seconds(expression)
                if seconds is None:
                    continue

                def loop(function: Any = function, seconds: int = seconds) -> None:
                    while not self._stop.wait(seconds):
                        try:
                            invoker.invoke(function, scheduled_event(function))
                        except Exception as error:  # a failed run is retried on the next tick
                            self.log(f"{function.logical_id} failed: {type(error).__name__}: {error}")

                thread = threading.Thread(target=loop, daemon=True, name=function.logical_id)
                thread.start()
                self._threads.append(thread)

    def _start_stream(self, gateway: Gateway) -> None:
        """Deliver the table's stream to EventsFunction about every second (/_dev/events also
        delivers at once, so what it lists is never behind the table)."""

        def loop() -> None:
            while not self._stop.wait(1):
                try:
                    gateway.stream.pump()
                except Exception as error:  # the records stay in the stream for the next tick
                    self.log(f"EventsFunction delivery failed: {type(error).__name__}: {error}")

        thread = threading.Thread(target=loop, daemon=True, name="stream")
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self._stop.set()
        if self.server:
            self.server.shutdown()
        if self.moto:
            self.moto.stop()


STAFF_CREDENTIALS = {"key_id": LOCAL_STAFF_KEY_ID, "secret": LOCAL_STAFF_SECRET}
