"""The permissions template.yaml gives each function and each bucket, as plain policy statements.

The template is translated offline by aws-sam-translator, exactly as ``sam deploy`` would (SAM's
policy templates such as ``S3CrudPolicy`` become statements there), and the intrinsic functions in
the policies are resolved against the local names: the table and bucket named in the settings,
the moto account and region, the parameters' defaults. Done once per process (the translation
takes about a second), then cached.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from portal_local import template

ACCOUNT = "123456789012"  # moto's default account: every local ARN carries it
PARTITION = "aws"
STACK = "portal-local"
_NO_VALUE = object()


class _NoManagedPolicies:
    """SAM asks for AWS managed policy ARNs by name only when a template names one; ours do not."""

    def load(self) -> dict[str, str]:
        return {}


@lru_cache(maxsize=1)
def translated_template() -> dict[str, Any]:
    """template.yaml after the SAM transform, as CloudFormation receives it from ``sam deploy``."""
    from samtranslator.translator.transform import transform

    # As `sam package` does: local code folders become S3 locations before the transform.
    packaged = copy.deepcopy(template.load())
    for resource in packaged["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(props.get(key), str):
                props[key] = f"s3://artifacts/{props[key].strip('/')}.zip"
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")  # SAM reads its pseudo parameters from boto3
    return transform(packaged, {}, _NoManagedPolicies())


@dataclass(frozen=True)
class Names:
    """What CloudFormation would have named the resources: locally, the settings' names."""

    region: str
    table: str
    bucket: str
    mail_configuration_set: str | None = None

    @classmethod
    def from_settings(cls) -> Names:
        from portal.platform.settings import get_settings

        settings = get_settings()
        return cls(region=settings.aws_region, table=settings.table_name, bucket=settings.documents_bucket,
                   mail_configuration_set=settings.mail_configuration_set)


