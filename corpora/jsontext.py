"""JSON from user files: a document nested too deeply for Python's parser is a syntax error
(json.JSONDecodeError, which every reader already reports as one line), not a RecursionError."""

from __future__ import annotations

import json
from typing import Any


def loads(text: str) -> Any:
    """`json.loads`, with arrays and objects nested beyond Python's recursion limit (about
    1,000 levels) refused as malformed."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("arrays and objects nest too deeply", text, 0) from None
