"""JSON from user files: a document nested too deeply for Python's parser is a syntax error
(json.JSONDecodeError, which every reader already reports as one line), not a RecursionError."""

from __future__ import annotations

import json
from typing import Any


class DuplicateKeyError(ValueError):
    """An object gives `key` twice (where the last value silently winning would lose the first)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"key {key!r} given twice")
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKeyError(key)
        found[key] = value
    return found


def loads(text: str, unique_keys: bool = False) -> Any:
    """`json.loads`, with arrays and objects nested beyond Python's recursion limit (about
    1,000 levels) refused as malformed; with `unique_keys`, an object giving a key twice raises
    DuplicateKeyError."""
    try:
        return json.loads(text, object_pairs_hook=_unique if unique_keys else None)
    except RecursionError:
        raise json.JSONDecodeError("arrays and objects nest too deeply", text, 0) from None
