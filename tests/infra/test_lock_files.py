"""Reproducible builds: the layer and the functions install from hashed lock files (`make lock`),
boto3 travels with its own botocore, and the dev environment runs the same pins."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "portal" / "python"
LOCK_FOLDERS = [LAYER, *sorted(p.parent for p in (ROOT / "functions").glob("*/*/requirements.in"))]


def _lock(folder: Path) -> dict[str, tuple[str, int]]:
    """name -> (pinned version, number of hashes) from a requirements.txt written by `make lock`."""
    pins: dict[str, tuple[str, int]] = {}
    name = None
    for line in (folder / "requirements.txt").read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line):
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            pins[name] = (match.group(2), 0)
        elif "--hash=sha256:" in line and name:
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


def test_every_function_with_dependencies_installs_from_a_lock() -> None:
    for requirements in (ROOT / "functions").glob("*/*/requirements.txt"):
        assert (requirements.parent / "requirements.in").is_file(), (
            f"{requirements.parent.relative_to(ROOT)}: name the dependencies in requirements.in and run make lock")


@pytest.mark.parametrize("folder", LOCK_FOLDERS, ids=lambda f: str(f.relative_to(ROOT)))
def test_every_dependency_is_pinned_with_hashes(folder: Path) -> None:
    pins = _lock(folder)
    assert pins, f"{folder}/requirements.txt pins nothing"
    assert all(hashes for _, hashes in pins.values()), "pip's hash-checking mode needs a hash on every pin"
    lines = (folder / "requirements.txt").read_text().splitlines()
    assert not [line for line in lines if line and not line.startswith((" ", "#")) and "==" not in line]
    for line in (folder / "requirements.in").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            name = re.sub(r"[-_.]+", "-", requirement.name).lower()
            assert name in pins, f"{requirement.name} is in requirements.in but not locked: run make lock"
            assert requirement.specifier.contains(pins[name][0]), f"{name} lock is stale: run make lock"


def test_the_layer_ships_botocore_only_with_the_boto3_it_belongs_to() -> None:
    pins = _lock(LAYER)
    if "botocore" not in pins and "boto3" not in pins:
        # Neither shipped (the functions use the runtime's pair) only if nothing locked needs them.
        needing = [name for name in pins for r in metadata.requires(name) or [] if r.startswith(("botocore", "boto3"))]
        assert not needing, f"{needing} require botocore: pip puts one in the layer, so lock it with its boto3"
        return
    assert "boto3" in pins and "botocore" in pins, "one without the other mixes with the runtime's copy"
    boto3_version, botocore_version = pins["boto3"][0], pins["botocore"][0]
    assert metadata.version("boto3") == boto3_version, "the dev environment is not on the locked boto3"
    wanted = [Requirement(r) for r in metadata.requires("boto3") or [] if r.startswith("botocore")]
    assert wanted and wanted[0].specifier.contains(botocore_version), (
        f"boto3 {boto3_version} wants {wanted[0]}, the lock ships botocore {botocore_version}")
    for name in ("s3transfer", "jmespath"):
        assert name in pins, f"{name} (boto3's) must come from the same lock"


def test_the_dev_environment_runs_the_locked_versions() -> None:
    for folder in LOCK_FOLDERS:
        for name, (version, _) in _lock(folder).items():
            try:
                installed = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
            assert installed == version, f"{name}: {installed} installed, {version} locked (make install)"
