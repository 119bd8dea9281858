"""A throwaway PostgreSQL cluster in a temporary folder, for the server tests and benchmarks.

initdb refuses to run as root, so as root the cluster belongs to the unprivileged `postgres` OS
user (Debian's package creates it) and every server program runs through `runuser`. The cluster
listens on a free loopback port with trust authentication (it is private to this run) and fsync
off: a test or a benchmark never needs it to survive a power cut.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PACKAGE_HINT = "PostgreSQL server programs (initdb, pg_ctl) not found; install the Debian package `postgresql`"


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $TESTIMONIA_PG_BINDIR, PATH, or Debian's versioned folder."""
    override = os.environ.get("TESTIMONIA_PG_BINDIR")
    if override:
        return Path(override) if (Path(override) / "initdb").exists() else None
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def _version_key(path: str) -> int:
    part = Path(path).parent.name
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalCluster:
    bindir: Path
    folder: Path
    port: int
    run_as: str | None

    @property
    def superuser_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def start(self) -> None:
        data = self.folder / "data"
        subprocess.run(self._cmd("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                 "--locale=C", "--no-sync"), check=True, capture_output=True)
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                   "-c shared_buffers=128MB")
        subprocess.run(self._cmd("pg_ctl", "-D", str(data), "-l", str(self.folder / "log"), "-o", options,
                                 "-w", "-t", "60", "start"), check=True, capture_output=True)

    def stop(self) -> None:
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop"),
                       capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.superuser_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_cluster() -> LocalCluster:
    """Start a private cluster; raises FileNotFoundError (naming the package) when none is installed."""
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError(PACKAGE_HINT)
    run_as = None
    folder = Path(tempfile.mkdtemp(prefix="tmn-pg-"))
    if os.geteuid() == 0:
        run_as = "postgres"
        shutil.chown(folder, user=run_as)
    cluster = LocalCluster(bindir, folder, _free_port(), run_as)
    for attempt in range(3):
        try:
            cluster.start()
            return cluster
        except subprocess.CalledProcessError:
            if attempt == 2:
                log = cluster.folder / "log"
                detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                cluster.stop()
                raise RuntimeError(f"PostgreSQL did not start: {detail}") from None  # not a message
            shutil.rmtree(folder / "data", ignore_errors=True)
            cluster.port = _free_port()  # another run took the port between the check and the start
            time.sleep(0.5)
    raise AssertionError("unreachable")
