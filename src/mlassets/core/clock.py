"""The one clock: now, or SOURCE_DATE_EPOCH when set (the reproducible-builds convention)."""

from __future__ import annotations

import datetime as dt
import os


def fetch_time() -> str:
    """Now, or SOURCE_DATE_EPOCH when set, as `YYYY-MM-DDTHH:MM:SSZ`."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
