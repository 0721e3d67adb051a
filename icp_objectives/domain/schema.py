"""JSON Schema of each kind of data file, exported from the models."""

from __future__ import annotations

import json
from typing import Any

from icp_objectives.domain.model import KINDS as KINDS

SCHEMA_DIR = "schema"
MODELINE = "# yaml-language-server: $schema="
SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def build(kind: str) -> dict[str, Any]:
    body = KINDS[kind].model_json_schema(mode="validation")
    return {"$schema": SCHEMA_URL, "$id": f"{kind}.schema.json", **body}


def dumps(kind: str | None = None) -> str:
    """One kind's schema, or all of them keyed by kind."""
    data: dict[str, Any] = build(kind) if kind else {k: build(k) for k in KINDS}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
