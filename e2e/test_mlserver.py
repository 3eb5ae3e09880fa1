"""Real MLServer behind `trantor up --mlserver`: Seldon's sample manifests, verbatim, on the local mirror.

One `trantor up` is shared by the module (MLServer takes seconds to start): the `mlserver`
server's replica runs a real MLServer from the .venv; every model loads from
samples/seldon-mirror through `--storage-rewrite gs://seldon-models/=...`.
"""

import json
import os
import subprocess
import threading
import urllib.error
import urllib.request
from collections import Counter

import numpy as np
import pytest
import tritonclient.grpc as grpcclient

from processes import ROOT, TRANTOR, Proc, await_true, cli, free_port

SELDON = ROOT.parent / "shared" / "seldon-samples"
MIRROR = ROOT / "samples" / "seldon-mirror"
IRIS = {"inputs": [{"name": "predict", "shape": [1, 4], "datatype": "FP32", "data": [[1, 2, 3, 4]]}]}


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """`trantor up --mlserver` with Seldon's iris and iris2 loaded; yields (control, gateway, tmp)."""
    tmp = tmp_path_factory.mktemp("mlserver")
    control, temporal, gateway, kafka = free_port(), free_port(), free_port(), free_port()
    # 250Ki holds two of the 100Ki models of the overcommit test; +100% lets a third register.
    proc = Proc("up", ["up", "--mlserver", "--control-port", str(control), "--temporal-port", str(temporal),
                       "--gateway-port", str(gateway), "--kafka-port", str(kafka),
                       "--server-memory", "250Ki", "--overcommit", "100",
                       "--storage-rewrite", f"gs://seldon-models/={MIRROR}/"], tmp)
    try:
        proc.wait_for_output("trantor up: ready in", deadline_s=180)
        assert "replicas run MLServer" in proc.text()
        control_addr = f"127.0.0.1:{control}"
        for manifest in ("sklearn1.yaml", "sklearn2.yaml"):
            loaded = cli(control_addr, "model", "load", "-f", str(SELDON / "models" / manifest), "--wait")
            assert loaded.returncode == 0, loaded.stderr + proc.text()[-3000:]
        yield control_addr, f"127.0.0.1:{gateway}", tmp
    finally:
        proc.stop()


def post(gateway, model, body, headers=None):
    """POSTs an OIP request through the gateway; returns (status, JSON body)."""
    request = urllib.request.Request(
        f"http://{gateway}/v2/models/{model}/infer", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Seldon-Model": model, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}"), e.headers


def outputs(body):
    return {o["name"]: o["data"] for o in body["outputs"]}


def iris(gateway, model="iris", headers=None):
    status, body, response_headers = post(gateway, model, IRIS, headers)
    assert status == 200, body
    assert outputs(body)["predict"] == [2]
    return body["model_name"], response_headers.get("x-seldon-route")


def infer_total(gateway, model):
    with urllib.request.urlopen(f"http://{gateway}/metrics", timeout=30) as response:
        text = response.read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("seldon_model_infer_total{") and f'model="{model}"' in line)


def test_iris_answers_over_rest_and_grpc_through_the_gateway(up):
    _, gateway, _ = up
    status, body, _ = post(gateway, "iris", IRIS)
    assert status == 200
    assert body["model_name"] == "iris_1" and body["model_version"] == "1"
    assert body["outputs"] == [{"name": "predict", "datatype": "INT64", "shape": [1, 1],
                                "parameters": {"content_type": "np"}, "data": [2]}]

    client = grpcclient.InferenceServerClient(url=gateway)
    features = grpcclient.InferInput("input", [1, 4], "FP32")
    features.set_data_from_numpy(np.array([[1, 2, 3, 4]], dtype=np.float32))
    result = client.infer("iris", [features], headers={"seldon-model": "iris"})
    assert result.as_numpy("predict").tolist() == [[2]]
    assert result.get_response().model_name == "iris_1"


def test_seldon_ab_experiment_verbatim(up):
    control, gateway, _ = up
    started = cli(control, "experiment", "start", "-f", str(SELDON / "experiments" / "ab-default-model.yaml"), "--wait")
    assert started.returncode == 0, started.stderr
    try:
        counts = Counter(iris(gateway)[0] for _ in range(200))
        assert set(counts) == {"iris_1", "iris2_1"}
        assert 60 <= counts["iris_1"] <= 140, counts  # 50/50 of 200, over 5 standard deviations wide
        model, route = iris(gateway)
        assert route and f":{model}:" in route
        assert {iris(gateway, headers={"x-seldon-route": route})[0] for _ in range(20)} == {model}
    finally:
        stopped = cli(control, "experiment", "stop", "experiment-sample")
    assert stopped.returncode == 0, stopped.stderr
    await_true(lambda: {iris(gateway)[0] for _ in range(10)} == {"iris_1"}, "plain routing to iris after stop")


