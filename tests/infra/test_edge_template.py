"""The distribution in front of the client API, as deployed (issue 13, items 6 and 7, and tracing):
CloudFront sends the origin secret the functions check, forwards the viewer's address through an
origin request policy of the stack's own, and both APIs and every function are traced."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from portal_local import template

from tests.support.sam import translated_template

ROOT = Path(__file__).resolve().parents[2]
HTTP = ROOT / "layers/portal/python/portal/platform/http.py"


@pytest.fixture(scope="module")
def resources() -> dict[str, Any]:
    return translated_template()["Resources"]


def _distribution(resources: dict[str, Any]) -> dict[str, Any]:
    return resources["SiteDistribution"]["Properties"]["DistributionConfig"]


def _api_behaviour(resources: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in _distribution(resources)["CacheBehaviors"] if b["PathPattern"] == "/api/*")


def test_cloudfront_sends_the_secret_every_function_checks(resources) -> None:
    origin = next(o for o in _distribution(resources)["Origins"] if o["Id"] == _api_behaviour(resources)["TargetOriginId"])
    headers = {h["HeaderName"].lower(): h["HeaderValue"] for h in origin["OriginCustomHeaders"]}
    functions = [r for r in resources.values() if r["Type"] == "AWS::Lambda::Function"]
    assert functions
    for function in functions:
        variables = function["Properties"]["Environment"]["Variables"]
        assert variables["ORIGIN_SECRET"] == headers["x-origin-verify"]  # one value, two places
        assert variables["ORIGIN_SECRET_PREVIOUS"] == {"Ref": "OriginSecretPrevious"}


def test_the_secret_parameters_are_never_echoed_and_a_default_stack_generates_one() -> None:
    loaded = template.load()
    for name in ("OriginSecret", "OriginSecretPrevious"):
        assert loaded["Parameters"][name]["NoEcho"] is True
        assert not re.fullmatch(loaded["Parameters"][name]["AllowedPattern"], "short")  # at least 32 characters
    generated = loaded["Resources"]["OriginSecretGenerated"]
    assert generated["Type"] == "AWS::SecretsManager::Secret"
    assert generated["Properties"]["GenerateSecretString"]["PasswordLength"] >= 32
    assert generated["Properties"]["GenerateSecretString"]["ExcludePunctuation"] is True  # header-safe


def test_the_api_behaviour_forwards_the_viewer_address_and_what_the_code_reads_but_not_host(resources) -> None:
    policy_ref = _api_behaviour(resources)["OriginRequestPolicyId"]
    policy = resources[policy_ref["Ref"]]["Properties"]["OriginRequestPolicyConfig"]
    config = policy["HeadersConfig"]
    assert config["HeaderBehavior"] == "whitelist"  # all viewer headers would include Host: API Gateway refuses it
    forwarded = {h.lower() for h in config["Headers"]}
    assert "cloudfront-viewer-address" in forwarded
    assert "host" not in forwarded and "x-origin-verify" not in forwarded
    # every request header the resolver factory reads (cookies travel in CookiesConfig)
    source = HTTP.read_text(encoding="utf-8")
    read = set(re.findall(r'_header\((?:raw|event), "([a-z-]+)"\)', source)) | {"x-portal-request"}
    assert read - {"cookie"} <= forwarded, read - forwarded
    assert policy["CookiesConfig"]["CookieBehavior"] == "all"
    assert policy["QueryStringsConfig"]["QueryStringBehavior"] == "all"
    assert len(config["Headers"]) <= 10  # CloudFront's default quota per origin request policy


def test_every_function_and_both_api_stages_are_traced(resources) -> None:
    stages = {name: r for name, r in resources.items() if r["Type"] == "AWS::ApiGateway::Stage"}
    assert {s["Properties"]["RestApiId"]["Ref"] for s in stages.values()} >= {"ClientApi", "AdminApi"}
    for name, stage in stages.items():
        assert stage["Properties"]["TracingEnabled"] is True, name
    for name, resource in resources.items():
        if resource["Type"] == "AWS::Lambda::Function":
            assert resource["Properties"]["TracingConfig"] == {"Mode": "Active"}, name


def test_the_waf_rate_rule_counts_per_the_address_cloudfront_saw(resources) -> None:
    """Not X-Forwarded-For's first entry (a client's to choose): X-Viewer-Ip, which a CloudFront
    Function on /api/* sets from the connection, replacing what the client sent."""
    [acl] = [r for r in resources.values() if r["Type"] == "AWS::WAFv2::WebACL"]
    [rate] = [rule["Statement"]["RateBasedStatement"] for rule in acl["Properties"]["Rules"]
              if "RateBasedStatement" in rule["Statement"]]
    header = rate["ForwardedIPConfig"]["HeaderName"]
    assert rate["AggregateKeyType"] == "FORWARDED_IP" and header == "X-Viewer-Ip"
    [association] = _api_behaviour(resources)["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    function = resources[association["FunctionARN"]["Fn::GetAtt"][0]]["Properties"]
    policy = resources[_api_behaviour(resources)["OriginRequestPolicyId"]["Ref"]]["Properties"]
    assert header in policy["OriginRequestPolicyConfig"]["HeadersConfig"]["Headers"]
    # The function itself, run as CloudFront runs it: a spoofed header is replaced by the viewer's.
    event = {"viewer": {"ip": "198.51.100.7"},
             "request": {"headers": {"x-viewer-ip": {"value": "10.0.0.1"}, "host": {"value": "x"}}}}
    script = f"{function['FunctionCode']}\nprocess.stdout.write(JSON.stringify(handler({json.dumps(event)})));"
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30, check=True)  # noqa: S603, S607
    headers = json.loads(done.stdout)["headers"]
    assert headers["x-viewer-ip"] == {"value": "198.51.100.7"} and headers["host"] == {"value": "x"}
