"""The gateway as its own process, restarted while asynchronous requests wait in a pipeline's inputs topic:
every accepted request gets exactly one output record."""

import time
import uuid

from confluent_kafka import Consumer, Producer, TopicPartition
from tritonclient.grpc import service_pb2

from processes import Proc, await_true, cli, free_port

X = list(range(1, 17))
REQUESTS = 20
INPUTS = "seldon.default.pipeline.tfsimple.inputs"
OUTPUTS = "seldon.default.pipeline.tfsimple.outputs"
PIPELINE = """apiVersion: mlops.seldon.io/v1alpha1
kind: Pipeline
metadata:
  name: tfsimple
spec:
  steps:
    - name: tfsimple1
  output:
    steps:
    - tfsimple1
"""


def request_bytes():
    request = service_pb2.ModelInferRequest()
    for name in ("INPUT0", "INPUT1"):
        tensor = request.inputs.add(name=name, datatype="INT32", shape=[1, 16])
        tensor.contents.int_contents.extend(X)
    return request.SerializeToString()


def end_offsets(consumer, topic):
    partitions = [TopicPartition(topic, p) for p in consumer.list_topics(topic, timeout=10).topics[topic].partitions]
    for tp in partitions:
        tp.offset = consumer.get_watermark_offsets(tp, timeout=10)[1]
    return partitions


def test_every_request_waiting_in_the_inputs_topic_is_answered_once_after_a_gateway_restart(tmp_path):
    control, temporal, kafka, gateway_port = free_port(), free_port(), free_port(), free_port()
    up = Proc("up", ["up", "--mlserver=off", "--no-gateway", "--control-port", str(control), "--temporal-port", str(temporal),
                     "--kafka-port", str(kafka)], tmp_path, env={"TRANTOR_KAFKA": ""})
    gateway_args = ["gateway", "--control", f"127.0.0.1:{control}", "--kafka", f"127.0.0.1:{kafka}",
                    "--port", str(gateway_port)]
    gateway = None
    consumer = None
    try:
        up.wait_for_output("trantor up: ready in")
        control_addr = f"127.0.0.1:{control}"
        gateway = Proc("gateway-1", gateway_args, tmp_path)
        gateway.wait_for_output("listening on")
        model = tmp_path / "tfsimple1.yaml"
        model.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: tfsimple1\n"
                         "spec:\n  storageUri: samples/models/simple\n  requirements: [onnx]\n")
        pipeline = tmp_path / "tfsimple.yaml"
        pipeline.write_text(PIPELINE)
        for args in (["model", "load", "-f", str(model), "--wait"], ["pipeline", "load", "-f", str(pipeline)],
                     ["pipeline", "status", "tfsimple", "-w", "PipelineReady", "--timeout", "120"]):
            done = cli(control_addr, *args)
            assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"

        gateway.kill9()
        # Without a gateway no gateway runs the topology; the status says so.
        await_true(lambda: "no gateway" in cli(control_addr, "pipeline", "status", "tfsimple").stdout,
                   "the pipeline status to say no gateway runs it", deadline_s=60)

        consumer = Consumer({"bootstrap.servers": f"127.0.0.1:{kafka}", "group.id": f"e2e-{uuid.uuid4().hex}",
                             "enable.auto.commit": False})
        consumer.assign(end_offsets(consumer, OUTPUTS))
        keys = [f"0.tfsimple.restart-{i}-{uuid.uuid4().hex[:6]}" for i in range(REQUESTS)]
        producer = Producer({"bootstrap.servers": f"127.0.0.1:{kafka}"})
        payload = request_bytes()
        for key in keys:
            producer.produce(INPUTS, key=key, value=payload,
                             headers=[("pipeline", b"tfsimple"), ("x-request-id", key.rsplit(".", 1)[1].encode())])
        assert producer.flush(30) == 0

        gateway = Proc("gateway-2", gateway_args, tmp_path)
        gateway.wait_for_output("listening on")

        answers = {}
        deadline = time.monotonic() + 90
        while len(answers) < REQUESTS and time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is not None and not message.error():
                key = message.key().decode()
                answers[key] = answers.get(key, 0) + 1
        assert sorted(answers) == sorted(keys), f"answered {len(answers)} of {REQUESTS}"
        # Keep reading for a while: a duplicate answer would show up here.
        settle = time.monotonic() + 5
        while time.monotonic() < settle:
            message = consumer.poll(0.5)
            if message is not None and not message.error():
                key = message.key().decode()
                answers[key] = answers.get(key, 0) + 1
        assert all(count == 1 for count in answers.values()), {k: c for k, c in answers.items() if c != 1}
    finally:
        if consumer is not None:
            consumer.close()
        if gateway is not None:
            gateway.stop()
        up.stop()
