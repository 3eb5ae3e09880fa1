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


def _children(pid):
    """Pids of the live child processes of `pid` (from /proc, as `ps --ppid` would list them)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry))
    return found


def _temporal_server_of(pid):
    for child in _children(pid):
        try:
            with open(f"/proc/{child}/cmdline", "rb") as cmdline:
                if b"start-dev" in cmdline.read():
                    return child
        except OSError:
            continue
    return None


def test_workflows_go_on_after_the_temporal_dev_server_is_killed(temporal_cli, tmp_path):
    """kill -9 of the dev server under `trantor up --temporal dev`: it is started again on its SQLite
    database, models keep serving meanwhile, and applies and deletes after it work (issue 12)."""
    control_port, temporal_port, ui_port, gateway_port = free_port(), free_port(), free_port(), free_port()
    control = f"127.0.0.1:{control_port}"
    gateway = f"127.0.0.1:{gateway_port}"
    args = ["up", "--mlserver=off", "--temporal", "dev", "--temporal-cli", temporal_cli, "--temporal-port", str(temporal_port),
            "--temporal-ui-port", str(ui_port), "--control-port", str(control_port), "--gateway-port", str(gateway_port),
            "--data-dir", str(tmp_path / "data")]
    iris_request = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}]}'

    def state(name):
        completed = cli(control, "model", "status", name, "-o", "json")
        return json.loads(completed.stdout).get("state") if completed.returncode == 0 else None

    up = Proc("up", args, tmp_path)
    try:
        up.wait_for_output("trantor up: ready in", deadline_s=120)
        assert cli(control, "model", "load", "-f", "samples/manifests/iris.yaml").returncode == 0
        assert cli(control, "model", "status", "iris", "-w", "ModelAvailable").returncode == 0
        server = await_true(lambda: _temporal_server_of(up.process.pid), "the temporal dev server child process")

        os.kill(server, 9)

        await_true(lambda: "starting it again" in up.text(), "trantor up noticing the dead dev server", deadline_s=30)
        # The route stays with the gateway while Temporal is away and after it is back.
        infer = cli(control, "model", "infer", "iris", iris_request, "--inference-host", gateway)
        assert infer.returncode == 0, infer.stderr
        await_true(lambda: _temporal_server_of(up.process.pid) not in (None, server), "a new dev server process")

        assert cli(control, "model", "load", "-f", "samples/manifests/add10.yaml").returncode == 0
        await_true(lambda: state("add10") == "ModelAvailable", "add10 ModelAvailable after the dev server came back")
        assert state("iris") == "ModelAvailable"
        assert cli(control, "delete", "-f", "samples/manifests/iris.yaml").returncode == 0
        await_true(lambda: state("iris") in (None, "ModelTerminated"), "iris deleted after the dev server came back")
        add10 = cli(control, "model", "infer", "add10",
                    '{"inputs":[{"name":"INPUT","shape":[4],"datatype":"FP32","data":[1,2,3,4]}]}',
                    "--inference-host", gateway)
        assert add10.returncode == 0, add10.stderr
        assert json.loads(add10.stdout)["outputs"][0]["data"] == [11, 12, 13, 14]
    finally:
        up.stop()
