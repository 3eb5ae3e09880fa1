"""Seldon's Triton python-backend Model manifests, verbatim, on `trantor up` against the local mirror.

The storage URIs (gs://seldon-models/...) are rewritten to samples/seldon-mirror/, where the
committed generator put Trantor's stand-ins for Seldon's model.py files; the built-in python
runtime runs them in Python worker processes (TRANTOR_PYTHON, set by bin/test-all).
"""

import json
import urllib.error
import urllib.request

import numpy as np
import pytest
import tritonclient.grpc as grpcclient
from tritonclient.utils import InferenceServerException

from processes import ROOT, Proc, await_true, cli, free_port

SELDON_MODELS = ROOT.parent / "shared" / "seldon-samples" / "models"
MIRROR = ROOT / "samples" / "seldon-mirror"


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """`trantor up` with the storage rewrite to the mirror; yields (control, gateway) addresses."""
    tmp = tmp_path_factory.mktemp("triton-python")
    control, temporal, gateway, kafka = free_port(), free_port(), free_port(), free_port()
    proc = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
                       "--gateway-port", str(gateway), "--kafka-port", str(kafka),
                       "--storage-rewrite", f"gs://seldon-models/={MIRROR}/"], tmp)
    try:
        # The full line: the embedded Kafka logs its own "ready in" earlier.
        proc.wait_for_output("trantor up: ready in")
        yield f"127.0.0.1:{control}", f"127.0.0.1:{gateway}"
    finally:
        proc.stop()


def load(control, manifest):
    loaded = cli(control, "model", "load", "-f", str(SELDON_MODELS / manifest), "--wait")
    assert loaded.returncode == 0, f"{manifest}: {loaded.stdout}\n{loaded.stderr}"


def infer(gateway, model, inputs):
    """POSTs an OIP REST request; returns (HTTP status, parsed JSON body)."""
    request = urllib.request.Request(
        f"http://{gateway}/v2/models/{model}/infer", data=json.dumps({"inputs": inputs}).encode(),
        headers={"Content-Type": "application/json", "Seldon-Model": model})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def four(name, values):
    return {"name": name, "datatype": "FP32", "shape": [4], "data": values}


def outputs(body):
    return {o["name"]: o["data"] for o in body["outputs"]}


def test_add10_and_mul10_answer_as_seldons(up):
    control, gateway = up
    load(control, "add10.yaml")
    load(control, "mul10.yaml")

    status, add10 = infer(gateway, "add10", [four("INPUT", [1, 2, 3, 4])])
    assert status == 200, add10
    assert add10["model_name"] == "add10_1"
    assert outputs(add10) == {"OUTPUT": [11, 12, 13, 14]}

    status, mul10 = infer(gateway, "mul10", [four("INPUT", [1, 2, 3, 4])])
    assert status == 200, mul10
    assert outputs(mul10) == {"OUTPUT": [10, 20, 30, 40]}

    # As in Seldon, requirements [triton, python] place them on the triton server only: the
    # mlserver server advertises Seldon's mlserver capabilities, which have no `triton`.
    for model in ("add10", "mul10"):
        shown = cli(control, "model", "status", model, "-o", "json")
        assert shown.returncode == 0, shown.stderr
        servers = {r["server"] for r in json.loads(shown.stdout)["model"]["replicas"]}
        assert servers == {"triton"}, f"{model} placed on {servers}"


SELDON_PIPELINES = ROOT.parent / "shared" / "seldon-samples" / "pipelines"
SELDON_EXPERIMENTS = ROOT.parent / "shared" / "seldon-samples" / "experiments"


