"""Seldon's scheduler API on `trantor up`'s control port, driven with grpcurl as Seldon's docs do.

grpcurl (built by bin/test-all into ~/.cache/trantor/go/bin, or $TRANTOR_GRPCURL) reads the
scheduler's proto from protocol/src/main/proto, the file Seldon users already pass with -proto.
"""

import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from processes import ROOT, Proc, await_true, free_port

PROTO_ROOT = ROOT / "protocol" / "src" / "main" / "proto"
SERVICE = "seldon.mlops.scheduler.Scheduler"


def grpcurl_binary():
    found = os.environ.get("TRANTOR_GRPCURL") or shutil.which("grpcurl")
    cached = Path.home() / ".cache" / "trantor" / "go" / "bin" / "grpcurl"
    found = found or (str(cached) if cached.exists() else None)
    assert found, "grpcurl not found: bin/test-all builds it (go install github.com/fullstorydev/grpcurl/cmd/grpcurl)"
    return found


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seldon-scheduler")
    control, temporal, gateway, kafka = free_port(), free_port(), free_port(), free_port()
    proc = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
                       "--gateway-port", str(gateway), "--kafka-port", str(kafka)], tmp)
    try:
        proc.wait_for_output("trantor up: ready in")
        yield f"127.0.0.1:{control}", f"127.0.0.1:{gateway}"
    finally:
        proc.stop()


def grpcurl(control, method, body=None, check=True):
    """Calls one scheduler RPC; returns (exit code, every JSON message it printed, stderr)."""
    args = [grpcurl_binary(), "-plaintext", "-import-path", str(PROTO_ROOT), "-proto", "mlops/scheduler/scheduler.proto"]
    if body is not None:
        args += ["-d", json.dumps(body)]
    done = subprocess.run([*args, control, f"{SERVICE}/{method}"], capture_output=True, text=True, timeout=60)
    if check:
        assert done.returncode == 0, f"{method}: {done.stdout}\n{done.stderr}"
    messages, text, decoder = [], done.stdout.strip(), json.JSONDecoder()
    while text:
        message, end = decoder.raw_decode(text)
        messages.append(message)
        text = text[end:].strip()
    return done.returncode, messages, done.stderr


def infer_iris(gateway, seldon_model="iris"):
    request = urllib.request.Request(
        f"http://{gateway}/v2/models/iris/infer",
        data=json.dumps({"inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 4],
                                     "data": [1, 2, 3, 4]}]}).encode(),
        headers={"Content-Type": "application/json", "Seldon-Model": seldon_model})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def test_load_status_infer_and_unload_a_model_through_the_scheduler_api(up):
    control, gateway = up
    # The request of Seldon's docs, with Trantor's sample ONNX iris as the artifact.
    grpcurl(control, "LoadModel", {"model": {
        "meta": {"name": "iris"},
        "modelSpec": {"uri": str(ROOT / "samples" / "models" / "iris"), "requirements": ["onnx"], "memoryBytes": 500},
        "deploymentSpec": {"replicas": 1}}})

    def available():
        _, messages, _ = grpcurl(control, "ModelStatus", {"subscriberName": "e2e", "model": {"name": "iris"}})
        state = messages[0]["versions"][0]["state"]
        return messages[0] if state.get("state") == "ModelAvailable" else None

    status = await_true(available, "iris to be ModelAvailable in ModelStatus", deadline_s=120)
    version = status["versions"][0]
    assert status["modelName"] == "iris"
    assert version["version"] == 1
    assert version["state"]["availableReplicas"] == 1
    assert version["modelReplicaState"]["0"]["state"] == "Available"
    assert version["modelDefn"]["modelSpec"]["requirements"] == ["onnx"]
    code, body = infer_iris(gateway)
    assert code == 200 and body["model_name"] == "iris_1", body

    _, servers, _ = grpcurl(control, "ServerStatus", {"subscriberName": "e2e"})
    by_name = {s["serverName"]: s for s in servers}
    assert {"mlserver", "triton"} <= set(by_name), by_name
    assert by_name[version["serverName"]]["numLoadedModelReplicas"] == 1

    _, scheduler, _ = grpcurl(control, "SchedulerStatus", {"subscriberName": "e2e"})
    assert scheduler[0]["applicationVersion"]

    grpcurl(control, "UnloadModel", {"model": {"name": "iris"}})

    def gone():
        code, messages, _ = grpcurl(control, "ModelStatus", {"subscriberName": "e2e", "model": {"name": "iris"}},
                                    check=False)
        return code != 0 or (messages[0].get("deleted")
                             and messages[0]["versions"][0]["state"]["state"] == "ModelTerminated")

    await_true(gone, "iris to be unloaded (ModelTerminated, deleted) or gone")


def test_pipelines_and_experiments_through_the_scheduler_api(up):
    control, gateway = up
    for name in ("iris", "iris2"):
        grpcurl(control, "LoadModel", {"model": {
            "meta": {"name": name},
            "modelSpec": {"uri": str(ROOT / "samples" / "models" / "iris"), "requirements": ["onnx"]},
            "deploymentSpec": {"replicas": 1}}})
    grpcurl(control, "LoadPipeline", {"pipeline": {
        "name": "iris-pipeline", "steps": [{"name": "iris"}], "output": {"steps": ["iris"]}}})

    def pipeline_ready():
        _, messages, _ = grpcurl(control, "PipelineStatus", {"subscriberName": "e2e", "name": "iris-pipeline"})
        state = messages[0]["versions"][0]["state"]
        return messages[0] if state.get("status") == "PipelineReady" and state.get("modelsReady") else None

    pipeline = await_true(pipeline_ready, "iris-pipeline to be PipelineReady with its models", deadline_s=120)
    # Seldon's scheduler shows output steps as <step>.outputs.
    assert pipeline["versions"][0]["pipeline"]["output"]["steps"] == ["iris.outputs"]
    code, body = infer_iris(gateway, "iris-pipeline.pipeline")
    assert code == 200 and body["model_name"] == "", body

    grpcurl(control, "StartExperiment", {"experiment": {
        "name": "experiment-sample", "default": "iris",
        "candidates": [{"name": "iris", "weight": 50}, {"name": "iris2", "weight": 50}]}})

    def active():
        _, messages, _ = grpcurl(control, "ExperimentStatus", {"subscriberName": "e2e", "name": "experiment-sample"})
        return messages[0] if messages[0].get("active") else None

    experiment = await_true(active, "experiment-sample to be active", deadline_s=120)
    assert experiment["statusDescription"] == "experiment active"
    answered = {infer_iris(gateway)[1]["model_name"] for _ in range(40)}
    assert answered == {"iris_1", "iris2_1"}

    grpcurl(control, "StopExperiment", {"name": "experiment-sample"})
    grpcurl(control, "UnloadPipeline", {"name": "iris-pipeline"})


def test_refusals_answer_with_seldons_code_and_a_reason(up):
    control, _ = up
    code, _, stderr = grpcurl(control, "UnloadModel", {"model": {"name": "nope"}}, check=False)
    assert code != 0
    assert "Code: FailedPrecondition" in stderr and "model nope not found" in stderr, stderr

    code, _, stderr = grpcurl(control, "LoadModel", {"model": {"meta": {"name": "Bad.Name"},
                                                               "modelSpec": {"uri": "gs://x/y"}}}, check=False)
    assert code != 0
    assert "Code: FailedPrecondition" in stderr and "metadata.name" in stderr, stderr
