"""Reading zip archives other people send (.qdpx) without trusting anything they declare.

Entries are read into memory, never extracted to disk, so a hostile name cannot write anywhere;
such names are still refused, because an archive that carries them was not made by a QDA tool.
Sizes are checked three times: the declared size, the compression ratio, and the bytes actually
produced while reading (headers can lie), with a cap on the total read from one archive.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from testimonia.core import files
from testimonia.core.errors import ImportFailed
from testimonia.core.messages import Message

MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # plain text and XML rarely pass 20:1; zip bombs reach 1000:1 and more
RATIO_FLOOR = 1024 * 1024  # small entries may compress extremely well without being a threat
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class SafeZip:
    def __init__(self, path: Path, limit: int = MAX_ARCHIVE_BYTES) -> None:
        self.path = Path(path)
        self._read_total = 0
        # A regular file within the limit, never a pipe or a device (which zipfile would read forever).
        self._file = files.open_regular(self.path, limit=limit, error=ImportFailed)
        try:
            self._zip = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, IndexError,
                NotImplementedError, struct.error) as exc:
            # NotImplementedError: an entry needs a newer zip version than Python reads.
            self._file.close()
            raise ImportFailed(self.path, "not a readable zip archive ({detail})", detail=exc) from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.close()
            raise ImportFailed(self.path, "the archive holds {count:,} entries; at most {limit:,} are read",
                               count=len(infos), limit=MAX_ENTRIES)
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            problem = unsafe_name(info.filename)
            if problem:
                self.close()
                raise ImportFailed(self.path, "refused: the archive entry {name!r} {problem}", name=info.filename,
                                   problem=problem)
            if info.filename in self._infos:
                self.close()
                raise ImportFailed(self.path, "refused: the archive holds {name!r} twice", name=info.filename)
            self._infos[info.filename] = info

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> list[str]:
        return [n for n, info in self._infos.items() if not info.is_dir()]

    def find(self, name: str) -> str | None:
        """The entry called `name`, compared case-insensitively (Windows tools differ in case)."""
        if name in self._infos:
            return name
        folded = name.casefold()
        return next((n for n in self._infos if n.casefold() == folded), None)

    def read(self, name: str) -> bytes:
        info = self._infos[name]
        where = f"{self.path} ({name})"
        if info.flag_bits & 0x1:
            raise ImportFailed(where, "the entry is encrypted")
        if info.file_size > MAX_ENTRY_BYTES:
            raise ImportFailed(where, "the entry declares {size:,} bytes; at most {limit:,} are read",
                               size=info.file_size, limit=MAX_ENTRY_BYTES)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFailed(where, "refused: compressed {ratio} times or more, which is how zip bombs look",
                               ratio=MAX_RATIO)
        if self._read_total + info.file_size > MAX_TOTAL_BYTES:
            raise ImportFailed(self.path, "the archive would unpack to more than {limit} MB",
                               limit=MAX_TOTAL_BYTES // 2**20)
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > info.file_size or got > MAX_ENTRY_BYTES:
                        raise ImportFailed(where, "refused: the entry unpacks to more than it declares")
                    chunks.append(chunk)
        except ImportFailed:
            raise
        except RuntimeError:  # zipfile asks for a password
            raise ImportFailed(where, "the entry is encrypted") from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                struct.error) as exc:
            raise ImportFailed(where, "the entry cannot be read ({detail})", detail=exc) from None
        self._read_total += got
        return b"".join(chunks)


def unsafe_name(name: str) -> Message | None:
    """Why an entry name is unsafe to honour (what follows the name in a message), or None."""
    if not name:
        return Message("has an empty name")
    if "\x00" in name:
        return Message("contains a NUL character")
    if "\\" in name:
        return Message("uses backslashes, which Windows reads as folders")
    if name.startswith("/") or _DRIVE.match(name):
        return Message("is an absolute path")
    if ".." in PurePosixPath(name).parts:
        return Message("points outside the archive (..)")
    return None
