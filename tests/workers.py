"""Provides starting tests/db_worker.py in a child process and reading what it reports, with deadlines."""

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

WORKER_SCRIPT = Path(__file__).parent / "db_worker.py"
TARGET_ENV = "ANKEN_WORKER_DB"


class Worker:
    """A running db_worker.py; a thread collects its stdout lines so that reads can time out."""

    def __init__(self, target, *arguments) -> None:
        environment = {**os.environ, TARGET_ENV: str(target)}
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER_SCRIPT), *map(str, arguments)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=environment,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_line(self, timeout: float = 30) -> str:
        """Return the next line the worker printed; fail with its stderr when it ends or times out."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the worker printed nothing for {timeout} s") from None
        if line is None:
            raise AssertionError(f"the worker ended early: {self.process.stderr.read()}")
        return line

    def kill(self) -> list[str]:
        """SIGKILL the worker and return every line it had printed and not yet been read."""
        self.process.send_signal(signal.SIGKILL)
        return self._drain(timeout=30)

    def finish(self, timeout: float = 30) -> list[str]:
        """Wait for the worker to exit on its own and return its unread lines; fail if it failed."""
        remaining = self._drain(timeout)
        if self.process.returncode != 0:
            raise AssertionError(f"the worker failed: {self.process.stderr.read()}")
        return remaining

    def _drain(self, timeout: float) -> list[str]:
        self.process.wait(timeout=timeout)
        self._reader.join(timeout=timeout)
        remaining = []
        while (line := self.lines.get_nowait()) is not None:
            remaining.append(line)
        return remaining

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()
