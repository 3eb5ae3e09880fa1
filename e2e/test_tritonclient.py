"""Any OIP client works unchanged: tritonclient's HTTP and gRPC clients, and curl."""

import json
import subprocess

import numpy as np
import pytest
import tritonclient.grpc as grpcclient
import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException

SIXTEEN = np.arange(1, 17, dtype=np.int32).reshape(1, 16)


@pytest.fixture(scope="module")
def http(trantor_server):
    return httpclient.InferenceServerClient(url=trantor_server)


@pytest.fixture(scope="module")
def grpc(trantor_server):
    return grpcclient.InferenceServerClient(url=trantor_server)


def _simple_inputs(module, binary):
    inputs = [module.InferInput("INPUT0", [1, 16], "INT32"), module.InferInput("INPUT1", [1, 16], "INT32")]
    for tensor in inputs:
        if module is httpclient:
            tensor.set_data_from_numpy(SIXTEEN, binary_data=binary)
        else:
            tensor.set_data_from_numpy(SIXTEEN)
    return inputs


def test_http_health_and_metadata(http):
    assert http.is_server_live()
    assert http.is_server_ready()
    assert http.is_model_ready("simple")
    metadata = http.get_model_metadata("simple")
    assert [i["name"] for i in metadata["inputs"]] == ["INPUT0", "INPUT1"]
    assert metadata["inputs"][0]["datatype"] == "INT32"
    assert metadata["inputs"][0]["shape"] == [-1, 16]
    assert http.get_server_metadata()["name"] == "trantor"


@pytest.mark.parametrize("binary", [True, False], ids=["binary-data", "json-data"])
def test_http_infer_simple(http, binary):
    outputs = [httpclient.InferRequestedOutput("OUTPUT0", binary_data=binary),
               httpclient.InferRequestedOutput("OUTPUT1", binary_data=binary)]
    result = http.infer("simple", _simple_inputs(httpclient, binary), outputs=outputs, request_id="r1")
    np.testing.assert_array_equal(result.as_numpy("OUTPUT0"), SIXTEEN * 2)
    np.testing.assert_array_equal(result.as_numpy("OUTPUT1"), np.zeros((1, 16), dtype=np.int32))
    assert result.get_response()["id"] == "r1"


def test_http_infer_fp32_and_requested_output_subset(http):
    tensor = httpclient.InferInput("INPUT", [4], "FP32")
    tensor.set_data_from_numpy(np.array([1, 2, 3, 4], dtype=np.float32))
    result = http.infer("add10", [tensor], outputs=[httpclient.InferRequestedOutput("OUTPUT")])
    np.testing.assert_allclose(result.as_numpy("OUTPUT"), [11, 12, 13, 14])


def test_http_unknown_model_is_an_error(http):
    with pytest.raises(InferenceServerException) as failure:
        http.infer("nope", _simple_inputs(httpclient, True))
    assert "nope" in str(failure.value)


def test_grpc_health_and_metadata(grpc):
    assert grpc.is_server_live()
    assert grpc.is_server_ready()
    assert grpc.is_model_ready("simple")
    metadata = grpc.get_model_metadata("simple")
    assert [i.name for i in metadata.inputs] == ["INPUT0", "INPUT1"]
    assert list(metadata.inputs[0].shape) == [-1, 16]


def test_grpc_infer_simple_with_raw_contents(grpc):
    result = grpc.infer("simple", _simple_inputs(grpcclient, True), request_id="g1")
    np.testing.assert_array_equal(result.as_numpy("OUTPUT0"), SIXTEEN * 2)
    np.testing.assert_array_equal(result.as_numpy("OUTPUT1"), np.zeros((1, 16), dtype=np.int32))
    assert result.get_response().id == "g1"


def test_grpc_shape_mismatch_is_invalid_argument(grpc):
    tensor = grpcclient.InferInput("INPUT0", [1, 20], "INT32")
    tensor.set_data_from_numpy(np.arange(20, dtype=np.int32).reshape(1, 20))
    other = grpcclient.InferInput("INPUT1", [1, 20], "INT32")
    other.set_data_from_numpy(np.arange(20, dtype=np.int32).reshape(1, 20))
    with pytest.raises(InferenceServerException) as failure:
        grpc.infer("simple", [tensor, other])
    assert failure.value.status() == "StatusCode.INVALID_ARGUMENT"
    assert "INPUT0" in failure.value.message()


def test_grpc_conditional_java_model_emits_one_output(grpc):
    choice = grpcclient.InferInput("CHOICE", [1], "INT32")
    choice.set_data_from_numpy(np.array([1], dtype=np.int32))
    first = grpcclient.InferInput("INPUT0", [4], "FP32")
    first.set_data_from_numpy(np.array([1, 2, 3, 4], dtype=np.float32))
    second = grpcclient.InferInput("INPUT1", [4], "FP32")
    second.set_data_from_numpy(np.array([5, 6, 7, 8], dtype=np.float32))
    result = grpc.infer("conditional", [choice, first, second])
    assert [o.name for o in result.get_response().outputs] == ["OUTPUT1"]
    np.testing.assert_allclose(result.as_numpy("OUTPUT1"), [5, 6, 7, 8])


def _curl(*args):
    completed = subprocess.run(["curl", "-s", "-w", "\n%{http_code}", *args],
                               capture_output=True, text=True, timeout=30, check=True)
    body, _, status = completed.stdout.rpartition("\n")
    return int(status), body


def test_curl_infer_iris(trantor_server):
    status, body = _curl("-H", "Content-Type: application/json",
                         "-d", '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}]}',
                         f"http://{trantor_server}/v2/models/iris/infer")
    assert status == 200, body
    outputs = {o["name"]: o for o in json.loads(body)["outputs"]}
    assert outputs["predict"]["data"] == [2]


def test_curl_unknown_model_gets_404_oip_error(trantor_server):
    status, body = _curl("-d", '{"inputs":[]}', f"http://{trantor_server}/v2/models/nope/infer")
    assert status == 404
    assert "nope" in json.loads(body)["error"]
