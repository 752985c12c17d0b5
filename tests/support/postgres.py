"""A throwaway PostgreSQL server on loopback, from Debian's packages, for the DIY state backend.

It installs ``postgresql`` with apt-get when the server binaries are missing (CI runs as root),
runs it as the ``postgres`` user in a fresh data directory on a free port, and stops it by PID.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

USER = "pulumi"
PASSWORD = "state-backend-test-password"
DATABASE = "pulumi"
INSTALL_TIMEOUT = 900


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def ensure_installed() -> Path:
    binaries = server_binaries()
    if binaries is not None:
        return binaries
    if os.geteuid() != 0:
        raise RuntimeError(
            "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=True, env=env, timeout=INSTALL_TIMEOUT, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
        check=True,
        env=env,
        timeout=INSTALL_TIMEOUT,
        capture_output=True,
    )
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("apt-get installed postgresql but no server binaries were found")
    return binaries


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a server tool as the postgres user: PostgreSQL refuses to run as root."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=120)


class PostgresServer:
    def __init__(self) -> None:
        self.binaries = ensure_installed()
        self.root = Path(tempfile.mkdtemp(prefix="pulumi-flex-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.pid: int | None = None

    @property
    def url(self) -> str:
        """The backend URL for `pulumi login` / PULUMI_BACKEND_URL."""
        return f"postgres://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}?sslmode=disable"

    def start(self) -> PostgresServer:
        self.root.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        password_file = self.root / "pwfile"
        password_file.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(password_file, "postgres", "postgres")
        _as_postgres(
            [
                str(self.binaries / "initdb"),
                "-D",
                str(self.data),
                "-U",
                USER,
                f"--pwfile={password_file}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ]
        )
        _as_postgres(
            [
                str(self.binaries / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-o",
                f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}",
                "start",
            ]
        )
        self.pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])
        _as_postgres(
            [
                str(self.binaries / "createdb"),
                "-h",
                str(self.root),
                "-p",
                str(self.port),
                "-U",
                USER,
                DATABASE,
            ]
        )
        return self

    def query(self, sql: str) -> str:
        env = {**os.environ, "PGPASSWORD": PASSWORD}
        result = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, "-d", DATABASE, "-At", "-c", sql],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        return result.stdout

    def stop(self) -> None:
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGINT)  # "fast" shutdown
        deadline = time.monotonic() + 30
        while Path(f"/proc/{self.pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        if Path(f"/proc/{self.pid}").exists():
            os.kill(self.pid, signal.SIGKILL)
        self.pid = None
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
