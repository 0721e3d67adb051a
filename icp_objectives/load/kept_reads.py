"""What a file's YAML read as, kept between runs under a key made from its bytes, so that a
file unchanged since a run before is not parsed again: the plain data, from which its model
is made as ever (see `parse.read`).

Only a file that read cleanly is kept (no fault, no problem, plain keys): anything else is
read again, with every message made afresh. The node tree is not kept; a place in the file is
found by composing it again, when one is asked for (a problem, mostly).

An entry is JSON (see `stored`): the data, with each date written as its ISO text, and the
place of each date, so that nothing reads back as other than it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from icp_objectives.load import stored

KIND = "read"
_MISSING = object()
Where = list[str | int]  # where a value sits: keys and list indexes


def key(data: bytes) -> str | None:
    """The key of what bytes read as (they and the code are all it depends on), or None when
    nothing is kept (the cache is off)."""
    if not stored.enabled():
        return None
    whole = hashlib.sha256(stored.code_version().encode() + b"\0")
    whole.update(data)
    return whole.hexdigest()


def get(entry_key: str) -> Any:
    """The data kept under the key, or what `missing` tells (none, or one that cannot be read)."""
    entry = stored.get(KIND, entry_key)
    try:
        data, dates = entry["data"], entry["dates"]
        for where in dates:
            *parents, last = where
            holder = data
            for step in parents:
                holder = holder[step]
            holder[last] = dt.date.fromisoformat(holder[last])
    except (TypeError, KeyError, IndexError, ValueError):
        return _MISSING
    return data


def put(entry_key: str, raw: Any) -> None:
    """Keep the data, when it can be written and read back as it is."""
    dates: list[Where] = []
    if _plain(raw, [], dates):
        stored.put(KIND, entry_key, {"data": raw, "dates": dates}, _date)


def missing(value: Any) -> bool:
    return value is _MISSING


def _plain(value: Any, where: Where, dates: list[Where]) -> bool:
    """Whether JSON gives the value back as it is (mappings keyed by text, lists, text,
    numbers, true, false and null), with the place of each date (written as its ISO text) in
    `dates`; a datetime or a BadDate is not kept."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, [*where, k], dates) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(item, [*where, n], dates) for n, item in enumerate(value))
    if type(value) is dt.date:
        if not where:
            return False  # a file that is only a date is no data file
        dates.append(where)
        return True
    return value is None or type(value) in (str, int, float, bool)


def _date(value: Any) -> Any:
    if type(value) is dt.date:
        return value.isoformat()
    raise TypeError(f"not kept: {type(value).__name__}")
