"""The functions' environment has one source, template.yaml: the local stack reads it (change the
template, the function sees it), settings keep no copy of it, and a function started without a
setting it needs fails at its first request with a message naming the variable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from portal.platform.settings import SettingsError, get_settings, reset_settings
from portal_local import environment, template

ROOT = Path(__file__).resolve().parents[2]


def test_the_local_stack_reads_the_functions_environment_from_the_template(tmp_path, monkeypatch) -> None:
    from portal_local.stack import LocalStack

    text = template.TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("Default: Notariskantoor Demo", "Default: Notariskantoor Copie", 1)
    text = text.replace("        POWERTOOLS_SERVICE_NAME: portal\n",
                        "        POWERTOOLS_SERVICE_NAME: portal\n        STAFF_EMAIL: balie@copie.example\n", 1)
    copy = tmp_path / "template.yaml"
    copy.write_text(text, encoding="utf-8")
    load = template.load
    monkeypatch.setattr(environment.template, "load", lambda path=copy: load(path))
    for name in ("OFFICE_NAME", "STAFF_EMAIL", "AWS_ENDPOINT_URL", "ORIGIN_SECRET", "AWS_ACCESS_KEY_ID",
                 "AWS_SECRET_ACCESS_KEY", "SITE_URL"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # restored after the test
    try:
        LocalStack(port=8123)._environment("http://127.0.0.1:5999")
        settings = get_settings()
        assert settings.office_name == "Notariskantoor Copie"  # a parameter's default, through !Ref
        assert settings.staff_email == "balie@copie.example"  # a variable's own value
        assert settings.site_url == "http://127.0.0.1:8123"  # the SiteUrl parameter the stack gives
        assert settings.origin_secret is not None  # the generated secret's dynamic reference
    finally:
        monkeypatch.undo()
        reset_settings()


def test_every_variable_the_template_sets_is_a_setting_without_a_default() -> None:
    from portal.platform.settings import Settings

    read_elsewhere = {
        "SITE_URL_PARAMETER": "get_settings, when SITE_URL is empty",
        "PORTAL_ENVIRONMENT": "portal_local.guardduty (the local stand-in)",
        "POWERTOOLS_SERVICE_NAME": "powertools", "POWERTOOLS_LOG_LEVEL": "powertools",
    }
    variables = template.load()["Globals"]["Function"]["Environment"]["Variables"]
    optional = {"ORIGIN_SECRET", "ORIGIN_SECRET_PREVIOUS",  # see Settings: fail closed in Lambda
                "OFFICE_LOGO_PATH"}  # a blank parameter: the office's name alone
    for name in variables:
        if name in read_elsewhere:
            continue
        field = Settings.model_fields[name.lower()]  # a KeyError: a variable no setting reads
        assert field.is_required() or name in optional, f"{name} has a default beside the template's value"


def test_a_missing_setting_fails_at_the_first_request_with_a_message_naming_it(tmp_path) -> None:
    script = tmp_path / "cold_start.py"
    script.write_text(
        "import json, sys\n"
        "from portal_local.events import api_event\n"
        "from portal_local.invoke import LambdaContext, load_handler_module\n"
        "module = load_handler_module(sys.argv[1], 'app')  # the import needs no setting\n"
        "event = api_event('GET', '/api/me', headers={'Cookie': '__Host-portal_session=x'})\n"
        "print(json.dumps({'imported': True}), flush=True)\n"
        "module.lambda_handler(event, LambdaContext())\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "TABLE_NAME"}
    handler = ROOT / "functions" / "client" / "me" / "app.py"
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(script), str(handler)], cwd=handler.parent, env=env,
        capture_output=True, text=True, timeout=120,
    )
    # Lambda reports the invocation's error (and API Gateway answers 502): the log names the variable.
    assert json.loads(done.stdout.strip().splitlines()[0]) == {"imported": True}
    assert done.returncode != 0
    assert "SettingsError" in done.stderr and "TABLE_NAME is not set" in done.stderr


def test_the_message_names_every_missing_variable_and_no_value(monkeypatch) -> None:
    monkeypatch.delenv("TABLE_NAME")
    monkeypatch.delenv("SENDER_EMAIL")
    monkeypatch.setenv("SMS_PER_OFFICE_DAY", "geheim-0")
    reset_settings()
    try:
        with pytest.raises(SettingsError) as raised:
            get_settings()
    finally:
        monkeypatch.undo()
        reset_settings()
    text = str(raised.value)
    assert "TABLE_NAME is not set" in text and "SENDER_EMAIL is not set" in text and "SMS_PER_OFFICE_DAY" in text
    assert "geheim-0" not in text


def test_settings_are_not_read_at_import(tmp_path) -> None:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import portal.platform.db, portal.platform.log, portal.platform.aws\n"
        "print('pydantic_settings' in sys.modules)\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code, str(ROOT / "layers" / "portal" / "python")],
        env={"PATH": os.environ.get("PATH", "")}, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"


def test_the_resolver_reads_yaml_it_was_given(tmp_path) -> None:
    document = yaml.safe_load(
        "Parameters: {Office: {Type: String, Default: Kantoor}}\n"
        "Conditions: {}\n"
        "Resources: {}\n"
        "Globals: {Function: {Environment: {Variables: {OFFICE_NAME: {Ref: Office}, EMPTY: ''}}}}\n"
    )
    resolver = environment.Resolver({"Office": "Ander kantoor"}, document=document)
    assert environment.function_environment(None, resolver) == {"OFFICE_NAME": "Ander kantoor"}


def _with_own_variables(**per_function: dict[str, str]) -> dict:
    document = template.load()
    for logical_id, variables in per_function.items():
        properties = document["Resources"][logical_id]["Properties"]
        properties.setdefault("Environment", {}).setdefault("Variables", {}).update(variables)
    return document


def test_a_function_s_own_variable_reaches_the_local_process() -> None:
    document = _with_own_variables(DigestFunction={"DIGEST_BATCH": "25"})
    found = environment.local_environment(resolver=environment.Resolver({"SiteUrl": "http://x"}, document=document))
    assert found["DIGEST_BATCH"] == "25"


def test_two_functions_wanting_one_variable_differently_fail_by_name() -> None:
    """One local process has one value per variable: a template that needs two is refused, naming both."""
    document = _with_own_variables(DigestFunction={"DIGEST_BATCH": "25"}, UploadCleanupFunction={"DIGEST_BATCH": "5"})
    with pytest.raises(environment.ConflictingEnvironment, match="DIGEST_BATCH"):
        environment.local_environment(resolver=environment.Resolver({"SiteUrl": "http://x"}, document=document))
    same = _with_own_variables(DigestFunction={"DIGEST_BATCH": "25"}, UploadCleanupFunction={"DIGEST_BATCH": "25"})
    assert environment.local_environment(resolver=environment.Resolver({"SiteUrl": "http://x"}, document=same))["DIGEST_BATCH"] == "25"