def test_seldon_mirror_experiment_verbatim(up):
    control, gateway, _ = up
    started = cli(control, "experiment", "start", "-f", str(SELDON / "experiments" / "sklearn-mirror.yaml"), "--wait")
    assert started.returncode == 0, started.stderr
    try:
        before = infer_total(gateway, "iris2")
        assert {iris(gateway)[0] for _ in range(30)} == {"iris_1"}
        await_true(lambda: infer_total(gateway, "iris2") - before >= 30, "30 mirrored requests counted for iris2")
    finally:
        cli(control, "experiment", "stop", "sklearn-mirror")


def test_mirrored_sklearn_xgboost_lightgbm_and_custom_runtimes_load_verbatim(up):
    control, gateway, _ = up
    for manifest in ("income.yaml", "income-xgb.yaml", "income-lgb.yaml", "moviesentiment.yaml", "choice1.yaml"):
        loaded = cli(control, "model", "load", "-f", str(SELDON / "models" / manifest), "--wait")
        assert loaded.returncode == 0, f"{manifest}: {loaded.stderr}"
    features = [47, 4, 1, 1, 1, 3, 4, 1, 0, 0, 40, 9]

    status, body, _ = post(gateway, "income", {"inputs": [
        {"name": "predict", "shape": [1, 12], "datatype": "FP32", "data": [features]}]})
    assert (status, body["model_name"], outputs(body)["predict"]) == (200, "income_1", [0])

    names = ["Age", "Workclass", "Education", "Marital Status", "Occupation", "Relationship", "Race", "Sex",
             "Capital Gain", "Capital Loss", "Hours per week", "Country"]
    columns = {"parameters": {"content_type": "pd"}, "inputs": [
        {"name": n, "shape": [1, 1], "datatype": "INT64", "data": [v]} for n, v in zip(names, features)]}
    for model, datatype in (("income-xgb", "FP32"), ("income-lgb", "FP64")):
        status, body, _ = post(gateway, model, columns)
        assert status == 200, body
        predict = next(o for o in body["outputs"] if o["name"] == "predict")
        assert predict["datatype"] == datatype and len(predict["data"]) == 1, body

    status, body, _ = post(gateway, "sentiment", {"parameters": {"content_type": "str"}, "inputs": [
        {"name": "foo", "data": ["I am good"], "datatype": "BYTES", "shape": [1]}]})
    assert (status, outputs(body)["predict"]) == (200, [0])

    status, body, _ = post(gateway, "choice-is-one", {"inputs": [
        {"name": "choice", "shape": [1], "datatype": "INT32", "data": [1]}]})
    assert status == 200 and set(outputs(body)) == {"choice", "status"}, body
    status, body, _ = post(gateway, "choice-is-one", {"inputs": [
        {"name": "choice", "shape": [1], "datatype": "INT32", "data": [2]}]})
    assert status == 200 and set(outputs(body)) == {"status"}, body

    for manifest in ("hf-sentiment-input-transform.yaml", "hf-sentiment-output-transform.yaml"):
        loaded = cli(control, "model", "load", "-f", str(SELDON / "models" / manifest), "--wait")
        assert loaded.returncode == 0, f"{manifest}: {loaded.stderr}"
    status, body, _ = post(gateway, "sentiment-input-transform", {"inputs": [
        {"name": "transcription", "shape": [1], "datatype": "BYTES", "data": ['{"text": "what a lovely day"}']}]})
    assert (status, outputs(body)["args"]) == (200, ["what a lovely day"]), body
    status, body, _ = post(gateway, "sentiment-output-transform", {"inputs": [
        {"name": "output", "shape": [2], "datatype": "BYTES",
         "data": ['{"label": "POSITIVE", "score": 0.99}', '{"label": "NEGATIVE", "score": 0.8}']}]})
    assert (status, outputs(body)["sentiment"]) == (200, [1, 0]), body

    for name in ("income", "income-xgb", "income-lgb", "sentiment", "choice-is-one",
                 "sentiment-input-transform", "sentiment-output-transform"):
        assert cli(control, "model", "unload", name).returncode == 0


