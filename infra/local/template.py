"""Read template.yaml: the one source of truth for routes, resources and schedules.

The local stack never keeps a second copy of what the template says: a new endpoint, index or
schedule in the template is live locally with no other change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    """A YAML loader that keeps CloudFormation's short-form tags as {"Fn::X": value} dicts."""


def _tag(loader: _CfnLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    name = "Ref" if suffix == "Ref" else f"Fn::{suffix}"
    if name == "Fn::GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _tag)


@lru_cache(maxsize=1)
def load(path: Path = TEMPLATE) -> dict[str, Any]:
    # A SafeLoader subclass that only adds CloudFormation's short-form tags: no arbitrary objects.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CfnLoader)  # noqa: S506  # nosec B506


@dataclass(frozen=True)
class Route:
    function: str
    api: str  # the logical id of the RestApi: ClientApi or AdminApi
    method: str
    path: str  # API Gateway's resource path, e.g. /api/dossiers/{dossier_id}
    pattern: re.Pattern[str] = field(compare=False, hash=False, repr=False)

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if self.method not in ("ANY", method):
            return None
        found = self.pattern.fullmatch(path)
        return found.groupdict() if found else None


@dataclass(frozen=True)
class Function:
    logical_id: str
    code_uri: Path
    handler: str  # module path and attribute, as Lambda reads it: openapi.app.lambda_handler
    timeout: int
    schedules: tuple[str, ...] = ()

    @property
    def handler_file(self) -> Path:
        module, _attr = self.handler.rsplit(".", 1)
        return self.code_uri / (module.replace(".", "/") + ".py")

    @property
    def handler_attribute(self) -> str:
        return self.handler.rsplit(".", 1)[1]


def _compile(path: str) -> re.Pattern[str]:
    regex = ""
    for part in re.split(r"(\{[^}]+\})", path):
        if part.startswith("{") and part.endswith("+}"):
            regex += f"(?P<{part[1:-2]}>.+)"
        elif part.startswith("{"):
            regex += f"(?P<{part[1:-1]}>[^/]+)"
        else:
            regex += re.escape(part)
    return re.compile(regex)


def _parameter_value(value: Any) -> Any:
    """A literal, or the default of the parameter it refers to (locally there are no overrides)."""
    if isinstance(value, dict) and "Ref" in value:
        return parameter_default(value["Ref"])
    return value


def functions() -> list[Function]:
    template = load()
    default_timeout = template.get("Globals", {}).get("Function", {}).get("Timeout", 3)
    found = []
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        props = resource["Properties"]
        schedules = tuple(
            _parameter_value(event["Properties"].get("Schedule") or event["Properties"].get("ScheduleExpression"))
            for event in (props.get("Events") or {}).values()
            if event["Type"] in ("Schedule", "ScheduleV2")
        )
        found.append(
            Function(
                logical_id=logical_id,
                code_uri=ROOT / props["CodeUri"],
                handler=props["Handler"],
                timeout=int(props.get("Timeout", default_timeout)),
                schedules=schedules,
            )
        )
    return found


def routes() -> list[Route]:
    template = load()
    found = []
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in (resource["Properties"].get("Events") or {}).values():
            if event["Type"] != "Api":
                continue
            props = event["Properties"]
            api = props.get("RestApiId", {}).get("Ref", "ServerlessRestApi")
            found.append(
                Route(logical_id, api, props["Method"].upper(), props["Path"], _compile(props["Path"]))
            )
    # Literal paths win over parameterised ones, as in API Gateway.
    found.sort(key=lambda r: (r.path.count("{"), -len(r.path)))
    return found


def resources_of_type(type_name: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in load()["Resources"].items() if v["Type"] == type_name}


def parameter_default(name: str) -> Any:
    return load()["Parameters"][name].get("Default")


def gateway_response_headers(kind: str = "DEFAULT_4XX") -> dict[str, str]:
    """The headers API Gateway adds to the answers it makes itself (Globals.Api.GatewayResponses)."""
    responses = load().get("Globals", {}).get("Api", {}).get("GatewayResponses", {})
    headers = (responses.get(kind) or {}).get("ResponseParameters", {}).get("Headers", {})
    return {name: value.strip("'") for name, value in headers.items()}
