"""The functions' environment, read from template.yaml with local values for what AWS would fill in.

``Globals.Function.Environment`` and each function's own ``Environment`` are the one list of what a
function is told about its deployment. The local stack, the tests and the benchmarks all take it
from here, so a variable added, renamed or changed in the template reaches them with no other edit.

One small resolver gives the intrinsic functions their local meaning: ``Ref`` to a parameter is the
value given (else the template's default), to a resource its local name; ``Fn::Sub``, ``Fn::If``
(the template's conditions), ``Fn::Join`` and the pseudo parameters as CloudFormation would. A
Secrets Manager dynamic reference is resolved only from the ``secrets`` given (the local stack
makes one per run); without it the variable stays unset, as the functions then expect.
"""

from __future__ import annotations

import re
from typing import Any

from portal_local import template

STACK_NAME = "portal-local"
REGION = "eu-west-1"
ACCOUNT = "123456789012"
# The local names of the template's resources (CloudFormation would generate these in AWS).
LOCAL_NAMES = {"PortalTable": "portal-local", "DocumentsBucket": "portal-documents-local"}

# What Lambda's runtime adds to every function's environment (not written in the template).
RUNTIME = {"AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION}
# Where the local stack and the unit tests knowingly differ from AWS: the GuardDuty stand-in scans
# uploads (portal_local.guardduty), and there is no X-Ray daemon to trace to.
LOCAL_DIFFERENCES = {"PORTAL_ENVIRONMENT": "local", "POWERTOOLS_TRACE_DISABLED": "true"}

_DYNAMIC = re.compile(r"\{\{resolve:secretsmanager:([^:}]+):SecretString\}\}")
_SUB = re.compile(r"\$\{([^}!][^}]*)\}")


class Unresolved(Exception):
    """A value that cannot be known locally (a secret nobody gave): its variable stays unset."""


class Resolver:
    """CloudFormation's intrinsic functions with local values."""

    def __init__(self, parameters: dict[str, Any] | None = None, secrets: dict[str, str] | None = None,
                 stack_name: str = STACK_NAME, names: dict[str, str] | None = None,
                 document: dict[str, Any] | None = None) -> None:
        self.document = document if document is not None else template.load()
        self.parameters = parameters or {}
        self.secrets = secrets or {}
        self.stack_name = stack_name
        self.names = LOCAL_NAMES if names is None else names

    def ref(self, name: str) -> Any:
        pseudo = {"AWS::Region": REGION, "AWS::StackName": self.stack_name, "AWS::AccountId": ACCOUNT,
                  "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": None}
        if name in pseudo:
            return pseudo[name]
        if name in self.document.get("Parameters", {}):
            return self.parameters.get(name, self.document["Parameters"][name].get("Default"))
        if name in self.names:
            return self.names[name]
        resource = self.document["Resources"][name]  # a KeyError names a Ref the template lacks
        given = (resource.get("Properties") or {}).get("Name")
        return self.resolve(given) if given is not None else f"{self.stack_name}-{name}"

    def holds(self, condition: str) -> bool:
        return bool(self.resolve(self.document["Conditions"][condition]))

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return self._secret(value) if isinstance(value, str) else value
        if len(value) != 1:
            return {k: self.resolve(v) for k, v in value.items()}
        (name, argument), = value.items()
        if name == "Ref":
            return self.ref(argument)
        if name == "Condition":
            return self.holds(argument)
        if name == "Fn::If":
            condition, when_true, when_false = argument
            return self.resolve(when_true if self.holds(condition) else when_false)
        if name == "Fn::Equals":
            left, right = (self.resolve(v) for v in argument)
            return str(left) == str(right)
        if name == "Fn::Not":
            return not self.resolve(argument[0])
        if name == "Fn::And":
            return all(self.resolve(v) for v in argument)
        if name == "Fn::Or":
            return any(self.resolve(v) for v in argument)
        if name == "Fn::Join":
            separator, parts = argument
            return separator.join(str(self.resolve(p)) for p in parts)
        if name == "Fn::Sub":
            text, extra = (argument, {}) if isinstance(argument, str) else argument
            return self._secret(self._sub(text, {k: self.resolve(v) for k, v in extra.items()}))
        return {k: self.resolve(v) for k, v in value.items()}

    def _sub(self, text: str, extra: dict[str, Any]) -> str:
        def one(found: re.Match[str]) -> str:
            name = found[1]
            if name in extra:
                return str(extra[name])
            if "." in name and name.split(".", 1)[0] in self.document["Resources"]:
                raise Unresolved(f"${{{name}}}: no local value for a resource's attribute")
            return str(self.ref(name))

        return _SUB.sub(one, text)

    def _secret(self, text: str) -> str:
        found = _DYNAMIC.fullmatch(text)
        if not found:
            return text
        for logical_id, value in self.secrets.items():
            if found[1] in (logical_id, self.ref(logical_id)):
                return value
        raise Unresolved(f"{text}: no local value for this secret")


def function_environment(logical_id: str | None = None, resolver: Resolver | None = None) -> dict[str, str]:
    """What template.yaml sets for a function (Globals, then its own), resolved; without a
    function, what Globals sets for all. Variables resolving to nothing (empty, unset) are left out."""
    resolver = resolver or Resolver()
    document = resolver.document
    raw = dict(((document.get("Globals") or {}).get("Function") or {}).get("Environment", {}).get("Variables", {}))
    if logical_id is not None:
        own = document["Resources"][logical_id].get("Properties", {}).get("Environment", {})
        raw.update(own.get("Variables", {}))
    found = {}
    for name, value in raw.items():
        try:
            resolved = resolver.resolve(value)
        except Unresolved:
            continue
        if resolved not in (None, ""):
            found[name] = str(resolved).lower() if isinstance(resolved, bool) else str(resolved)
    return found


def own_environments(document: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The functions that set variables of their own, beside Globals."""
    document = document if document is not None else template.load()
    return {
        logical_id: resource["Properties"]["Environment"]["Variables"]
        for logical_id, resource in document["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
        and (resource.get("Properties") or {}).get("Environment", {}).get("Variables")
    }


def local_environment(parameters: dict[str, Any] | None = None, secrets: dict[str, str] | None = None,
                      resolver: Resolver | None = None) -> dict[str, str]:
    """The environment every function runs with locally (one process: one environment): Lambda's
    runtime variables, the template's, then the local differences."""
    resolver = resolver or Resolver(parameters, secrets)
    shared = function_environment(None, resolver)
    # All functions share this process's environment, so a function's own variable joins it, as
    # long as no two functions (or Globals) give one variable different values: one process, one
    # value per variable. Such a template needs per-function processes, and fails here by name.
    owners: dict[str, str] = {}
    for logical_id in own_environments(resolver.document):
        for name, value in function_environment(logical_id, resolver).items():
            if name in shared and shared[name] != value and name not in owners:
                raise ConflictingEnvironment(f"{logical_id} sets {name} unlike Globals; the local stack runs "
                                             "every function in one process")
            if name in owners and shared[name] != value:
                raise ConflictingEnvironment(f"{logical_id} and {owners[name]} set {name} to different values; "
                                             "the local stack runs every function in one process")
            owners.setdefault(name, logical_id)
            shared[name] = value
    return {**RUNTIME, **shared, **LOCAL_DIFFERENCES}


class ConflictingEnvironment(ValueError):
    """Two functions of the template want one variable with different values in the one local process."""
