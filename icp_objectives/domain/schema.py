"""JSON Schema of each kind of data file, exported from the models."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
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


def write_all(folder: Path, kinds: Iterable[str] = KINDS) -> list[Path]:
    """Write `<kind>.schema.json` into `folder` for each kind; OSError when it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in kinds:
        path = folder / f"{kind}.schema.json"
        path.write_text(dumps(kind), encoding="utf-8")
        written.append(path)
    return written


def modeline(root: Path, path: Path, kind: str) -> str:
    """The first line naming the repository's schema for a new file, if it ships one ('')."""
    target = root / SCHEMA_DIR / f"{kind}.schema.json"
    if not target.is_file():
        return ""
    return f"{MODELINE}{Path(os.path.relpath(target, path.parent)).as_posix()}\n"
