"""Starting and stopping trantor processes for end-to-end tests, the way a user runs them."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANTOR = str(ROOT / "bin" / "trantor")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proc:
    """One `bin/trantor ...` child process with its output in a log file."""

    def __init__(self, name, args, log_dir, env=None):
        self.name = name
        self.log = Path(log_dir) / f"{name}.log"
        self._out = open(self.log, "ab")
        self.process = subprocess.Popen([TRANTOR, *args], cwd=ROOT, stdout=self._out,
                                        stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for_output(self, needle, deadline_s=90):
        deadline = time.monotonic() + deadline_s
        while needle not in self.text():
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.process.returncode}:\n{self.text()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: no '{needle}' after {deadline_s}s:\n{self.text()}")
            time.sleep(0.1)  # polling a condition with a deadline

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        stop(self.process)
        self._out.close()


def stop(process):
    """SIGTERM, then SIGKILL if the process is still running after 30 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def await_true(condition, what, deadline_s=90, interval_s=0.2):
    """Polls `condition` until it returns a truthy value; fails with `what` after the deadline."""
    deadline = time.monotonic() + deadline_s
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval_s)  # polling a condition with a deadline
    raise AssertionError(f"timed out after {deadline_s}s waiting for {what}; last value: {last!r}")


def cli(control, *args, timeout=120):
    """Runs a trantor CLI verb against the control plane; returns the CompletedProcess."""
    return subprocess.run([TRANTOR, *args, "--control", control], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
