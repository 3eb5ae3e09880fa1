"""Seldon's pipeline samples, verbatim, on `trantor up` with its embedded Kafka broker.

The models are our own samples under the names the pipelines use (tfsimple1..3 = samples/models/simple,
conditional, mul10, add10), so the flows run without the Triton mirror: chain with tensorMap, join,
conditional branches, pipeline inputs, trigger joins, pipeline-to-pipeline, an erroring step, REST and
gRPC, async produce/consume on the topics, and `trantor pipeline inspect`.
"""

import json
import time
import urllib.error
import urllib.request
import uuid

import numpy as np
import pytest
import tritonclient.grpc as grpcclient
from tritonclient.grpc import service_pb2
from confluent_kafka import Consumer, Producer, TopicPartition
from tritonclient.utils import InferenceServerException

from processes import ROOT, Proc, await_true, cli, free_port

SELDON_PIPELINES = ROOT.parent / "shared" / "seldon-samples" / "pipelines"
X = list(range(1, 17))
MODELS = {
    "tfsimple1": ("samples/models/simple", "onnx"),
    "tfsimple2": ("samples/models/simple", "onnx"),
    "tfsimple3": ("samples/models/simple", "onnx"),
    "conditional": ("samples/models/conditional", "java"),
    "mul10": ("samples/models/mul10", "onnx"),
    "add10": ("samples/models/add10", "onnx"),
}


class Up:
    def __init__(self, control, gateway, kafka):
        self.control, self.gateway, self.kafka = control, gateway, kafka

    def cli(self, *args, timeout=180):
        return cli(self.control, *args, timeout=timeout)

    def trantor(self, *args):
        done = self.cli(*args)
        assert done.returncode == 0, f"trantor {' '.join(args)}: {done.stdout}\n{done.stderr}"
        return done.stdout


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """`trantor up` (embedded Kafka on a free port) with every sample model loaded."""
    tmp = tmp_path_factory.mktemp("pipelines")
    control, temporal, gateway, kafka = free_port(), free_port(), free_port(), free_port()
    proc = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
                       "--gateway-port", str(gateway), "--kafka-port", str(kafka)], tmp,
                env={"TRANTOR_KAFKA": ""})
    try:
        proc.wait_for_output("trantor up: ready in")
        env = Up(f"127.0.0.1:{control}", f"127.0.0.1:{gateway}", f"127.0.0.1:{kafka}")
        for name, (uri, requirement) in MODELS.items():
            manifest = tmp / f"{name}.yaml"
            manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n"
                                f"  name: {name}\nspec:\n  storageUri: {uri}\n  requirements: [{requirement}]\n")
            env.trantor("model", "load", "-f", str(manifest))
        for name in MODELS:
            env.trantor("model", "status", name, "-w", "ModelAvailable")
        yield env
    finally:
        proc.stop()


def load_pipeline(up, sample, name):
    up.trantor("pipeline", "load", "-f", str(SELDON_PIPELINES / sample))
    up.trantor("pipeline", "status", name, "-w", "PipelineReady", "--timeout", "120")


def rest(up, name, body, headers=None, path=None):
    """POST to the gateway with Seldon-Model: NAME.pipeline; returns (status, json)."""
    url = f"http://{up.gateway}{path or f'/v2/models/{name}/infer'}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={
        "Content-Type": "application/json", "Seldon-Model": f"{name}.pipeline", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def outputs(body):
    return {o["name"]: o["data"] for o in body["outputs"]}


def int_inputs(a, b):
    return {"inputs": [{"name": "INPUT0", "datatype": "INT32", "shape": [1, 16], "data": a},
                       {"name": "INPUT1", "datatype": "INT32", "shape": [1, 16], "data": b}]}


