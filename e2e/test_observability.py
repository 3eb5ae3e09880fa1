"""Observability against real parts: Debian's Prometheus scraping `trantor up`.

Prometheus (the `prometheus` binary: $TRANTOR_PROMETHEUS, else on PATH; bin/test-all installs
Debian's package) scrapes the gateway's /metrics every second; the test sends model and pipeline
requests and reads through Prometheus's HTTP API that `seldon_model_infer_total` and
`seldon_pipeline_infer_total` rose by exactly the number sent. It also checks that every metric the
Grafana dashboard in deploy/grafana/ queries is in the scrape of this running `trantor up`.
"""

import json
import os
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest

from processes import ROOT, Proc, await_true, cli, free_port, stop

SELDON_PIPELINES = ROOT.parent / "shared" / "seldon-samples" / "pipelines"
DASHBOARD = ROOT / "deploy" / "grafana" / "trantor-dashboard.json"
# tfsimple1 and tfsimple2 are the steps of Seldon's tfsimples pipeline; tfsimple3 is called directly,
# so its count is only the requests this test sends.
MODELS = ("tfsimple1", "tfsimple2", "tfsimple3")
X = list(range(1, 17))
BODY = json.dumps({"inputs": [{"name": "INPUT0", "datatype": "INT32", "shape": [1, 16], "data": X},
                              {"name": "INPUT1", "datatype": "INT32", "shape": [1, 16], "data": X}]}).encode()


def prometheus_binary():
    found = os.environ.get("TRANTOR_PROMETHEUS") or shutil.which("prometheus")
    assert found, "no prometheus binary: set TRANTOR_PROMETHEUS or install Debian's package (bin/test-all does)"
    return found


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """`trantor up` with the three models and the tfsimples pipeline, and a Prometheus scraping its gateway."""
    tmp = tmp_path_factory.mktemp("observability")
    control, temporal, gateway, kafka, prom = (free_port() for _ in range(5))
    up = Proc("up", ["up", "--mlserver=off", "--control-port", str(control), "--temporal-port", str(temporal),
                     "--gateway-port", str(gateway), "--kafka-port", str(kafka)], tmp, env={"TRANTOR_KAFKA": ""})
    prometheus = None
    try:
        up.wait_for_output("trantor up: ready in")
        control_at = f"127.0.0.1:{control}"
        for name in MODELS:
            manifest = tmp / f"{name}.yaml"
            manifest.write_text("apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n"
                                f"  name: {name}\nspec:\n  storageUri: samples/models/simple\n  requirements: [onnx]\n")
            run(control_at, "model", "load", "-f", str(manifest))
        for name in MODELS:
            run(control_at, "model", "status", name, "-w", "ModelAvailable")
        run(control_at, "pipeline", "load", "-f", str(SELDON_PIPELINES / "tfsimples.yaml"))
        run(control_at, "pipeline", "status", "tfsimples", "-w", "PipelineReady", "--timeout", "120")

        config = tmp / "prometheus.yml"
        config.write_text("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                          "scrape_configs:\n  - job_name: trantor\n    static_configs:\n"
                          f"      - targets: ['127.0.0.1:{gateway}']\n")
        log = open(tmp / "prometheus.log", "wb")
        prometheus = subprocess.Popen(
            [prometheus_binary(), f"--config.file={config}", f"--storage.tsdb.path={tmp / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{prom}"], stdout=log, stderr=subprocess.STDOUT)
        stack = {"gateway": f"127.0.0.1:{gateway}", "prometheus": f"127.0.0.1:{prom}"}
        await_true(lambda: query(stack, 'up{job="trantor"}') == 1.0, "Prometheus scraping trantor up's gateway")
        yield stack
    finally:
        if prometheus is not None:
            stop(prometheus)
        up.stop()


def run(control, *args):
    done = cli(control, *args, timeout=180)
    assert done.returncode == 0, f"trantor {' '.join(args)}: {done.stdout}\n{done.stderr}"


def query(stack, promql):
    """The value of an instant query's single sample, None when it has none (or Prometheus is not up yet)."""
    url = f"http://{stack['prometheus']}/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            result = json.loads(response.read())["data"]["result"]
    except OSError:
        return None
    return float(result[0]["value"][1]) if result else None


def infer(stack, path, headers=None):
    request = urllib.request.Request(f"http://{stack['gateway']}{path}", data=BODY,
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200


def await_total(stack, promql, expected):
    await_true(lambda: query(stack, promql) == expected, f"{promql} == {expected}", deadline_s=60)


def test_model_and_pipeline_counters_rise_by_the_requests_sent(stack):
    model_total = 'sum(seldon_model_infer_total{model="tfsimple3",code="200"})'
    pipeline_total = 'sum(seldon_pipeline_infer_total{pipeline="tfsimples",code="200"})'
    model_before = query(stack, model_total) or 0.0
    pipeline_before = query(stack, pipeline_total) or 0.0

    for _ in range(7):
        infer(stack, "/v2/models/tfsimple3/infer")
    for _ in range(3):
        infer(stack, "/v2/models/tfsimples/infer", {"Seldon-Model": "tfsimples.pipeline"})
    for _ in range(2):
        infer(stack, "/v2/pipelines/tfsimples/infer")

    await_total(stack, model_total, model_before + 7)
    await_total(stack, pipeline_total, pipeline_before + 5)
    # The gateway's own counter saw the same requests, under names from the routing table.
    await_total(stack, 'sum(trantor_gateway_requests_total{kind="pipeline",name="tfsimples",code="200"})',
                pipeline_before + 5)
    # ... and the latency histogram one observation per request.
    await_total(stack, 'sum(seldon_pipeline_infer_api_seconds_count{pipeline="tfsimples"})', pipeline_before + 5)


def test_every_metric_the_grafana_dashboard_queries_is_exported_by_trantor_up(stack):
    infer(stack, "/v2/models/tfsimple3/infer")
    infer(stack, "/v2/pipelines/tfsimples/infer")
    dashboard = json.loads(DASHBOARD.read_text())
    queries = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    queries += [v["query"] for v in dashboard["templating"]["list"] if v["type"] == "query"]
    queried = {name for q in queries for name in re.findall(r"\b(?:seldon|trantor)_[a-z0-9_]+\b", q)}
    assert len(queried) > 10, queried

    with urllib.request.urlopen(f"http://{stack['gateway']}/metrics", timeout=10) as response:
        scrape = response.read().decode()
    exported = {re.split(r"[{ ]", line, maxsplit=1)[0] for line in scrape.splitlines()
                if line and not line.startswith("#")}
    assert queried <= exported, f"queried but not exported: {sorted(queried - exported)}"
