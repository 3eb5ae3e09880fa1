"""The user flow of the control plane: `trantor up`, then `trantor model load|status|infer|unload`."""

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRANTOR = str(ROOT / "bin" / "trantor")
READY_DEADLINE_S = 90
GATEWAY = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """Runs `trantor up` on free ports; yields the control-plane address."""
    control, temporal, gateway, kafka = _free_port(), _free_port(), _free_port(), _free_port()
    data = tmp_path_factory.mktemp("up")
    log = data / "up.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [TRANTOR, "up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
             "--gateway-port", str(gateway), "--kafka-port", str(kafka),
             "--replicas", "2", "--data-dir", str(data / "data")],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + READY_DEADLINE_S
        while "trantor up: ready in" not in log.read_text(errors="replace"):
            if process.poll() is not None:
                pytest.fail(f"trantor up exited with {process.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"trantor up not ready after {READY_DEADLINE_S}s:\n{log.read_text()}")
            time.sleep(0.1)  # polling a condition with a deadline
        GATEWAY["address"] = f"127.0.0.1:{gateway}"
        yield f"127.0.0.1:{control}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("trantor up did not stop within 30s of SIGTERM")


def trantor(up, *args, check=True, timeout=180):
    completed = subprocess.run([TRANTOR, *args, "--control", up], cwd=ROOT, capture_output=True,
                               text=True, timeout=timeout)
    if check and completed.returncode != 0:
        pytest.fail(f"trantor {' '.join(args)} exited {completed.returncode}:\n"
                    f"{completed.stdout}\n{completed.stderr}")
    return completed


def test_default_servers_are_listed(up):
    listing = json.loads(trantor(up, "server", "list", "-o", "json").stdout)
    names = {item["ref"]["name"]: item for item in listing["items"]}
    assert {"mlserver", "triton"} <= names.keys()
    assert names["mlserver"]["server"]["readyReplicas"] == 2


def test_load_wait_infer_unload_iris(up, tmp_path):
    trantor(up, "model", "load", "-f", "samples/manifests/iris.yaml")
    status = trantor(up, "model", "status", "iris", "-w", "ModelAvailable", "-o", "json")
    assert json.loads(status.stdout)["state"] == "ModelAvailable"

    body = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}]}'
    gateway = GATEWAY["address"]
    response = json.loads(trantor(up, "model", "infer", "iris", body, "--inference-host", gateway).stdout)
    assert response["model_name"] == "iris_1"
    assert {o["name"]: o["data"] for o in response["outputs"]}["predict"] == [2]

    grpc = json.loads(trantor(up, "model", "infer", "iris", body, "--grpc", "--inference-host", gateway).stdout)
    assert {o["name"]: o["data"] for o in grpc["outputs"]}["predict"] == [2]

    # Seldon's CLI spelling: --inference-mode grpc, -i N (one answer per line), --header key=value
    seldon_form = trantor(up, "model", "infer", "iris", body, "--inference-mode", "grpc", "-i", "2",
                          "--header", "x-request-id=seldon-form-1", "--inference-host", gateway).stdout
    answers = [json.loads(line) for line in seldon_form.splitlines() if line.strip()]
    assert len(answers) == 2 and all({o["name"]: o["data"] for o in a["outputs"]}["predict"] == [2] for a in answers)
    bad_mode = trantor(up, "model", "infer", "iris", body, "--inference-mode", "soap", check=False)
    assert bad_mode.returncode != 0 and "--inference-mode" in bad_mode.stderr

    direct = json.loads(trantor(up, "model", "infer", "iris", body, "--direct").stdout)
    assert {o["name"]: o["data"] for o in direct["outputs"]}["predict"] == [2]

    # any OIP client through the gateway: curl with Seldon's routing header
    header_file = tmp_path / "headers.txt"
    curl = subprocess.run(["curl", "-s", "-D", str(header_file), "-H", "Content-Type: application/json",
                           "-H", "Seldon-Model: iris", "-d", body, f"http://{gateway}/v2/models/iris/infer"],
                          capture_output=True, text=True, timeout=30, check=True)
    headers, payload = header_file.read_text(), curl.stdout
    assert " 200" in headers.splitlines()[0]
    assert "x-seldon-route: :iris_1:" in headers.lower()
    assert "x-request-id:" in headers.lower()
    assert {o["name"]: o["data"] for o in json.loads(payload)["outputs"]}["predict"] == [2]

    listed = trantor(up, "model", "list").stdout
    assert "iris" in listed and "ModelAvailable" in listed

    trantor(up, "model", "unload", "iris")
    gone = trantor(up, "model", "status", "iris", check=False)
    assert gone.returncode != 0 or "ModelTerminat" in gone.stdout