def test_rolling_update_to_a_new_version_fails_no_request(up):
    control, gateway, _ = up
    failures, answered_by, stop = [], Counter(), threading.Event()

    def traffic():
        while not stop.is_set():
            status, body, _ = post(gateway, "iris", IRIS)
            if status != 200 or outputs(body).get("predict") != [2]:
                failures.append((status, body))
            else:
                answered_by[body["model_name"]] += 1

    worker = threading.Thread(target=traffic, daemon=True)
    worker.start()
    try:
        await_true(lambda: answered_by["iris_1"] > 0, "traffic on iris_1")
        updated = cli(control, "model", "load", "-f", str(SELDON / "models" / "iris-v2.yaml"), "--wait")
        assert updated.returncode == 0, updated.stderr
        await_true(lambda: answered_by["iris_2"] >= 20, "traffic moved to the new version iris_2", deadline_s=120)
    finally:
        stop.set()
        worker.join(timeout=60)
    assert failures == []


def test_overcommit_three_models_on_a_replica_that_holds_two_all_answer(up):
    control, gateway, tmp = up
    for name in ("iris-a", "iris-b", "iris-c"):
        manifest = tmp / f"{name}.yaml"
        manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n"
                            f"  name: {name}\nspec:\n  storageUri: gs://seldon-models/mlserver/iris\n"
                            "  requirements: [sklearn]\n  memory: 100Ki\n")
        loaded = cli(control, "model", "load", "-f", str(manifest), "--wait")
        assert loaded.returncode == 0, loaded.stderr
    for _ in range(2):  # each round evicts the least recently used one and reloads it on demand
        for name in ("iris-a", "iris-b", "iris-c"):
            assert iris(gateway, name)[0] == f"{name}_1"
    status = cli(control, "server", "status", "mlserver")
    assert status.returncode == 0 and "iris-c" in status.stdout, status.stdout + status.stderr
    for name in ("iris-a", "iris-b", "iris-c"):
        assert cli(control, "model", "unload", name).returncode == 0


def test_unloaded_model_no_longer_answers(up):
    control, gateway, _ = up
    assert cli(control, "model", "unload", "iris2").returncode == 0
    await_true(lambda: post(gateway, "iris2", IRIS)[0] == 404, "iris2 answering 404 once unloaded")


def test_missing_mlserver_is_one_clear_line_not_a_crash(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TRANTOR_MLSERVER"}
    env["PATH"] = "/usr/bin:/bin"
    result = subprocess.run([TRANTOR, "up", "--mlserver", "--control-port", str(free_port())], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr  # invalid input, not a crash
    assert "MLServer is not installed" in result.stderr
    assert "Exception" not in result.stderr and "\tat " not in result.stderr


def test_seldon_choice_pipeline_routes_by_a_pandas_query_verbatim(up):
    """Seldon's choice.yaml: MLServer pandasquery models gate Triton python-backend steps as triggers."""
    control, gateway, _ = up
    for manifest in ("choice1.yaml", "choice2.yaml", "mul10.yaml", "add10.yaml"):
        loaded = cli(control, "model", "load", "-f", str(SELDON / "models" / manifest), "--wait")
        assert loaded.returncode == 0, f"{manifest}: {loaded.stderr}"
    loaded = cli(control, "pipeline", "load", "-f", str(SELDON / "pipelines" / "choice.yaml"))
    assert loaded.returncode == 0, loaded.stderr
    ready = cli(control, "pipeline", "status", "choice", "-w", "PipelineReady", "--timeout", "120")
    assert ready.returncode == 0, ready.stdout + ready.stderr
    for choice, expected in ((1, [10, 20, 30, 40]), (2, [11, 12, 13, 14])):
        body = {"inputs": [{"name": "choice", "shape": [1], "datatype": "INT32", "data": [choice]},
                           {"name": "INPUT", "shape": [4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}
        status, answer, _ = post(gateway, "choice", body, headers={"Seldon-Model": "choice.pipeline"})
        assert status == 200, answer
        assert outputs(answer) == {"OUTPUT": expected}, answer
    assert cli(control, "pipeline", "unload", "choice").returncode == 0
    for name in ("choice-is-one", "choice-is-two", "mul10", "add10"):
        assert cli(control, "model", "unload", name).returncode == 0
