"""The cover sheet's fixed choices, kept apart from the model so that the command line can offer
them in `--help` without importing pydantic (start-up is paid on every commit by the hook)."""

from __future__ import annotations

from typing import Literal

Purpose = Literal["decision", "assurance", "discussion", "information"]
Session = Literal["public", "private"]
