"""Seldon's TensorFlow, ONNX and TorchScript Model manifests, verbatim, on `trantor up`.

The storage URIs (gs://seldon-models/...) are rewritten to samples/seldon-mirror/, where the
committed generator (io.trantor.samples.tritonnative.TritonNativeMirror) wrote a real TensorFlow
GraphDef for triton/simple, and an ONNX model and a TorchScript archive for mnist-onnx and
mnist-pytorch. The built-in runtimes serve them in the JVM: TensorFlow Java, ONNX Runtime and
LibTorch (DJL). The answers are the shared reference's recorded ones (seldon-api-surface.md §5.6).
"""

import json
import urllib.error
import urllib.request

import numpy as np
import pytest
import tritonclient.grpc as grpcclient

from processes import ROOT, Proc, await_true, cli, free_port

SELDON_MODELS = ROOT.parent / "shared" / "seldon-samples" / "models"
MIRROR = ROOT / "samples" / "seldon-mirror"
ONE_TO_SIXTEEN = list(range(1, 17))


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """`trantor up` with the storage rewrite to the mirror; yields (control, gateway) addresses."""
    tmp = tmp_path_factory.mktemp("triton-native")
    control, temporal, gateway, kafka = free_port(), free_port(), free_port(), free_port()
    proc = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
                       "--gateway-port", str(gateway), "--kafka-port", str(kafka),
                       "--storage-rewrite", f"gs://seldon-models/={MIRROR}/"], tmp)
    try:
        # Not just "ready in": the embedded Kafka broker logs that too, before the control plane is up.
        proc.wait_for_output("trantor up: ready in")
        yield f"127.0.0.1:{control}", f"127.0.0.1:{gateway}"
    finally:
        proc.stop()


_applied = set()


def load(control, manifest):
    """`trantor model load -f <Seldon's manifest> --wait`, once per manifest in this `trantor up`."""
    if (control, manifest) in _applied:
        return
    # The first TensorFlow / LibTorch load starts the native library (LibTorch extracts ~430 MB
    # into ~/.cache/trantor/djl once per machine), hence the generous timeout.
    loaded = cli(control, "model", "load", "-f", str(SELDON_MODELS / manifest), "--wait", timeout=300)
    assert loaded.returncode == 0, f"{manifest}: {loaded.stdout}\n{loaded.stderr}"
    _applied.add((control, manifest))


