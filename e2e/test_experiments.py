"""Seldon's experiment manifests, verbatim, on `trantor up`: split, sticky sessions, stop, mirror."""

import json
import re
import urllib.request
from collections import Counter

import pytest

from processes import ROOT, Proc, await_true, cli, free_port

SELDON_EXPERIMENTS = ROOT.parent / "shared" / "seldon-samples" / "experiments"
IRIS = json.dumps({"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32", "data": [[1, 2, 3, 4]]}]})


@pytest.fixture(scope="module")
def up(tmp_path_factory):
    """`trantor up` with iris and iris2 loaded; yields (control, gateway) addresses."""
    tmp = tmp_path_factory.mktemp("experiments")
    control, temporal, gateway = free_port(), free_port(), free_port()
    proc = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
                       "--gateway-port", str(gateway)], tmp)
    try:
        proc.wait_for_output("trantor up: ready in")
        control_addr = f"127.0.0.1:{control}"
        for name in ("iris", "iris2"):
            manifest = tmp / f"{name}.yaml"
            manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n"
                                f"  name: {name}\nspec:\n  storageUri: samples/models/iris\n  requirements: [onnx]\n")
            loaded = cli(control_addr, "model", "load", "-f", str(manifest), "--wait")
            assert loaded.returncode == 0, loaded.stderr
        yield control_addr, f"127.0.0.1:{gateway}"
    finally:
        proc.stop()


def infer(gateway, model="iris", headers=None):
    request = urllib.request.Request(f"http://{gateway}/v2/models/{model}/infer", data=IRIS.encode(),
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
        assert {o["name"]: o["data"] for o in body["outputs"]}["predict"] == [2]
        return body["model_name"], response.headers.get("x-seldon-route")


def infer_total(gateway, model):
    with urllib.request.urlopen(f"http://{gateway}/metrics", timeout=30) as response:
        text = response.read().decode()
    total = 0.0
    for line in text.splitlines():
        if line.startswith("seldon_model_infer_total{") and re.search(rf'\bmodel="{model}"', line):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_ab_split_sticky_and_stop(up):
    control, gateway = up
    started = cli(control, "experiment", "start", "-f", str(SELDON_EXPERIMENTS / "ab-default-model.yaml"), "--wait")
    assert started.returncode == 0, started.stderr

    counts = Counter(infer(gateway)[0] for _ in range(400))
    assert set(counts) == {"iris_1", "iris2_1"}
    assert 140 <= counts["iris_1"] <= 260, counts  # 50/50 of 400, well inside 4 standard deviations

    model, route = infer(gateway)
    assert route and f":{model}:" in route
    assert {infer(gateway, headers={"x-seldon-route": route})[0] for _ in range(30)} == {model}

    stopped = cli(control, "experiment", "stop", "experiment-sample")
    assert stopped.returncode == 0, stopped.stderr
    await_true(lambda: {infer(gateway)[0] for _ in range(20)} == {"iris_1"}, "plain routing to iris after stop")


def test_mirror_copies_every_request_and_answers_from_the_default(up):
    control, gateway = up
    started = cli(control, "experiment", "start", "-f", str(SELDON_EXPERIMENTS / "sklearn-mirror.yaml"), "--wait")
    assert started.returncode == 0, started.stderr
    before = infer_total(gateway, "iris2")

    assert {infer(gateway)[0] for _ in range(50)} == {"iris_1"}

    await_true(lambda: infer_total(gateway, "iris2") - before >= 50, "50 mirrored requests counted for iris2")
    cli(control, "experiment", "stop", "sklearn-mirror")