def test_chain_with_tensor_map_over_rest_grpc_and_the_pipelines_path(up):
    load_pipeline(up, "tfsimples.yaml", "tfsimples")

    status, body = rest(up, "tfsimples", int_inputs(X, X))
    assert status == 200, body
    # tfsimple1: (x+x, x-x) renamed to tfsimple2's INPUT0/INPUT1: (2x + 0, 2x - 0)
    assert outputs(body) == {"OUTPUT0": [2 * v for v in X], "OUTPUT1": [2 * v for v in X]}
    # Seldon's pipeline answer: {"model_name": "", "outputs": [{name, datatype, shape, data}]} and nothing else
    assert set(body) == {"model_name", "outputs"} and body["model_name"] == "", body
    assert all(set(o) == {"name", "datatype", "shape", "data"} for o in body["outputs"]), body

    status, body = rest(up, "tfsimples", int_inputs(X, X), path="/v2/pipelines/tfsimples/infer")
    assert status == 200 and outputs(body)["OUTPUT0"] == [2 * v for v in X]

    client = grpcclient.InferenceServerClient(up.gateway)
    inputs = [grpcclient.InferInput("INPUT0", [1, 16], "INT32"), grpcclient.InferInput("INPUT1", [1, 16], "INT32")]
    inputs[0].set_data_from_numpy(np.array([X], dtype=np.int32))
    inputs[1].set_data_from_numpy(np.array([X], dtype=np.int32))
    result = client.infer("tfsimples", inputs, headers={"seldon-model": "tfsimples.pipeline"})
    assert result.as_numpy("OUTPUT1").tolist() == [[2 * v for v in X]]
    # Over gRPC as Seldon answers: no model name or version, the tensors in raw_output_contents
    answer = result.get_response()
    assert answer.model_name == "" and answer.model_version == "", answer
    assert len(answer.raw_output_contents) == 2
    assert all(not o.HasField("contents") for o in answer.outputs), answer

    cli_out = up.trantor("pipeline", "infer", "tfsimples", "--inference-host", up.gateway, json.dumps(int_inputs(X, X)))
    assert outputs(json.loads(cli_out))["OUTPUT0"] == [2 * v for v in X]


def test_join_of_two_steps(up):
    load_pipeline(up, "tfsimples-join.yaml", "join")
    status, body = rest(up, "join", int_inputs(X, X))
    assert status == 200, body
    # tfsimple3 gets tfsimple1's OUTPUT0 (2x) and tfsimple2's OUTPUT1 (0)
    assert outputs(body) == {"OUTPUT0": [2 * v for v in X], "OUTPUT1": [2 * v for v in X]}


def conditional_request(choice):
    return {"inputs": [{"name": "CHOICE", "datatype": "INT32", "shape": [1], "data": [choice]},
                       {"name": "INPUT0", "datatype": "FP32", "shape": [4], "data": [1, 2, 3, 4]},
                       {"name": "INPUT1", "datatype": "FP32", "shape": [4], "data": [1, 2, 3, 4]}]}


def test_conditional_runs_only_the_branch_whose_tensor_is_present(up):
    load_pipeline(up, "conditional.yaml", "tfsimple-conditional")
    status, body = rest(up, "tfsimple-conditional", conditional_request(0))
    assert status == 200, body
    assert outputs(body) == {"OUTPUT": [10, 20, 30, 40]}  # mul10 only
    status, body = rest(up, "tfsimple-conditional", conditional_request(1))
    assert status == 200, body
    assert outputs(body) == {"OUTPUT": [11, 12, 13, 14]}  # add10 only


def test_pipeline_inputs_feed_steps_directly(up):
    load_pipeline(up, "pipeline-inputs.yaml", "pipeline-inputs")
    body = {"inputs": [{"name": "INPUT0", "datatype": "FP32", "shape": [4], "data": [1, 2, 3, 4]},
                       {"name": "INPUT1", "datatype": "FP32", "shape": [4], "data": [1, 2, 3, 4]}]}
    status, answer = rest(up, "pipeline-inputs", body)
    assert status == 200, answer
    assert sorted(o["data"] for o in answer["outputs"]) == [[10, 20, 30, 40], [11, 12, 13, 14]]