def post(gateway, path, model, body=None):
    """GET (body None) or POST an OIP REST request; returns (HTTP status, parsed JSON body)."""
    request = urllib.request.Request(
        f"http://{gateway}{path}", data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Seldon-Model": model})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def simple_request(shape=(1, 16), data=None, outputs=None):
    data = ONE_TO_SIXTEEN if data is None else data
    body = {"inputs": [
        {"name": "INPUT0", "data": data, "datatype": "INT32", "shape": list(shape)},
        {"name": "INPUT1", "data": data, "datatype": "INT32", "shape": list(shape)}]}
    if outputs:
        body["outputs"] = [{"name": name} for name in outputs]
    return body


def digit_image(digit):
    """The seven-segment figure of `digit` on a 28x28 canvas, as DigitTemplates draws it."""
    segments = [0b0111111, 0b0000110, 0b1011011, 0b1001111, 0b1100110,
                0b1101101, 0b1111101, 0b0000111, 0b1111111, 0b1101111][digit]
    left, right, top, middle, bottom, stroke = 8, 19, 4, 13, 23, 3
    boxes = [(top, top + stroke, left, right + 1), (top, middle + 2, right - stroke + 1, right + 1),
             (middle, bottom + 1, right - stroke + 1, right + 1), (bottom - stroke + 1, bottom + 1, left, right + 1),
             (middle, bottom + 1, left, left + stroke), (top, middle + 2, left, left + stroke),
             (middle - 1, middle + 2, left, right + 1)]
    image = np.zeros((28, 28), dtype=np.float32)
    for bit, (r0, r1, c0, c1) in enumerate(boxes):
        if segments & (1 << bit):
            image[r0:r1, c0:c1] = 1.0
    return image


@pytest.mark.parametrize("name", ["tfsimple1", "tfsimple2", "tfsimple3"])
def test_tfsimple_manifests_add_and_subtract_like_seldons_recorded_run(up, name):
    control, gateway = up
    load(control, f"{name}.yaml")

    status, body = post(gateway, f"/v2/models/{name}/infer", name, simple_request())

    assert status == 200, body
    assert body["model_name"] == f"{name}_1"
    assert body["model_version"] == "1"
    assert body["outputs"] == [
        {"name": "OUTPUT0", "datatype": "INT32", "shape": [1, 16], "data": [2 * i for i in ONE_TO_SIXTEEN]},
        {"name": "OUTPUT1", "datatype": "INT32", "shape": [1, 16], "data": [0] * 16}]


def test_tfsimple_metadata_is_tritons(up):
    control, gateway = up
    load(control, "tfsimple1.yaml")

    status, metadata = post(gateway, "/v2/models/tfsimple1", "tfsimple1")

    assert status == 200, metadata
    assert metadata["name"] == "tfsimple1_1"
    assert metadata["versions"] == ["1"]
    assert metadata["platform"] == "tensorflow_graphdef"
    assert [(t["name"], t["datatype"], t["shape"]) for t in metadata["inputs"]] == [
        ("INPUT0", "INT32", [-1, 16]), ("INPUT1", "INT32", [-1, 16])]
    assert [(t["name"], t["datatype"], t["shape"]) for t in metadata["outputs"]] == [
        ("OUTPUT0", "INT32", [-1, 16]), ("OUTPUT1", "INT32", [-1, 16])]


def test_tfsimple_returns_only_requested_outputs_and_rejects_a_wrong_shape(up):
    control, gateway = up
    load(control, "tfsimple1.yaml")

    status, only = post(gateway, "/v2/models/tfsimple1/infer", "tfsimple1", simple_request(outputs=["OUTPUT0"]))
    assert status == 200, only
    assert [o["name"] for o in only["outputs"]] == ["OUTPUT0"]

    status, error = post(gateway, "/v2/models/tfsimple1/infer", "tfsimple1",
                         simple_request(shape=(1, 20), data=list(range(20))))
    assert status == 400
    assert error == {"error": "unexpected shape for input 'INPUT0' for model 'tfsimple1_1'. "
                              "Expected [-1,16], got [1,20]"}


def test_tfsimple_over_grpc_with_tritonclient(up):
    control, gateway = up
    load(control, "tfsimple1.yaml")
    client = grpcclient.InferenceServerClient(gateway)
    x = np.arange(1, 17, dtype=np.int32).reshape(1, 16)
    inputs = [grpcclient.InferInput("INPUT0", [1, 16], "INT32"), grpcclient.InferInput("INPUT1", [1, 16], "INT32")]
    inputs[0].set_data_from_numpy(x)
    inputs[1].set_data_from_numpy(x)

    result = client.infer("tfsimple1", inputs, headers={"seldon-model": "tfsimple1"})

    np.testing.assert_array_equal(result.as_numpy("OUTPUT0"), 2 * x)
    np.testing.assert_array_equal(result.as_numpy("OUTPUT1"), np.zeros((1, 16), dtype=np.int32))


def test_mnist_onnx_and_mnist_pytorch_classify_the_same_digits_alike(up):
    control, gateway = up
    load(control, "mnist-onnx.yaml")
    load(control, "mnist-pytorch.yaml")

    for digit in (0, 3, 7, 8):
        pixels = digit_image(digit).reshape(-1).tolist()
        status, onnx = post(gateway, "/v2/models/mnist-onnx/infer", "mnist-onnx", {"inputs": [
            {"name": "Input3", "datatype": "FP32", "shape": [1, 1, 28, 28], "data": pixels}]})
        assert status == 200, onnx
        status, torch = post(gateway, "/v2/models/mnist-pytorch/infer", "mnist-pytorch", {"inputs": [
            {"name": "x__0", "datatype": "FP32", "shape": [1, 1, 28, 28], "data": pixels}]})
        assert status == 200, torch

        assert onnx["model_name"] == "mnist-onnx_1"
        assert torch["model_name"] == "mnist-pytorch_1"
        [onnx_scores] = onnx["outputs"]
        [torch_scores] = torch["outputs"]
        assert (onnx_scores["name"], onnx_scores["shape"]) == ("Plus214_Output_0", [1, 10])
        assert (torch_scores["name"], torch_scores["datatype"], torch_scores["shape"]) == ("y__0", "FP32", [1, 10])
        assert int(np.argmax(onnx_scores["data"])) == digit
        assert int(np.argmax(torch_scores["data"])) == digit
        np.testing.assert_allclose(torch_scores["data"], onnx_scores["data"], rtol=1e-4, atol=1e-4)


def test_an_unloaded_tensorflow_model_stops_answering(up):
    control, gateway = up
    load(control, "tfsimple3.yaml")
    unloaded = cli(control, "model", "unload", "tfsimple3")
    assert unloaded.returncode == 0, f"{unloaded.stdout}\n{unloaded.stderr}"
    _applied.discard((control, "tfsimple3.yaml"))

    await_true(lambda: post(gateway, "/v2/models/tfsimple3/infer", "tfsimple3", simple_request())[0] == 404,
               "tfsimple3 to answer 404 after unloading", deadline_s=60)


def band_image(c):
    """An image the CIFAR-10 stand-in puts in class `c`: rows 3c..3c+2 lit (Cifar10SavedModel)."""
    image = np.zeros((32, 32, 3), dtype=np.float32)
    image[3 * c:3 * c + 3, :, :] = 1.0
    return image


def test_cifar10_savedmodels_with_and_without_config_return_class_probabilities(up):
    control, gateway = up
    batch = np.stack([band_image(2), band_image(9)])
    request = {"inputs": [{"name": "input_1", "datatype": "FP32", "shape": [2, 32, 32, 3],
                           "data": batch.reshape(-1).tolist()}]}

    load(control, "cifar10.yaml")  # gs://seldon-models/triton/tf_cifar10, with config.pbtxt
    status, with_config = post(gateway, "/v2/models/cifar10/infer", "cifar10", request)
    assert status == 200, with_config
    assert with_config["model_name"] == "cifar10_1"

    # Same model name, new storageUri (no config.pbtxt): version 2 takes over once loaded.
    load(control, "cifar10-no-config.yaml")

    def answered_by_version_2():
        status, body = post(gateway, "/v2/models/cifar10/infer", "cifar10", request)
        return body if status == 200 and body.get("model_name") == "cifar10_2" else None

    without_config = await_true(answered_by_version_2, "cifar10_2 to answer", deadline_s=60)
    for body in (with_config, without_config):
        [fc10] = body["outputs"]
        assert (fc10["name"], fc10["datatype"], fc10["shape"]) == ("fc10", "FP32", [2, 10])
        probabilities = np.array(fc10["data"]).reshape(2, 10)
        np.testing.assert_allclose(probabilities.sum(axis=1), [1.0, 1.0], rtol=1e-5)
        assert list(probabilities.argmax(axis=1)) == [2, 9]
