"""Seldon's TensorFlow, ONNX and TorchScript Model manifests, verbatim, on `trantor up`.

The storage URIs (gs://seldon-models/...) are rewritten to samples/seldon-mirror/, where the
committed generator (io.trantor.samples.tritonnative.TritonNativeMirror) wrote a real TensorFlow
GraphDef for triton/simple, and an ONNX model and a TorchScript archive for mnist-onnx and
mnist-pytorch, and the models Seldon's load tests name (tf_simple_string, tf_mnist, tf_resnet152,
pytorch_cifar10, onnx_gpt2). The built-in runtimes serve them in the JVM: TensorFlow Java, ONNX Runtime and
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


# The models of Seldon's load tests (tests/k6), which only name their storage URIs: Trantor writes
# their manifests with the requirement of each artifact's runtime.
LOAD_TEST_MODELS = {
    "tfsimple-string": ("triton/tf_simple_string", "tensorflow"),
    "tfmnist": ("triton/tf_mnist", "tensorflow"),
    "tfresnet152": ("triton/tf_resnet152", "tensorflow"),
    "pytorch-cifar10": ("triton/pytorch_cifar10/cifar10", "pytorch"),
    "onnx-gpt2": ("triton/onnx_gpt2/gpt2", "onnx"),
}


def load_load_test_model(control, tmp_path, name):
    uri, requirement = LOAD_TEST_MODELS[name]
    manifest = tmp_path / f"{name}.yaml"
    manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\n"
                        f"metadata:\n  name: {name}\nspec:\n  storageUri: gs://seldon-models/{uri}\n"
                        f"  requirements:\n  - {requirement}\n")
    loaded = cli(control, "model", "load", "-f", str(manifest), "--wait", timeout=300)
    assert loaded.returncode == 0, f"{name}: {loaded.stdout}\n{loaded.stderr}"


def only_output(body, name, datatype, shape):
    [output] = body["outputs"]
    assert (output["name"], output["datatype"], output["shape"]) == (name, datatype, shape), body
    return np.array(output["data"])


def test_tf_simple_string_adds_and_subtracts_numbers_written_as_text(up, tmp_path):
    control, gateway = up
    load_load_test_model(control, tmp_path, "tfsimple-string")
    text = [str(i) for i in ONE_TO_SIXTEEN]
    status, body = post(gateway, "/v2/models/tfsimple-string/infer", "tfsimple-string", {"inputs": [
        {"name": "INPUT0", "data": text, "datatype": "BYTES", "shape": [1, 16]},
        {"name": "INPUT1", "data": ["1"] * 16, "datatype": "BYTES", "shape": [1, 16]}]})
    assert status == 200, body
    outputs = {o["name"]: (o["datatype"], o["shape"], o["data"]) for o in body["outputs"]}
    assert outputs == {"OUTPUT0": ("BYTES", [1, 16], [str(i + 1) for i in ONE_TO_SIXTEEN]),
                       "OUTPUT1": ("BYTES", [1, 16], [str(i - 1) for i in ONE_TO_SIXTEEN])}


def test_load_test_image_classifiers_answer_seldons_request_shapes(up, tmp_path):
    control, gateway = up
    for name in ("tfmnist", "pytorch-cifar10", "tfresnet152"):
        load_load_test_model(control, tmp_path, name)

    digits = np.stack([digit_image(d) for d in (1, 4, 6)])[..., np.newaxis]  # [N,28,28,1], channels last
    status, body = post(gateway, "/v2/models/tfmnist/infer", "tfmnist", {"inputs": [
        {"name": "conv2d_input", "datatype": "FP32", "shape": [3, 28, 28, 1], "data": digits.ravel().tolist()}]})
    assert status == 200, body
    assert list(only_output(body, "dense_1", "FP32", [3, 10]).reshape(3, 10).argmax(axis=1)) == [1, 4, 6]

    bands = np.stack([band_image(2), band_image(9)]).transpose(0, 3, 1, 2)  # [N,3,32,32], channels first
    status, body = post(gateway, "/v2/models/pytorch-cifar10/infer", "pytorch-cifar10", {"inputs": [
        {"name": "input__0", "datatype": "FP32", "shape": [2, 3, 32, 32], "data": bands.ravel().tolist()}]})
    assert status == 200, body
    assert list(only_output(body, "output__0", "FP32", [2, 10]).reshape(2, 10).argmax(axis=1)) == [2, 9]

    # Seldon's load test sends images filled with 0.1; a red and a blue image land in other classes.
    images = np.stack([np.full((224, 224, 3), 0.1), np.zeros((224, 224, 3)), np.zeros((224, 224, 3))])
    images[1, ..., 0] = 1.0
    images[2, ..., 2] = 1.0
    status, body = post(gateway, "/v2/models/tfresnet152/infer", "tfresnet152", {"inputs": [
        {"name": "input_1", "datatype": "FP32", "shape": [3, 224, 224, 3], "data": images.ravel().tolist()}]})
    assert status == 200, body
    probabilities = only_output(body, "predictions", "FP32", [3, 1000]).reshape(3, 1000)
    np.testing.assert_allclose(probabilities.sum(axis=1), [1.0, 1.0, 1.0], rtol=1e-4)
    assert len(set(probabilities.argmax(axis=1))) == 3


def test_onnx_gpt2_stand_in_scores_the_next_token_highest(up, tmp_path):
    control, gateway = up
    load_load_test_model(control, tmp_path, "onnx-gpt2")
    ids = list(range(1, 11))
    status, body = post(gateway, "/v2/models/onnx-gpt2/infer", "onnx-gpt2", {"inputs": [
        {"name": "input_ids", "datatype": "INT32", "shape": [1, 10], "data": ids},
        {"name": "attention_mask", "datatype": "INT32", "shape": [1, 10], "data": [1] * 10}]})
    assert status == 200, body
    logits = only_output(body, "logits", "FP32", [1, 10, 50257]).reshape(10, 50257)
    assert list(logits.argmax(axis=1)) == [i + 1 for i in ids]
