"""What the first real deployment relies on, read from the translated template: one stage per API,
request paths inside API Gateway's 29 s, a mail identity the office may already have, correct links
without a second deploy, and the outputs a person needs next."""

from __future__ import annotations

from typing import Any

import pytest
from portal_local import template

from tests.support.sam import translated_template

API_GATEWAY_LIMIT_SECONDS = 29


@pytest.fixture(scope="module")
def translated() -> dict[str, Any]:
    return translated_template()


def of_type(resources: dict[str, Any], type_name: str) -> dict[str, Any]:
    return {name: r for name, r in resources.items() if r["Type"] == type_name}


def references(value: Any) -> set[str]:
    """The logical ids a value depends on: Ref, GetAtt, ${...} in Sub, conditions aside."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref" and isinstance(inner, str):
                found.add(inner)
            elif key == "Fn::GetAtt":
                found.add(inner[0] if isinstance(inner, list) else inner.split(".")[0])
            elif key == "Fn::Sub":
                body = inner[0] if isinstance(inner, list) else inner
                found |= {part.split("}")[0].split(".")[0] for part in body.split("${")[1:]}
                found |= references(inner[1:] if isinstance(inner, list) else None)
            else:
                found |= references(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= references(inner)
    return found


def test_each_api_has_only_its_prod_stage(translated) -> None:
    """Without OpenApiVersion SAM's deployment also creates a stage named "Stage", which has none
    of Prod's throttling, access log or WAF."""
    resources = translated["Resources"]
    stages = {(s["Properties"]["RestApiId"]["Ref"], s["Properties"]["StageName"])
              for s in of_type(resources, "AWS::ApiGateway::Stage").values()}
    stages |= {(d["Properties"]["RestApiId"]["Ref"], d["Properties"]["StageName"])
               for d in of_type(resources, "AWS::ApiGateway::Deployment").values() if "StageName" in d["Properties"]}
    assert stages == {("ClientApi", "Prod"), ("AdminApi", "Prod")}


def test_every_api_function_finishes_inside_api_gateways_limit() -> None:
    behind_api = {route.function for route in template.routes()}
    timeouts = {f.logical_id: f.timeout for f in template.functions() if f.logical_id in behind_api}
    assert len(timeouts) >= 25
    assert {name: t for name, t in timeouts.items() if t > API_GATEWAY_LIMIT_SECONDS} == {}


def test_the_mail_identity_is_created_only_when_the_office_asks(translated) -> None:
    resources = translated["Resources"]
    assert resources["MailIdentity"]["Condition"] == "CreatesMailIdentity"
    assert translated["Conditions"]["CreatesMailIdentity"] == {"Fn::Equals": [{"Ref": "CreateMailIdentity"}, "true"]}
    assert translated["Parameters"]["CreateMailIdentity"]["AllowedValues"] == ["true", "false"]
    # The policies name the identity by its ARN, never by the (maybe absent) resource.
    for name, policy in of_type(resources, "AWS::IAM::ManagedPolicy").items():
        assert "MailIdentity" not in references(policy["Properties"]["PolicyDocument"]), name
    for name, role in of_type(resources, "AWS::IAM::Role").items():
        assert "MailIdentity" not in references(role["Properties"].get("Policies")), name


def test_nothing_depends_on_itself(translated) -> None:
    """The site URL defaults to the distribution, which routes to the API, which calls the functions:
    a function naming the distribution would make a cycle CloudFormation refuses."""
    resources = translated["Resources"]
    graph = {name: (references(r.get("Properties")) | set(
        [r["DependsOn"]] if isinstance(r.get("DependsOn"), str) else r.get("DependsOn", []))) & set(resources)
        for name, r in resources.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for child in graph[name]:
            visit(child, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_functions_learn_the_distributions_url_without_a_second_deploy(translated) -> None:
    resources = translated["Resources"]
    parameter = resources["SiteUrlParameter"]["Properties"]
    assert translated["Parameters"]["SiteUrl"]["Default"] == ""
    assert "SiteDistribution" in references(parameter["Value"])
    for name, function in of_type(resources, "AWS::Lambda::Function").items():
        env = function["Properties"]["Environment"]["Variables"]
        assert env["SITE_URL_PARAMETER"] == parameter["Name"], name
        assert "SiteDistribution" not in references(env), name
        assert env["SITE_URL"] == {"Fn::If": ["HasSiteUrl", {"Ref": "SiteUrl"}, {
            "Fn::If": ["HasDomainName", {"Fn::Sub": "https://${DomainName}"}, ""]}]}, name
        role = resources[function["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]
        assert {"Ref": "SiteUrlAccess"} in role["ManagedPolicyArns"], name


def test_the_office_domain_is_an_optional_alias_with_its_certificate(translated) -> None:
    config = translated["Resources"]["SiteDistribution"]["Properties"]["DistributionConfig"]
    assert config["Aliases"] == {"Fn::If": ["HasDomainName", [{"Ref": "DomainName"}], {"Ref": "AWS::NoValue"}]}
    condition, certificate, otherwise = config["ViewerCertificate"]["Fn::If"]
    assert condition == "HasDomainName" and otherwise == {"Ref": "AWS::NoValue"}
    assert certificate["AcmCertificateArn"] == {"Ref": "CertificateArn"} and certificate["SslSupportMethod"] == "sni-only"
    assert ":acm:us-east-1:" in translated["Parameters"]["CertificateArn"]["AllowedPattern"]
    rule = translated["Rules"]["DomainNameNeedsCertificate"]
    assert rule["Assertions"][0]["Assert"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "CertificateArn"}, ""]}]}


def test_the_outputs_name_everything_the_next_step_needs(translated) -> None:
    outputs = translated["Outputs"]
    assert {"SiteUrl", "SiteBucketName", "DistributionId", "DistributionUrl", "AdminApiUrl", "ClientApiUrl",
            "AlarmTopic", "MailDkimRecord1", "MailDkimRecord2", "MailDkimRecord3"} <= set(outputs)
    assert outputs["SiteBucketName"]["Value"] == {"Ref": "SiteBucket"}
    assert outputs["DistributionId"]["Value"] == {"Ref": "SiteDistribution"}
    assert outputs["SiteUrl"]["Value"] == {"Fn::GetAtt": ["SiteUrlParameter", "Value"]}
    for number in (1, 2, 3):
        dkim = outputs[f"MailDkimRecord{number}"]
        assert dkim["Condition"] == "CreatesMailIdentity"
        assert dkim["Value"] == {"Fn::Sub": f"${{MailIdentity.DkimDNSTokenName{number}}} CNAME "
                                            f"${{MailIdentity.DkimDNSTokenValue{number}}}"}
