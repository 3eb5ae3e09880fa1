"""`trantor up --temporal dev`: the real Temporal dev server, durable and visible to Temporal's tools."""

import json
import os
import subprocess

import pytest

from processes import ROOT, Proc, await_true, cli, free_port


@pytest.fixture(scope="module")
def temporal_cli():
    path = os.environ.get("TRANTOR_TEMPORAL_CLI")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("TRANTOR_TEMPORAL_CLI must name the `temporal` binary (bin/test-all builds it with go install)")
    return path


def test_models_survive_a_restart_and_show_in_temporal_workflow_list(temporal_cli, tmp_path):
    control_port, temporal_port, ui_port, gateway_port = free_port(), free_port(), free_port(), free_port()
    control = f"127.0.0.1:{control_port}"
    args = ["up", "--mlserver=off", "--temporal", "dev", "--temporal-cli", temporal_cli, "--temporal-port", str(temporal_port),
            "--temporal-ui-port", str(ui_port), "--control-port", str(control_port), "--gateway-port", str(gateway_port),
            "--data-dir", str(tmp_path / "data")]

    first = Proc("up-1", args, tmp_path)
    try:
        first.wait_for_output("trantor up: ready in", deadline_s=120)
        assert cli(control, "model", "load", "-f", "samples/manifests/iris.yaml").returncode == 0
        waited = cli(control, "model", "status", "iris", "-w", "ModelAvailable")
        assert waited.returncode == 0, waited.stderr

        listing = subprocess.run(
            [temporal_cli, "workflow", "list", "--address", f"127.0.0.1:{temporal_port}", "--output", "json"],
            capture_output=True, text=True, timeout=60, check=True)
        ids = [w.get("execution", {}).get("workflowId") or w.get("execution", {}).get("workflow_id")
               for w in json.loads(listing.stdout or "[]")]
        assert "default/Model/iris" in ids, listing.stdout
    finally:
        first.stop()

    second = Proc("up-2", args, tmp_path)
    try:
        second.wait_for_output("trantor up: ready in", deadline_s=120)

        def iris_available():
            completed = cli(control, "model", "status", "iris", "-o", "json")
            return completed.returncode == 0 and json.loads(completed.stdout)["state"] == "ModelAvailable"

        await_true(iris_available, "iris ModelAvailable after the restart")
        body = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}]}'
        infer = cli(control, "model", "infer", "iris", body, "--inference-host", f"127.0.0.1:{gateway_port}")
        assert infer.returncode == 0, infer.stderr
        assert json.loads(infer.stdout)["outputs"][0]["data"] == [2]
    finally:
        second.stop()
