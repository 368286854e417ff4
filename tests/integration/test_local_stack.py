"""The local stack behaves like the cloud: routes from the template, IAM on /admin, the site, the mailbox."""

from __future__ import annotations

import requests
from portal_admin.client import AdminClient


def test_health_answers_200(stack) -> None:
    response = requests.get(stack.url + "/api/health", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_client_openapi_document_lists_the_endpoints(stack) -> None:
    document = requests.get(stack.url + "/api/openapi.json", timeout=10).json()
    assert document["openapi"].startswith("3.")
    assert "/api/health" in document["paths"]


def test_unknown_api_route_is_json_404(stack) -> None:
    response = requests.get(stack.url + "/api/does-not-exist", timeout=10)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_admin_api_refuses_unsigned_requests(stack) -> None:
    response = requests.get(stack.url + "/admin/openapi.json", timeout=10)
    assert response.status_code == 403


def test_admin_api_refuses_a_tampered_signature(stack) -> None:
    client = AdminClient(stack.url + "/admin")
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest

    signed = AWSRequest(method="GET", url=stack.url + "/admin/openapi.json")
    SigV4Auth(client.credentials, "execute-api", client.region).add_auth(signed)
    headers = dict(signed.headers.items())
    headers["Authorization"] = headers["Authorization"][:-4] + "0000"
    assert requests.get(stack.url + "/admin/openapi.json", headers=headers, timeout=10).status_code == 403


def test_admin_api_accepts_the_local_staff_signature(stack) -> None:
    response = AdminClient(stack.url + "/admin").get("/openapi.json")
    assert response.status == 200
    assert response.body["info"]["title"].endswith("staff API")


def test_site_is_served_at_the_root_with_a_strict_csp(stack) -> None:
    response = requests.get(stack.url + "/", timeout=10)
    assert response.status_code == 200
    assert "text/html" in response.headers["Content-Type"]
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_site_does_not_serve_files_outside_its_folder(stack) -> None:
    response = requests.get(stack.url + "/../template.yaml", timeout=10)
    assert response.status_code == 404
    response = requests.get(stack.url + "/%2e%2e/template.yaml", timeout=10)
    assert response.status_code == 404


def test_dev_mailbox_answers_json_and_a_page(stack) -> None:
    assert isinstance(requests.get(stack.url + "/_dev/mail", timeout=10).json(), list)
    assert isinstance(requests.get(stack.url + "/_dev/sms", timeout=10).json(), list)
    page = requests.get(stack.url + "/_dev/mailbox", timeout=10)
    assert page.status_code == 200 and "Dev mailbox" in page.text


def test_a_taken_port_gives_a_one_line_error_not_a_traceback(stack) -> None:
    import subprocess
    import sys

    port = stack.url.rsplit(":", 1)[1]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "portal_local", "--port", port, "--no-schedules", "--no-demo"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert port in result.stderr


def test_ctrl_c_stops_the_stack_cleanly() -> None:
    import signal

    from tests.support.stack import start_stack

    running = start_stack("--no-demo")
    running.process.send_signal(signal.SIGINT)
    output, _ = running.process.communicate(timeout=30)
    assert running.process.returncode == 0
    assert "Traceback" not in output
    assert output.rstrip().endswith("Stopped.")


def test_a_scheduled_function_runs_on_demand(stack) -> None:
    response = requests.post(stack.url + "/_dev/run/DigestFunction", timeout=60)
    assert response.status_code == 200
    assert response.json()["function"] == "DigestFunction"
    assert "emails_sent" in response.json()["result"]
    assert requests.post(stack.url + "/_dev/run/HealthFunction", timeout=10).status_code == 404
