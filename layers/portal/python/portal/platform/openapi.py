"""Assemble one API's OpenAPI document from the routers of its per-endpoint functions.

Each endpoint is its own Lambda with its own ``Router``; the OpenAPI function ships the whole
``functions/<api>/`` folder and merges the routers, so the document always matches the code.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from portal.platform.http import Api, build_resolver


def load_routers(api_folder: Path) -> list[Any]:
    routers = []
    for app_file in sorted(api_folder.glob("*/app.py")):
        if app_file.parent.name == "openapi":
            continue
        name = f"_portal_openapi_{api_folder.name}_{app_file.parent.name}"
        spec = importlib.util.spec_from_file_location(name, app_file)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        routers.append(module.router)
    return routers


def build_document(api: Api, api_folder: Path, title: str) -> dict[str, Any]:
    resolver = build_resolver(api)
    for router in load_routers(api_folder):
        resolver.include_router(router)
    return resolver.get_openapi_schema(title=title, version="1.0.0").model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