def test_trigger_joins_run_a_step_only_when_its_trigger_arrives(up):
    load_pipeline(up, "trigger-joins.yaml", "trigger-joins")
    body = {"inputs": [{"name": "ok1", "datatype": "FP32", "shape": [1], "data": [1]},
                       {"name": "INPUT", "datatype": "FP32", "shape": [4], "data": [1, 2, 3, 4]}]}
    status, answer = rest(up, "trigger-joins", body)
    assert status == 200, answer
    assert outputs(answer) == {"OUTPUT": [10, 20, 30, 40]}  # mul10 (ok1 or ok2); add10 waits for ok3
    body["inputs"][0]["name"] = "ok3"
    status, answer = rest(up, "trigger-joins", body)
    assert status == 200, answer
    assert outputs(answer) == {"OUTPUT": [11, 12, 13, 14]}


def inspect(up, target, *args):
    done = up.cli("pipeline", "inspect", target, "--kafka", up.kafka, "-o", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_pipeline_to_pipeline_through_the_input_section(up):
    load_pipeline(up, "tfsimple.yaml", "tfsimple")
    load_pipeline(up, "tfsimple-extended.yaml", "tfsimple-extended")
    request_id = f"ext-{uuid.uuid4().hex[:8]}"
    status, body = rest(up, "tfsimple", int_inputs(X, X), headers={"x-request-id": request_id})
    assert status == 200 and outputs(body)["OUTPUT0"] == [2 * v for v in X]

    def extended_output():
        records = inspect(up, "tfsimple-extended.outputs", "--request-id", request_id, "--offset", "5")
        return records[-1] if records else None

    record = await_true(extended_output, "tfsimple-extended's answer on its outputs topic", deadline_s=60)
    # tfsimple-extended: tfsimple's (2x, 0) as INPUT0/INPUT1 of tfsimple2 -> (2x, 2x)
    assert outputs(record["value"]) == {"OUTPUT0": [2 * v for v in X], "OUTPUT1": [2 * v for v in X]}


def test_a_failing_step_reaches_the_caller_as_an_oip_error(up):
    load_pipeline(up, "tfsimple.yaml", "tfsimple")
    wrong = {"inputs": [{"name": "INPUT0", "datatype": "INT32", "shape": [1, 20], "data": list(range(20))},
                        {"name": "INPUT1", "datatype": "INT32", "shape": [1, 20], "data": list(range(20))}]}
    status, body = rest(up, "tfsimple", wrong)
    assert status == 400, body
    assert body["error"].startswith("tfsimple1: "), body

    client = grpcclient.InferenceServerClient(up.gateway)
    inputs = [grpcclient.InferInput("INPUT0", [1, 20], "INT32"), grpcclient.InferInput("INPUT1", [1, 20], "INT32")]
    inputs[0].set_data_from_numpy(np.zeros((1, 20), dtype=np.int32))
    inputs[1].set_data_from_numpy(np.zeros((1, 20), dtype=np.int32))
    with pytest.raises(InferenceServerException) as error:
        client.infer("tfsimple", inputs, headers={"seldon-model": "tfsimple.pipeline"})
    assert "tfsimple1: " in error.value.message()
    assert error.value.status() in ("StatusCode.INVALID_ARGUMENT", "StatusCode.UNKNOWN")


def test_async_produce_to_the_inputs_topic_and_read_the_outputs_topic(up):
    load_pipeline(up, "tfsimples.yaml", "tfsimples")
    request = service_pb2.ModelInferRequest()
    for name in ("INPUT0", "INPUT1"):
        tensor = request.inputs.add(name=name, datatype="INT32", shape=[1, 16])
        tensor.contents.int_contents.extend(X)
    outputs_topic = "seldon.default.pipeline.tfsimples.outputs"
    consumer = Consumer({"bootstrap.servers": up.kafka, "group.id": f"e2e-{uuid.uuid4().hex}",
                         "enable.auto.commit": False})
    try:
        # Read from the current end, so only answers produced after this point count.
        partitions = [TopicPartition(outputs_topic, p) for p in consumer.list_topics(outputs_topic).topics[outputs_topic].partitions]
        for tp in partitions:
            low, high = consumer.get_watermark_offsets(tp, timeout=10)
            tp.offset = high
        consumer.assign(partitions)

        keys = [f"0.tfsimples.async-{uuid.uuid4().hex[:8]}" for _ in range(5)]
        producer = Producer({"bootstrap.servers": up.kafka})
        for key in keys:
            producer.produce("seldon.default.pipeline.tfsimples.inputs", key=key, value=request.SerializeToString(),
                             headers=[("pipeline", b"tfsimples"), ("x-request-id", key.split(".")[-1].encode())])
        assert producer.flush(30) == 0

        answers = {}
        deadline = time.monotonic() + 60
        while len(answers) < len(keys) and time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            key = message.key().decode()
            assert key not in answers, f"a second answer for {key}"
            response = service_pb2.ModelInferResponse()
            response.ParseFromString(message.value())
            answers[key] = {o.name: list(o.contents.int_contents) or
                            np.frombuffer(response.raw_output_contents[i], dtype=np.int32).tolist()
                            for i, o in enumerate(response.outputs)}
        assert sorted(answers) == sorted(keys)
        assert all(a["OUTPUT0"] == [2 * v for v in X] for a in answers.values())
    finally:
        consumer.close()


def test_inspect_shows_every_step_of_one_request(up):
    load_pipeline(up, "tfsimples.yaml", "tfsimples")
    request_id = f"insp-{uuid.uuid4().hex[:8]}"
    status, _ = rest(up, "tfsimples", int_inputs(X, X), headers={"x-request-id": request_id})
    assert status == 200

    records = inspect(up, "tfsimples", "--request-id", request_id, "--offset", "10")
    topics = {r["topic"] for r in records}
    assert topics >= {"seldon.default.model.tfsimple1.inputs", "seldon.default.model.tfsimple1.outputs",
                      "seldon.default.model.tfsimple2.inputs", "seldon.default.model.tfsimple2.outputs",
                      "seldon.default.pipeline.tfsimples.inputs", "seldon.default.pipeline.tfsimples.outputs"}, topics
    by_topic = {r["topic"]: r["value"] for r in records}
    assert outputs(by_topic["seldon.default.model.tfsimple1.outputs"])["OUTPUT1"] == [0] * 16
    step2_inputs = {t["name"]: t["data"] for t in by_topic["seldon.default.model.tfsimple2.inputs"]["inputs"]}
    assert step2_inputs == {"INPUT0": [2 * v for v in X], "INPUT1": [0] * 16}

    # No --kafka: the embedded broker is on a free port, and inspect learns it from the control plane.
    text = up.trantor("pipeline", "inspect", "tfsimples.tfsimple2.inputs.INPUT1", "--request-id", request_id)
    assert "seldon.default.model.tfsimple2.inputs" in text and "INPUT0" not in text


def test_status_list_and_unload(up):
    load_pipeline(up, "tfsimple.yaml", "tfsimple")
    listed = up.trantor("pipeline", "list")
    assert "tfsimple" in listed and "PipelineReady" in listed
    status = json.loads(up.trantor("pipeline", "status", "tfsimple", "-o", "json"))
    assert status["pipeline"]["modelsReady"] is True
    assert status["pipeline"]["inputTopic"] == "seldon.default.pipeline.tfsimple.inputs"

    load_pipeline(up, "tfsimple-extended.yaml", "tfsimple-extended")
    up.trantor("pipeline", "unload", "tfsimple-extended")
    gone = up.cli("pipeline", "status", "tfsimple-extended")
    assert gone.returncode == 3 and "not found" in gone.stderr
    status, body = rest(up, "tfsimple-extended", int_inputs(X, X))
    assert status == 404 and "not found" in body["error"]