class Resolver:
    """Resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Select and Fn::Split in policies."""

    def __init__(self, translated: dict[str, Any], names: Names) -> None:
        self.resources, self.names = translated["Resources"], names
        self.parameters = {k: v.get("Default", "") for k, v in translated.get("Parameters", {}).items()}
        self.conditions = translated.get("Conditions", {})

    def physical(self, logical: str) -> str:
        kind = self.resources[logical]["Type"]
        r, a = self.names.region, ACCOUNT
        if kind == "AWS::DynamoDB::Table":
            return self.names.table if logical == "PortalTable" else logical
        if kind == "AWS::S3::Bucket":
            return self.names.bucket if logical == "DocumentsBucket" else logical.lower()
        if kind == "AWS::SES::ConfigurationSet":
            return self.names.mail_configuration_set or logical
        if kind == "AWS::SNS::Topic":
            return f"arn:{PARTITION}:sns:{r}:{a}:{logical}"
        if kind == "AWS::IAM::ManagedPolicy":
            return f"arn:{PARTITION}:iam::{a}:policy/{logical}"
        if kind == "AWS::SQS::Queue":
            return f"https://sqs.{r}.amazonaws.com/{a}/{logical}"
        if kind == "AWS::Events::EventBus":
            return str(self.resolve(self.resources[logical]["Properties"]["Name"]))
        return logical

    def attribute(self, logical: str, name: str) -> str:
        kind, r, a = self.resources[logical]["Type"], self.names.region, ACCOUNT
        if name != "Arn":
            return f"{logical}.{name}"
        arns = {
            "AWS::DynamoDB::Table": f"arn:{PARTITION}:dynamodb:{r}:{a}:table/{self.physical(logical)}",
            "AWS::S3::Bucket": f"arn:{PARTITION}:s3:::{self.physical(logical)}",
            "AWS::IAM::Role": f"arn:{PARTITION}:iam::{a}:role/{logical}",
            "AWS::SQS::Queue": f"arn:{PARTITION}:sqs:{r}:{a}:{logical}",
            "AWS::Lambda::Function": f"arn:{PARTITION}:lambda:{r}:{a}:function:{logical}",
            "AWS::Events::EventBus": f"arn:{PARTITION}:events:{r}:{a}:event-bus/{self.physical(logical)}",
        }
        service = kind.split("::")[1].lower()
        return arns.get(kind, f"arn:{PARTITION}:{service}:{r}:{a}:{logical}")

    def ref(self, name: str) -> Any:
        pseudo = {"AWS::Region": self.names.region, "AWS::AccountId": ACCOUNT, "AWS::Partition": PARTITION,
                  "AWS::StackName": STACK, "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": _NO_VALUE}
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        return self.physical(name)

    def condition(self, name: str) -> bool:
        return bool(self.resolve(self.conditions[name]))

    def _sub(self, text: str, variables: dict[str, Any]) -> str:
        def value(found: re.Match[str]) -> str:
            name = found[1]
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                logical, attr = name.split(".", 1)
                return self.attribute(logical, attr)
            return str(self.ref(name))

        return re.sub(r"\$\{([^}]+)\}", value, text)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [v for v in (self.resolve(item) for item in value) if v is not _NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref":
                return self.ref(arg)
            if key == "Fn::GetAtt":
                logical, attr = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.attribute(logical, attr)
            if key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else arg
                return self._sub(text, variables)
            if key == "Fn::Join":
                return str(self.resolve(arg[0])).join(str(v) for v in self.resolve(arg[1]))
            if key == "Fn::If":
                return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
            if key == "Fn::Select":
                return self.resolve(arg[1])[int(self.resolve(arg[0]))]
            if key == "Fn::Split":
                return str(self.resolve(arg[1])).split(arg[0])
            if key == "Fn::Equals":
                return self.resolve(arg[0]) == self.resolve(arg[1])
            if key == "Fn::Not":
                return not self.resolve(arg[0])
            if key == "Fn::And":
                return all(self.resolve(a) for a in arg)
            if key == "Fn::Or":
                return any(self.resolve(a) for a in arg)
            if key == "Condition":
                return self.condition(arg)
        resolved = {k: self.resolve(v) for k, v in value.items()}
        return {k: v for k, v in resolved.items() if v is not _NO_VALUE}


@dataclass(frozen=True)
class Policies:
    """Each function's role (its ARN and statements) and each bucket's policy, resolved."""

    roles: dict[str, tuple[str, tuple[dict[str, Any], ...]]]
    buckets: dict[str, tuple[dict[str, Any], ...]]


def _statements(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = document.get("Statement", [])
    return found if isinstance(found, list) else [found]


def _role_documents(resources: dict[str, Any], role: str, resolver: Resolver) -> list[dict[str, Any]]:
    props = resources[role].get("Properties", {})
    documents = [p["PolicyDocument"] for p in props.get("Policies", [])]
    for arn in props.get("ManagedPolicyArns", []):
        # AWS's own managed policies (basic execution: logs; X-Ray) grant nothing the portal's code
        # calls through boto3, so only the template's own managed policies are read.
        if isinstance(arn, dict) and "Ref" in arn:
            documents.append(resources[arn["Ref"]]["Properties"]["PolicyDocument"])
    for resource in resources.values():  # AWS::IAM::Policy / ManagedPolicy attached from their side
        attached = {"Ref": role} in resource.get("Properties", {}).get("Roles", [])
        if attached and resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            documents.append(resource["Properties"]["PolicyDocument"])
    return [resolver.resolve(d) for d in documents]


@lru_cache(maxsize=4)
def load(names: Names) -> Policies:
    translated = translated_template()
    resources, resolver = translated["Resources"], Resolver(translated, names)
    roles: dict[str, tuple[str, tuple[dict[str, Any], ...]]] = {}
    for logical, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        role = resource["Properties"]["Role"]
        if not (isinstance(role, dict) and "Fn::GetAtt" in role):
            raise ValueError(f"{logical}: a role outside the template cannot be checked locally")
        role_id = role["Fn::GetAtt"][0]
        statements = tuple(s for d in _role_documents(resources, role_id, resolver) for s in _statements(d))
        roles[logical] = (resolver.attribute(role_id, "Arn"), statements)
    buckets = {}
    for resource in resources.values():
        if resource["Type"] == "AWS::S3::BucketPolicy":
            props = resolver.resolve(resource["Properties"])
            buckets[props["Bucket"]] = tuple(_statements(props["PolicyDocument"]))
    return Policies(roles=roles, buckets=buckets)


def for_names() -> Policies:
    return load(Names.from_settings())
