"""Log messages (ours and the libraries') go to a file in the log folder, never to the terminal.

pypdf alone printed 6,504 warning lines on stderr for one malformed PDF before its refusal; the
user needs the one line saying what is wrong, and a bug report needs the details, which the file
keeps. A process writes at most MAX_RECORDS records, so a hostile file cannot fill the disk either.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime
from typing import TextIO

from . import config

LOG_NAME = "testimonia.log"
MAX_RECORDS = 1_000


class _FileHandler(logging.Handler):
    """Appends to the log file, opened on the first record (most runs log nothing); silent when
    the folder cannot be written."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s %(message)s"))
        self._file: TextIO | None = None
        self._count = 0
        self._failed = False
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            self._count += 1
            if self._failed or self._count > MAX_RECORDS + 1:
                return
            try:
                if self._file is None:
                    folder = config.log_dir()
                    folder.mkdir(parents=True, exist_ok=True)
                    self._file = (folder / LOG_NAME).open("a", encoding="utf-8")
                    self._file.write(f"--- {datetime.now(UTC).isoformat()} process {os.getpid()}\n")
                if self._count > MAX_RECORDS:
                    self._file.write(f"… further messages of process {os.getpid()} are not kept\n")  # not a message
                else:
                    self._file.write(_line(self, record) + "\n")
                self._file.flush()
            except (OSError, ValueError):
                self._failed = True

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # never print a logging failure on the terminal either


def _line(handler: logging.Handler, record: logging.LogRecord) -> str:
    try:
        return handler.format(record)
    except Exception:  # a library's message with stray % signs from the file: keep it unformatted
        return f"{record.name} {record.levelname} {record.msg!r} {record.args!r}"[:2000]


def setup() -> None:
    """Route warnings and errors of every logger to the log file, none to stderr. Idempotent."""
    root = logging.getLogger()
    if any(isinstance(h, _FileHandler) for h in root.handlers):
        return
    root.addHandler(_FileHandler())
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn() of libraries too