def test_two_replicas_of_simple_are_placed_on_two_server_replicas(up, tmp_path):
    manifest = tmp_path / "simple2.yaml"
    manifest.write_text((ROOT / "samples/manifests/simple.yaml").read_text().replace(
        "spec:\n", "spec:\n  replicas: 2\n"))
    trantor(up, "model", "load", "-f", str(manifest))
    status = json.loads(trantor(up, "model", "status", "simple", "-w", "ModelAvailable", "-o", "json").stdout)
    replicas = status["model"]["replicas"]
    assert len({(r["server"], r["replicaIndex"]) for r in replicas if r["state"] == "Available"}) == 2


def test_bad_manifest_is_rejected_with_the_field_path(up, tmp_path):
    manifest = tmp_path / "bad.yaml"
    manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: Bad.Name\n"
                        "spec:\n  storageUri: samples/models/iris\n  replicas: -1\n")
    completed = trantor(up, "apply", "-f", str(manifest), check=False)
    assert completed.returncode == 2
    assert "metadata.name" in completed.stderr
    assert "spec.replicas" in completed.stderr


def test_status_of_unknown_model_is_a_clear_error(up):
    completed = trantor(up, "model", "status", "no-such-model", check=False)
    assert completed.returncode == 3
    assert "no-such-model" in completed.stderr


def test_seldon_scripts_run_as_written_with_bin_seldon(up, tmp_path):
    """Seldon's CLI name, verbs, flags, config files and environment, against `trantor up`."""
    seldon = str(ROOT / "bin" / "seldon")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRANTOR_CONTROL", "TRANTOR_INFER", "SELDON_"))}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")

    def run(*args, check=True, extra_env=None):
        done = subprocess.run([seldon, *args], cwd=ROOT, capture_output=True, text=True, timeout=180,
                              env={**env, **(extra_env or {})})
        if check and done.returncode != 0:
            pytest.fail(f"seldon {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    # A config file in Seldon's format names the control plane and the gateway.
    config = tmp_path / "local.json"
    config.write_text(json.dumps({"controlplane": {"schedulerHost": up}, "dataplane": {"inferHost": GATEWAY["address"]}}))
    run("config", "add", "local", str(config))
    run("config", "activate", "local")
    listed = run("config", "list").stdout
    assert any(line.split()[0] == "local" and line.rstrip().endswith("*") for line in listed.splitlines()[1:]), listed

    manifest = tmp_path / "iris-seldon.yaml"
    manifest.write_text((ROOT / "samples/manifests/iris.yaml").read_text().replace("name: iris", "name: iris-seldon"))
    run("load", "-f", str(manifest), "--force")
    status = json.loads(run("status", "-f", str(manifest), "-w", "-o", "json").stdout)
    assert status["state"] == "ModelAvailable"
    body = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}]}'
    answer = json.loads(run("model", "infer", "iris-seldon", body, "--inference-mode", "grpc").stdout)
    assert answer["model_name"] == "iris-seldon_1"

    # Without a config, Seldon's environment and --scheduler-host say where the scheduler is.
    run("config", "deactivate", "local")
    assert "iris-seldon" in run("model", "list", extra_env={"SELDON_SCHEDULE_HOST": up}).stdout
    run("config", "remove", "local")
    assert "iris-seldon" in run("model", "list", "--scheduler-host", up).stdout
    run("unload", "-f", str(manifest), "--force", "--scheduler-host", up)

    unknown = run("config", "activate", "nope", check=False)
    assert unknown.returncode == 3
    assert unknown.stderr.strip().splitlines() == ["trantor: config nope not found: add it first (trantor config add nope FILE)"]