def infer_pipeline(gateway, seldon_model, headers=None):
    """A REST infer for a pipeline (or a pipeline experiment); returns (OUTPUT data, x-seldon-route values)."""
    request = urllib.request.Request(
        f"http://{gateway}/v2/models/{seldon_model}/infer",
        data=json.dumps({"inputs": [four("INPUT", [1, 2, 3, 4])]}).encode(),
        headers={"Content-Type": "application/json", "Seldon-Model": seldon_model, **(headers or {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        return outputs(json.loads(response.read()))["OUTPUT"], response.headers.get_all("x-seldon-route") or []


def mirrored_outputs(control, pipeline, request_id):
    """What `pipeline inspect` shows on `pipeline`'s outputs topic for one request id."""
    shown = cli(control, "pipeline", "inspect", f"{pipeline}.outputs", "--request-id", request_id, "--offset", "20",
                "-o", "json")
    assert shown.returncode == 0, shown.stderr
    return [outputs(r["value"])["OUTPUT"] for r in json.loads(shown.stdout)]


def test_pipeline_experiments_split_stick_and_mirror_as_seldons(up):
    control, gateway = up
    load(control, "add10.yaml")
    load(control, "mul10.yaml")
    for pipeline in ("add10.yaml", "mul10.yaml"):
        loaded = cli(control, "pipeline", "load", "-f", str(SELDON_PIPELINES / pipeline), "--wait")
        assert loaded.returncode == 0, f"{pipeline}: {loaded.stdout}\n{loaded.stderr}"
    added, multiplied = [11, 12, 13, 14], [10, 20, 30, 40]
    assert infer_pipeline(gateway, "pipeline-add10.pipeline")[0] == added

    started = cli(control, "experiment", "start", "-f", str(SELDON_EXPERIMENTS / "addmul10.yaml"), "--wait")
    assert started.returncode == 0, f"{started.stdout}\n{started.stderr}"
    # Seldon's docs: requests for the default pipeline are split 50/50 between the candidates.
    answers = [infer_pipeline(gateway, "pipeline-add10.pipeline") for _ in range(40)]
    assert {tuple(data) for data, _ in answers} == {tuple(added), tuple(multiplied)}
    data, routes = next(a for a in answers if a[0] == multiplied)
    assert ":pipeline-mul10.pipeline:" in " ".join(routes), routes
    sticky = {tuple(infer_pipeline(gateway, "addmul10.experiment", {"x-seldon-route": ":pipeline-mul10.pipeline:"})[0])
              for _ in range(10)}
    assert sticky == {tuple(multiplied)}
    assert cli(control, "experiment", "stop", "addmul10").returncode == 0
    await_true(lambda: all(infer_pipeline(gateway, "pipeline-add10.pipeline")[0] == added for _ in range(10)),
               "plain routing to pipeline-add10 after the experiment stops")

    started = cli(control, "experiment", "start", "-f", str(SELDON_EXPERIMENTS / "addmul10-mirror.yaml"), "--wait")
    assert started.returncode == 0, f"{started.stdout}\n{started.stderr}"
    # Answers come from pipeline-add10 only; pipeline-mul10 gets a copy of each request, as `pipeline inspect` shows.
    for i in range(5):
        assert infer_pipeline(gateway, "pipeline-add10.pipeline", {"x-request-id": f"mirror-{i}"})[0] == added
    await_true(lambda: mirrored_outputs(control, "pipeline-mul10", "mirror-4") == [multiplied],
               "pipeline-mul10's answer to the mirrored request on its outputs topic", deadline_s=60)
    assert cli(control, "experiment", "stop", "addmul10-mirror").returncode == 0


def test_conditional_emits_only_the_chosen_output(up):
    control, gateway = up
    load(control, "conditional.yaml")
    inputs = [four("INPUT0", [1, 2, 3, 4]), four("INPUT1", [5, 6, 7, 8])]

    status, zero = infer(gateway, "conditional", [{"name": "CHOICE", "datatype": "INT32", "shape": [1], "data": [0]}, *inputs])
    assert status == 200, zero
    assert outputs(zero) == {"OUTPUT0": [1, 2, 3, 4]}

    status, one = infer(gateway, "conditional", [{"name": "CHOICE", "datatype": "INT32", "shape": [1], "data": [1]}, *inputs])
    assert status == 200, one
    assert outputs(one) == {"OUTPUT1": [5, 6, 7, 8]}


def test_check_passes_small_values_and_emits_nothing_for_large_ones(up):
    control, gateway = up
    load(control, "check.yaml")

    status, passed = infer(gateway, "check", [{"name": "INPUT", "datatype": "INT32", "shape": [1, 16], "data": [2] * 16}])
    assert status == 200, passed
    assert outputs(passed) == {"OUTPUT": [2] * 16}

    doubled = [2 * i for i in range(1, 17)]
    status, stopped = infer(gateway, "check", [{"name": "INPUT", "datatype": "INT32", "shape": [1, 16], "data": doubled}])
    assert status == 200, stopped
    assert stopped["outputs"] == []


def test_outlier_error_fails_outliers_with_an_oip_error(up):
    control, gateway = up
    load(control, "outlier-error.yaml")

    status, normal = infer(gateway, "outlier-error", [four("INPUT", [1, 2, 3, 4])])
    assert status == 200, normal
    status, outlier = infer(gateway, "outlier-error", [four("INPUT", [100, 2, 3, 4])])
    assert status == 400
    assert outlier == {"error": "outlier detected: value 100 is above the threshold 50"}


def test_multi_version_1_answers_as_add10_and_2_as_mul10(up):
    control, gateway = up
    load(control, "multi-version-1.yaml")
    status, v1 = infer(gateway, "math", [four("INPUT", [1, 2, 3, 4])])
    assert status == 200, v1
    assert v1["model_name"] == "math_1"
    assert outputs(v1) == {"OUTPUT": [11, 12, 13, 14]}

    load(control, "multi-version-2.yaml")
    # The new version takes the route once loaded; the old one unloads after that.
    def answered_by_math_2():
        status, body = infer(gateway, "math", [four("INPUT", [1, 2, 3, 4])])
        return body if status == 200 and body.get("model_name") == "math_2" else None

    v2 = await_true(answered_by_math_2, "math_2 to answer", deadline_s=60)
    assert outputs(v2) == {"OUTPUT": [10, 20, 30, 40]}


@pytest.fixture(scope="module")
def serve_triton_folder(tmp_path_factory):
    """`trantor serve` over the mirror's triton/ folder (add20, check, outlier, id_node, join_node)."""
    port = free_port()
    proc = Proc("serve", ["serve", "--model-repository", str(MIRROR / "triton"), "--host", "127.0.0.1",
                          "--port", str(port)], tmp_path_factory.mktemp("serve-triton-python"))
    try:
        await_true(lambda: _ready(f"http://127.0.0.1:{port}/v2/health/ready"), "trantor serve to be ready")
        yield f"127.0.0.1:{port}"
    finally:
        proc.stop()


def _ready(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def test_tritonclient_grpc_runs_python_models_of_a_triton_repository(serve_triton_folder):
    client = grpcclient.InferenceServerClient(url=serve_triton_folder)
    assert client.get_model_metadata("join_node").platform == "python"

    ones = []
    for name in ("INPUT1", "INPUT2"):
        tensor = grpcclient.InferInput(name, [1], "INT64")
        tensor.set_data_from_numpy(np.array([1], dtype=np.int64))
        ones.append(tensor)
    np.testing.assert_array_equal(client.infer("join_node", ones).as_numpy("OUTPUT1"), [2])

    trigger = grpcclient.InferInput("INPUT1", [1], "BOOL")
    trigger.set_data_from_numpy(np.array([True]))
    np.testing.assert_array_equal(client.infer("id_node", [trigger]).as_numpy("OUTPUT1"), [True])

    values = grpcclient.InferInput("INPUT", [4], "FP32")
    values.set_data_from_numpy(np.array([1, 2, 3, 4], dtype=np.float32))
    np.testing.assert_allclose(client.infer("add20", [values]).as_numpy("OUTPUT"), [21, 22, 23, 24])

    values.set_data_from_numpy(np.array([100, 2, 3, 4], dtype=np.float32))
    with pytest.raises(InferenceServerException, match="outlier detected: value 100 is above the threshold 50"):
        client.infer("outlier", [values])
