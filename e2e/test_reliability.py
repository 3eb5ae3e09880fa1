"""Crashes lose no accepted work: real processes, kill -9, Temporal in its own process."""

import http.server
import json
import threading
import time

import pytest

from processes import ROOT, Proc, await_true, cli, free_port

IRIS_REQUEST = '{"inputs":[{"name":"INPUT","shape":[4],"datatype":"FP32","data":[1,2,3,4]}]}'


class SlowArtifactServer:
    """Serves one model file over HTTP, slowly, and counts how often it was fetched."""

    def __init__(self, payload: bytes, delay_s: float):
        self.fetches = 0
        self.started = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.fetches += 1
                outer.started.set()
                time.sleep(delay_s)  # the slowness under test, not a wait in the test
                self.send_response(200)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/add10/model.onnx"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def status(control, model):
    completed = cli(control, "model", "status", model, "-o", "json")
    return json.loads(completed.stdout) if completed.returncode == 0 else None


def available_replicas(control, model):
    s = status(control, model)
    if not s or s["state"] != "ModelAvailable":
        return None
    return {(r["server"], r["replicaIndex"]) for r in s["model"]["replicas"] if r["state"] == "Available"}


@pytest.fixture
def temporal(tmp_path):
    port = free_port()
    proc = Proc("temporal", ["temporal", "--port", str(port)], tmp_path)
    proc.wait_for_output("listening on")
    yield f"127.0.0.1:{port}"
    proc.stop()


def test_control_plane_killed_during_a_load_resumes_and_loads_once(temporal, tmp_path):
    artifact = SlowArtifactServer((ROOT / "samples/models/add10/1/model.onnx").read_bytes(), delay_s=6)
    control_port = free_port()
    control_addr = f"127.0.0.1:{control_port}"
    control_args = ["control", "--temporal", temporal, "--port", str(control_port),
                    "--data-dir", str(tmp_path / "control-data")]
    control = Proc("control-1", control_args, tmp_path)
    agent = Proc("agent", ["agent", "--server", "mlserver", "--replica", "0", "--control", control_addr,
                           "--cache-dir", str(tmp_path / "cache")], tmp_path)
    try:
        control.wait_for_output("listening on")
        agent.wait_for_output("serving on")
        manifest = tmp_path / "add10.yaml"
        manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: add10\n"
                            f"spec:\n  storageUri: {artifact.url}\n  requirements: [onnx]\n")
        applied = cli(control_addr, "model", "load", "-f", str(manifest))
        assert applied.returncode == 0, applied.stderr

        assert artifact.started.wait(60), "the agent never started fetching the artifact"
        control.kill9()  # mid-load: the agent is still downloading

        control = Proc("control-2", control_args, tmp_path)
        control.wait_for_output("listening on")
        await_true(lambda: available_replicas(control_addr, "add10"), "add10 ModelAvailable after the restart")

        assert artifact.fetches == 1
        assert agent.text().count("Loaded model add10_1") == 1, agent.text()
        infer = cli(control_addr, "model", "infer", "add10", IRIS_REQUEST, "--direct")
        assert infer.returncode == 0, infer.stderr
        assert json.loads(infer.stdout)["outputs"][0]["data"] == [11, 12, 13, 14]
    finally:
        agent.stop()
        control.stop()
        artifact.close()


def test_killed_agent_replicas_are_placed_on_the_remaining_ones(temporal, tmp_path):
    control_port = free_port()
    control_addr = f"127.0.0.1:{control_port}"
    control = Proc("control", ["control", "--temporal", temporal, "--port", str(control_port)], tmp_path)
    agents = []
    try:
        control.wait_for_output("listening on")
        agents = [Proc(f"agent-{i}", ["agent", "--server", "mlserver", "--replica", str(i),
                                      "--control", control_addr, "--cache-dir", str(tmp_path / f"cache-{i}")],
                       tmp_path) for i in range(3)]
        for a in agents:
            a.wait_for_output("serving on")
        manifest = tmp_path / "add10.yaml"
        manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: add10\n"
                            "spec:\n  storageUri: samples/models/add10\n  requirements: [onnx]\n  replicas: 2\n")
        assert cli(control_addr, "model", "load", "-f", str(manifest)).returncode == 0
        before = await_true(lambda: (r := available_replicas(control_addr, "add10")) and len(r) == 2 and r,
                            "add10 Available on 2 replicas")

        victim = sorted(before)[0][1]
        agents[victim].kill9()

        after = await_true(
            lambda: (r := available_replicas(control_addr, "add10")) and len(r) == 2
            and all(i != victim for _, i in r) and r,
            "add10 Available on 2 live replicas")
        assert ("mlserver", victim) not in after
        infer = cli(control_addr, "model", "infer", "add10", IRIS_REQUEST, "--direct")
        assert infer.returncode == 0, infer.stderr
    finally:
        for a in agents:
            a.stop()
        control.stop()
