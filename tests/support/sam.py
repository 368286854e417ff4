"""template.yaml translated offline into plain CloudFormation, as `sam package` + the SAM transform would."""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from portal_local import template


class _NoManagedPolicies:
    def load(self) -> dict[str, str]:
        return {}


@lru_cache(maxsize=1)
def translated_template() -> dict[str, Any]:
    from samtranslator.translator.transform import transform

    # As `sam package` does: local code folders become S3 locations before the transform.
    packaged = copy.deepcopy(template.load())
    for resource in packaged["Resources"].values():
        props = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri"):
            if isinstance(props.get(key), str):
                props[key] = f"s3://artifacts/{props[key].strip('/')}.zip"
    return transform(packaged, {}, _NoManagedPolicies())
