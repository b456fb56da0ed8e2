"""The date that goes into output headers; SOURCE_DATE_EPOCH fixes it for reproducible files."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from corpora.errors import UsageError


def output_date() -> str:
    """Today's UTC date as YYYY-MM-DD, or the date of SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    else:
        moment = datetime.now(tz=timezone.utc)
    return moment.strftime("%Y-%m-%d")
