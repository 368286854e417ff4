"""samconfig.toml, as ``sam deploy`` reads it: the stack and region the site upload follows.

``python -m portal_deploy.samconfig mode`` prints ``guided`` while the office has not answered the
guided deployment's questions yet (no saved parameter_overrides), ``unattended`` once it has: the
Makefile runs ``sam deploy --guided`` the first time and plain ``sam deploy`` every time after.
(An answer on stdout, not an exit code: a crash must stop the deployment, not pick a mode.)
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMCONFIG = ROOT / "samconfig.toml"
ENVIRONMENT = "default"


class SamConfigError(Exception):
    """samconfig.toml is missing, unreadable, or lacks what the deployment needs."""


@dataclass(frozen=True)
class DeploySettings:
    stack_name: str
    region: str
    profile: str | None = None


def load(path: Path = SAMCONFIG) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SamConfigError(f"{path} is missing: run `make deploy` once to create it") from error
    except tomllib.TOMLDecodeError as error:
        raise SamConfigError(f"{path} is not valid TOML: {error}") from error


def deploy_parameters(config: dict[str, Any], environment: str = ENVIRONMENT) -> dict[str, Any]:
    """The parameters ``sam deploy`` uses: the environment's global ones, overridden by deploy's."""
    section = config.get(environment, {})
    return {**section.get("global", {}).get("parameters", {}), **section.get("deploy", {}).get("parameters", {})}


def settings(path: Path = SAMCONFIG, environment: str = ENVIRONMENT) -> DeploySettings:
    parameters = deploy_parameters(load(path), environment)
    missing = [key for key in ("stack_name", "region") if not parameters.get(key)]
    if missing:
        raise SamConfigError(f"{path} [{environment}.deploy.parameters] lacks {', '.join(missing)}")
    return DeploySettings(stack_name=parameters["stack_name"], region=parameters["region"],
                          profile=parameters.get("profile") or None)


def needs_guided(path: Path = SAMCONFIG, environment: str = ENVIRONMENT) -> bool:
    """True until the guided deployment has saved the office's parameter values."""
    try:
        return not deploy_parameters(load(path), environment).get("parameter_overrides")
    except SamConfigError:
        return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["mode"]:
        print("usage: python -m portal_deploy.samconfig mode", file=sys.stderr)
        return 2
    print("guided" if needs_guided() else "unattended")
    return 0


if __name__ == "__main__":
    sys.exit(main())
