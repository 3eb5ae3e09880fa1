"""Drain (#19): scaling a Server down moves its models off the leaving replica before it stops.

`trantor up` with 2 replicas per server; 6 ONNX models (they land on `triton`, the server whose
Seldon ServerConfig claims onnx) under a closed loop of 8 clients through the gateway; `triton`
is then applied with `replicas: 1`. No request may fail, and every model ends Available on the
replica that stays.
"""

import http.client
import json
import threading
import time

import pytest

from processes import Proc, cli, free_port

MODELS = [f"drain-m{i}" for i in range(6)]
CLIENTS = 8
BODY = json.dumps({"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [[1, 2, 3, 4]]}]})


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """Runs `trantor up` (2 replicas per server) on free ports; yields (control, gateway) addresses."""
    control, gateway = free_port(), free_port()
    process = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(free_port()),
                          "--gateway-port", str(gateway), "--kafka-port", str(free_port()), "--replicas", "2"],
                   tmp_path_factory.mktemp("drain"))
    try:
        process.wait_for_output("trantor up: ready in")
        yield f"127.0.0.1:{control}", f"127.0.0.1:{gateway}"
    finally:
        process.stop()


def trantor(control, *args, check=True, timeout=240):
    completed = cli(control, *args, timeout=timeout)
    if check and completed.returncode != 0:
        pytest.fail(f"trantor {' '.join(args)} exited {completed.returncode}:\n"
                    f"{completed.stdout}\n{completed.stderr}")
    return completed


class ClosedLoop:
    """CLIENTS threads, each sending the next request as soon as the previous one answered."""

    def __init__(self, gateway):
        self.host, self.port = gateway.split(":")
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.ok = 0
        self.failures = []
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(CLIENTS)]

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=30)

    def counts(self):
        with self.lock:
            return self.ok, list(self.failures)

    def _client(self, index):
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=10)
        n = index
        while not self.stop.is_set():
            model = MODELS[n % len(MODELS)]
            n += 1
            try:
                connection.request("POST", f"/v2/models/{model}/infer", body=BODY,
                                   headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                payload = response.read()
                failed = None if response.status == 200 else f"{model}: HTTP {response.status} {payload[:200]!r}"
            except (OSError, http.client.HTTPException) as e:
                failed = f"{model}: {e!r}"
                connection.close()
                connection = http.client.HTTPConnection(self.host, int(self.port), timeout=10)
            with self.lock:
                if failed is None:
                    self.ok += 1
                else:
                    self.failures.append(failed)
        connection.close()


def _server_replicas(control, name):
    status = json.loads(trantor(control, "server", "status", name, "-o", "json").stdout)
    return status["server"].get("replicas", [])


def test_scaling_a_server_down_drains_its_leaving_replica_without_a_failed_request(up, tmp_path):
    control, gateway = up
    manifest = tmp_path / "models.yaml"
    manifest.write_text("---\n".join(
        f"apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: {m}\n"
        f"spec:\n  storageUri: samples/models/iris\n  requirements:\n  - onnx\n" for m in MODELS))
    trantor(control, "model", "load", "-f", str(manifest))
    placed = {}
    for m in MODELS:
        status = json.loads(trantor(control, "model", "status", m, "-w", "ModelAvailable", "-o", "json").stdout)
        placed[m] = {(r["server"], r["replicaIndex"]) for r in status["model"]["replicas"] if r["state"] == "Available"}
    leaving = [m for m, where in placed.items() if ("triton", 1) in where]
    assert leaving, f"no model on triton replica 1 to drain: {placed}"

    scale_down = tmp_path / "triton-1.yaml"
    scale_down.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Server\nmetadata:\n  name: triton\n"
                          "spec:\n  serverConfig: triton\n  replicas: 1\n")
    with ClosedLoop(gateway) as load:
        deadline = time.monotonic() + 30
        while load.counts()[0] < 200:  # the loop runs before the scale-down starts
            assert time.monotonic() < deadline, f"the closed loop did not get going: {load.counts()}"
            time.sleep(0.05)
        trantor(control, "apply", "-f", str(scale_down))
        before = load.counts()[0]
        deadline = time.monotonic() + 30
        while load.counts()[0] < before + 200:  # and goes on once the replica has stopped
            assert time.monotonic() < deadline, f"the closed loop stalled after the scale-down: {load.counts()}"
            time.sleep(0.05)
    ok, failures = load.counts()

    assert failures == [], f"{len(failures)} of {ok + len(failures)} requests failed, e.g. {failures[:5]}"
    for m in MODELS:
        status = json.loads(trantor(control, "model", "status", m, "-o", "json").stdout)
        assert status["state"] == "ModelAvailable", status
        where = {(r["server"], r["replicaIndex"]) for r in status["model"]["replicas"]}
        assert where == {("triton", 0)}, f"{m} is on {where}"
    assert [r["replicaIndex"] for r in _server_replicas(control, "triton")] == [0]


def test_draining_an_unknown_server_or_replica_is_a_one_line_error(up):
    control, _ = up
    unknown_replica = trantor(control, "server", "drain", "triton", "--replica", "7", check=False, timeout=60)
    assert unknown_replica.returncode == 3, unknown_replica
    assert unknown_replica.stderr.strip().count("\n") == 0 and "replica 7" in unknown_replica.stderr

    unknown_server = trantor(control, "server", "drain", "nosuch", "--replica", "0", check=False, timeout=60)
    assert unknown_server.returncode == 3, unknown_server
    assert unknown_server.stderr.strip().count("\n") == 0 and "nosuch" in unknown_server.stderr
