"""Starts `bin/trantor serve` over the committed sample models, as a user would."""

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTUP_DEADLINE_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def trantor_server(tmp_path_factory):
    """Yields "127.0.0.1:PORT" of a running `trantor serve`; stops it afterwards."""
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "trantor"), "serve",
             "--model-repository", str(ROOT / "samples" / "models"),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE_S
        url = f"http://127.0.0.1:{port}/v2/health/ready"
        while not _ready(url):
            if process.poll() is not None:
                pytest.fail(f"trantor serve exited with {process.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"trantor serve not ready after {STARTUP_DEADLINE_S}s:\n{log.read_text()}")
            time.sleep(0.1)  # polling a condition with a deadline, not a fixed wait
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("trantor serve did not stop within 20s of SIGTERM")
