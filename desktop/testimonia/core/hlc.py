"""Hybrid logical clock: wall-clock milliseconds plus a counter, packed in one 64-bit integer.

Why: laptops with wrong clocks must still order edits sensibly. A new event is always later than
every event this file has seen (local or merged in), so a child revision sorts after its parents
even when the machine's clock runs behind a teammate's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1
# Year 9999 in ms, shifted: anything above this is not a timestamp we could have written.
MAX_HLC = (253402300799999 << COUNTER_BITS) | COUNTER_MASK


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | counter


def wall_ms(hlc: int) -> int:
    return hlc >> COUNTER_BITS


def to_iso(hlc: int) -> str:
    """ISO 8601 UTC for display and export (the counter is dropped)."""
    dt = datetime.fromtimestamp(wall_ms(hlc) / 1000, tz=UTC)
    return dt.isoformat(timespec="seconds").replace("+00:00", "Z")


class Clock:
    """Issues strictly increasing HLC values; `observe` folds in values seen from other files."""

    def __init__(self, last: int = 0, now_ms: Callable[[], int] | None = None) -> None:
        self.last = last
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)

    def tick(self) -> int:
        now = pack(self._now_ms(), 0)
        self.last = now if now > self.last else self.last + 1
        return self.last

    def observe(self, remote: int) -> None:
        if remote > self.last:
            self.last = remote
