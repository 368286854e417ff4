"""Settings: the site's URL when the office named none is the one the stack wrote to SSM."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from moto import mock_aws
from portal.platform.settings import get_settings, reset_settings

PARAMETER = "/portal-test/site-url"


@pytest.fixture
def no_site_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("SITE_URL", raising=False)
    reset_settings()
    yield
    reset_settings()


def test_without_a_site_url_the_functions_read_the_distributions_url_from_ssm(no_site_url, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL_PARAMETER", PARAMETER)
    with mock_aws():
        ssm = boto3.client("ssm", region_name="eu-west-1")
        ssm.put_parameter(Name=PARAMETER, Value="https://d111111abcdef8.cloudfront.net", Type="String")
        settings = get_settings()
        ssm.put_parameter(Name=PARAMETER, Value="https://elsewhere.example", Type="String", Overwrite=True)
        assert get_settings().site_url == "https://d111111abcdef8.cloudfront.net"  # read once, per cold start
    assert settings.site_origin == "https://d111111abcdef8.cloudfront.net"


def test_a_configured_site_url_needs_no_ssm_call(no_site_url, monkeypatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://portaal.notaris.example")
    monkeypatch.setenv("SITE_URL_PARAMETER", PARAMETER)
    with mock_aws():  # the parameter does not exist: reading it would fail
        assert get_settings().site_url == "https://portaal.notaris.example"
