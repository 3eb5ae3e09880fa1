"""samples/seldon-mirror against Seldon's list of storage URIs, and its MLServer artifacts in real MLServer.

INDEX.md must name every URI of shared/reference/seldon-storage-uris.txt exactly once, with a state
that matches the disk. The MLServer artifacts added for issue 15 are loaded into one real MLServer
(from this venv, the versions of e2e/requirements.txt) and each answers its documented request.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest

from processes import ROOT, await_true, free_port, stop

MIRROR = ROOT / "samples" / "seldon-mirror"
URIS = ROOT.parent / "shared" / "reference" / "seldon-storage-uris.txt"
BUCKET = "gs://seldon-models/"
STATES = {"mirrored", "stand-in", "absent", "to do"}
# Seldon's one URI that holds data, not a model: the income notebooks' request batches.
DATA_FOLDERS = {"scv2/examples/income/infer-data": "test.npy"}
ROW = re.compile(r"^\| `(gs://[^`]+)` \| ([a-z -]+) \|")


def index_rows():
    rows = [ROW.match(line) for line in (MIRROR / "INDEX.md").read_text().splitlines()]
    return [(m.group(1), m.group(2).strip()) for m in rows if m]


def test_index_lists_every_seldon_uri_once_with_a_state_that_matches_the_disk():
    uris = [line.strip() for line in URIS.read_text().splitlines() if line.startswith(BUCKET)]
    rows = index_rows()
    listed = [uri for uri, _ in rows]
    assert sorted(set(listed)) == sorted(listed), f"listed twice: {sorted({u for u in listed if listed.count(u) > 1})}"
    assert set(listed) == set(uris), f"missing: {sorted(set(uris) - set(listed))}; not Seldon's: {sorted(set(listed) - set(uris))}"
    wrong = []
    for uri, state in rows:
        folder = MIRROR / uri.removeprefix(BUCKET)
        if state not in STATES:
            wrong.append(f"{uri}: unknown state '{state}'")
        elif state in ("mirrored", "stand-in"):
            data_file = DATA_FOLDERS.get(uri.removeprefix(BUCKET))
            if data_file:
                if not (folder / data_file).is_file():
                    wrong.append(f"{uri}: {state}, but {folder / data_file} is missing")
            elif not ((folder / "model-settings.json").is_file() or (folder / "config.pbtxt").is_file()
                    or any(folder.glob("*/model.savedmodel/saved_model.pb"))):
                wrong.append(f"{uri}: {state}, but {folder} has no model-settings.json or config.pbtxt")
        elif folder.exists():
            wrong.append(f"{uri}: {state}, but {folder} exists")
    assert not wrong, "\n".join(wrong)


def test_seldons_deliberately_missing_uris_stay_absent():
    absent = {uri for uri, state in index_rows() if state == "absent"}
    assert absent == {BUCKET + "scv2/xyz"} | {BUCKET + f"scv2/samples/mlserver_{v}/iris-notexistent-uri"
                                              for v in ("1.3.5", "1.5.0", "1.6.0")}


IRIS = {"inputs": [{"name": "predict", "shape": [1, 4], "datatype": "FP32", "data": [[1, 2, 3, 4]]}]}
INCOME_ROW = [47, 4, 1, 1, 1, 3, 4, 1, 0, 0, 40, 9]
INCOME = {"inputs": [{"name": "predict", "shape": [1, 12], "datatype": "FP32", "data": [INCOME_ROW]}]}
INCOME_COLUMNS = ["Age", "Workclass", "Education", "Marital Status", "Occupation", "Relationship", "Race", "Sex",
                  "Capital Gain", "Capital Loss", "Hours per week", "Country"]
INCOME_PD = {"parameters": {"content_type": "pd"}, "inputs": [
    {"name": n, "shape": [1, 1], "datatype": "INT64", "data": [v]} for n, v in zip(INCOME_COLUMNS, INCOME_ROW)]}
SENTIMENT = {"parameters": {"content_type": "str"},
             "inputs": [{"name": "foo", "data": ["I am good"], "datatype": "BYTES", "shape": [1]}]}
WINE_COLUMNS = ["fixed acidity", "volatile acidity", "citric acid", "residual sugar", "chlorides",
                "free sulfur dioxide", "total sulfur dioxide", "density", "pH", "sulphates", "alcohol"]
WINE_ROW = [7.4, 0.7, 0.0, 1.9, 0.076, 11.0, 34.0, 0.9978, 3.51, 0.56, 9.4]
WINE = {"inputs": [{"name": n, "shape": [1], "datatype": "FP32", "data": [v]} for n, v in zip(WINE_COLUMNS, WINE_ROW)]}
ECHO = {"inputs": [{"name": "INPUT", "shape": [1, 4], "datatype": "FP32", "data": [1.5, 2, 3, 4]},
                   {"name": "text", "shape": [1], "datatype": "BYTES", "data": ["hello"]}]}


def outputs(body):
    return {o["name"]: o for o in body["outputs"]}


def predicts(expected):
    def check(body, _folder):
        assert outputs(body)["predict"]["data"] == expected, body
    return check


def xgb_score(body, _folder):
    predict = outputs(body)["predict"]
    assert predict["datatype"] == "FP32" and len(predict["data"]) == 1, body


def wine_quality(body, folder):
    # The stand-in's own prediction for Seldon's first red wine, from the committed pickle.
    model = joblib.load(folder / "model.pkl")
    expected = model.predict(pd.DataFrame([WINE_ROW], columns=WINE_COLUMNS))[0]
    output = outputs(body)["output-1"]
    assert output["datatype"] == "FP64" and output["shape"] == [1, 1], body
    assert output["data"][0] == pytest.approx(expected, rel=1e-6), body


def echoes(body, _folder):
    got = {n: (o["datatype"], o["shape"], o["data"]) for n, o in outputs(body).items()}
    assert got == {"INPUT": ("FP32", [1, 4], [1.5, 2, 3, 4]), "text": ("BYTES", [1], ["hello"])}, body


def counts_on(body, _folder):
    got = outputs(body)
    assert (got["output"]["datatype"], got["output"]["shape"], got["output"]["data"]) == ("INT32", [1, 1], [1]), body
    assert got["continue"]["datatype"] == "BYTES" and "stop" not in got, body


def counts_to_stop(body, _folder):
    got = outputs(body)
    assert got["output"]["data"] == [10] and got["stop"]["data"] == [""] and "continue" not in got, body


def tensor(name, array):
    array = np.asarray(array, dtype=np.float32)
    return {"inputs": [{"name": name, "shape": list(array.shape), "datatype": "FP32", "data": array.ravel().tolist()}]}


def flags(name, expected):
    def check(body, _folder):
        output = outputs(body)[name]
        assert output["datatype"] == "INT64" and output["data"] == expected, body
    return check


def cifar10_image(c, noise):
    image = np.zeros((1, 32, 32, 3), dtype=np.float32)
    image[0, 3 * c:3 * c + 3] = 1.0
    return image + noise


RNG = np.random.default_rng(5)
INCOME_REFERENCE = np.load(MIRROR / "scv2/examples/mlserver_1.3.5/income/drift-detector/reference.npy")
PREPROCESSOR = joblib.load(MIRROR / "scv2/examples/mlserver_1.3.5/income/preprocessor/model.joblib")
IRIS_ROWS = np.load(MIRROR / "mlserver/alibi-detect/iris-tabular-drift/alibi-detector-artifacts/reference.npy")[::5]
# 20 images whose channel means are 20 rows of the drift detector's reference: no drift by construction.
CIFAR10_MEANS = np.load(MIRROR / "scv2/examples/mlserver_1.3.5/cifar10/drift-detector/reference.npy")[::10]
CIFAR10_BATCH = np.concatenate([cifar10_image(c % 10, CIFAR10_MEANS[c] - 3 / 32) for c in range(20)])
CIFAR10_OUTLIER = [(tensor("input_1", cifar10_image(3, 0)), flags("is_outlier", [0])),
                   (tensor("input_1", RNG.uniform(0, 1, (1, 32, 32, 3))), flags("is_outlier", [1]))]
CIFAR10_DRIFT = [(tensor("input_1", CIFAR10_BATCH), flags("is_drift", [0])),
                 (tensor("input_1", CIFAR10_BATCH + 0.5), flags("is_drift", [1]))]
DETECTORS = {
    # income-outlier reads income-preprocess's output: the notebook's row passes, a row 50 times as large does not.
    "scv2/examples/mlserver_1.3.5/income/outlier-detector": [
        (tensor("predict", PREPROCESSOR.transform(np.array([INCOME_ROW], dtype=np.float32))), flags("is_outlier", [0])),
        (tensor("predict", PREPROCESSOR.transform(np.array([INCOME_ROW], dtype=np.float32)) * 50), flags("is_outlier", [1]))],
    "scv2/examples/mlserver_1.3.5/income/drift-detector": [
        (tensor("predict", INCOME_REFERENCE[:20]), flags("is_drift", [0])),
        (tensor("predict", INCOME_REFERENCE[:20] + np.array([30] + [0] * 11)), flags("is_drift", [1]))],
    "scv2/examples/mlserver_1.3.5/cifar10/outlier-detector": CIFAR10_OUTLIER,
    "mlserver/alibi-detect/cifar10-outlier/model": CIFAR10_OUTLIER,
    "scv2/examples/mlserver_1.3.5/cifar10/drift-detector": CIFAR10_DRIFT,
    "mlserver/alibi-detect/cifar10-drift/model": CIFAR10_DRIFT,
    "mlserver/alibi-detect/iris-tabular-drift/alibi-detector-artifacts": [
        (tensor("predict", IRIS_ROWS), flags("is_drift", [0])),
        (tensor("predict", IRIS_ROWS * 3), flags("is_drift", [1]))],
}

INFER_DATA = MIRROR / "scv2/examples/income/infer-data/test.npy"
with open(INFER_DATA, "rb") as f:
    X_REF, X_H1, Y_REF, X_OUTLIER = (np.load(f) for _ in range(4))
DETECTORS["scv2/examples/mlserver_1.3.5/income/drift-detector"] += [
    (tensor("predict", X_REF[:20]), flags("is_drift", [0])), (tensor("predict", X_H1[:20]), flags("is_drift", [1]))]
DETECTORS["scv2/examples/mlserver_1.3.5/income/outlier-detector"] += [
    (tensor("predict", PREPROCESSOR.transform(X_OUTLIER[:5])), flags("is_outlier", [1] * 5))]

# Seldon's quickstart: an applicant as text, one `"Key": "value"` field a line.
QUICKSTART_TEXT = "\n".join(f'"{k}": "{v}",' for k, v in zip(
    INCOME_COLUMNS + ["Name"], [47, 4, 1, 1, 1, 0, 4, 1, 0, 0, 68, 9, "John Doe"]))
QUICKSTART = {"inputs": [{"name": "text_input", "shape": [1], "datatype": "BYTES", "data": [QUICKSTART_TEXT]}]}
QUICKSTART_INCOME = {"inputs": [{"name": "income", "datatype": "INT64", "shape": [1, 12],
                                 "data": [53, 4, 0, 2, 8, 4, 2, 0, 0, 0, 60, 9]}]}


def numeric_fields(body, _folder):
    output = outputs(body)["output"]
    assert (output["datatype"], output["shape"], output["data"]) == ("INT64", [1, 12], [47, 4, 1, 1, 1, 0, 4, 1, 0, 0, 68, 9]), body


def mushroom_score(body, folder):
    # The stand-in's own answer for one seeded mushroom, from the committed booster.
    import xgboost
    booster = xgboost.Booster(model_file=str(folder / "model.json"))
    expected = booster.predict(xgboost.DMatrix(MUSHROOM))
    predict = outputs(body)["predict"]
    assert predict["data"] == pytest.approx(expected.ravel().tolist(), rel=1e-5), body


MUSHROOM = np.zeros((1, 126), dtype=np.float32)
MUSHROOM[0, [0, 6, 10, 20, 25]] = 1

COUNTER_AT_0 = {"inputs": [{"name": "counter-pipeline.inputs", "shape": [1], "datatype": "INT32", "data": [0]}]}
COUNTER_AT_9 = {"inputs": [{"name": "counter-pipeline.inputs", "shape": [1], "datatype": "INT32", "data": [9]}]}

def hf_request(*texts, content_type=None):
    tensor = {"name": "args", "shape": [len(texts)], "datatype": "BYTES", "data": list(texts)}
    if content_type:
        tensor["parameters"] = {"content_type": content_type}
    return {"inputs": [tensor]}


def hg_jsonlist(body):
    output = outputs(body)["output"]
    assert output["datatype"] == "BYTES" and output["parameters"]["content_type"] == "hg_jsonlist", body
    return [json.loads(e) for e in output["data"]]


def labelled(*labels):
    def check(body, _folder):
        got = hg_jsonlist(body)
        assert [g["label"] for g in got] == list(labels), body
        assert all(0.5 <= g["score"] <= 1 for g in got), body
    return check


def continues(prompt):
    def check(body, _folder):
        (generated,) = hg_jsonlist(body)
        text = generated["generated_text"]
        assert text.startswith(prompt) and len(text.split()) > len(prompt.split()), body
    return check


def transcribed(text):
    def check(body, _folder):
        assert hg_jsonlist(body) == [{"text": text}], body
    return check


# The generator's example for the speech stand-in (importing the runtime here would load MLServer's
# protos into this process beside tritonclient's, which share names).
SPOKEN = base64.b64encode((MIRROR / "mlserver/huggingface/whisper/example.wav").read_bytes()).decode()
TEXT_GENERATION = [(hf_request("Once upon a time"), continues("Once upon a time"))]

# storage path under gs://seldon-models/ -> [(request, check of the response body)]
CASES = {
    **{path: [(IRIS, predicts([2]))] for path in (
        "mlserver/iris-multi-version", "scv2/samples/mlserver_1.3.5/iris-sklearn",
        "scv2/samples/mlserver_1.5.0/iris-sklearn", "testing/iris", "testing/iris1", "sklearn/iris-0.23.2/lr_model")},
    **{path: [(INCOME, predicts([0]))] for path in (
        "scv2/samples/mlserver_1.4.0/income-sklearn/classifier", "scv2/samples/mlserver_1.5.0/income-sklearn/classifier",
        "scv2/examples/mlserver_1.3.5/income/classifier")},
    "scv2/samples/mlserver_1.4.0/income-sklearn/classifier": [(INCOME, predicts([0])), (QUICKSTART_INCOME, predicts([0]))],
    "scv2/samples/preprocessor": [(QUICKSTART, numeric_fields)],
    "mlserver/mushroom": [(tensor("predict", MUSHROOM), mushroom_score)],
    **{path: [(INCOME_PD, xgb_score)] for path in (
        "scv2/samples/mlserver_1.3.0/income-xgb", "scv2/samples/mlserver_1.3.5/income-xgb",
        "scv2/samples/mlserver_1.5.0/income-xgb")},
    **{path: [(SENTIMENT, predicts([0]))] for path in (
        "scv2/samples/mlserver_1.3.5/moviesentiment-sklearn", "scv2/samples/mlserver_1.5.0/moviesentiment-sklearn")},
    **{path: [(WINE, wine_quality)] for path in (
        "scv2/samples/mlserver_1.6.0/wine-mlflow", "scv2/samples/mlserver_1.5.0/wine-mlflow",
        "scv2/samples/mlserver_1.3.5/wine-mlflow", "mlflow/elasticnet_wine_model_mlserver_1_1")},
    "scv2/examples/cyclic-pipeline/counter": [(COUNTER_AT_0, counts_on), (COUNTER_AT_9, counts_to_stop)],
    **{path: [(ECHO, echoes)] for path in (
        "scv2/examples/cyclic-pipeline/identity-loop", "scv2/examples/cyclic-pipeline/identity-output",
        "integration-tests/models/mlserver/echo", "integration-tests/models/mlserver/reference-workload-model")},
    **DETECTORS,
    "mlserver/huggingface/sentiment": [
        (hf_request("I love this, it is great", "what a terrible, boring film"), labelled("POSITIVE", "NEGATIVE"))],
    "mlserver/huggingface/whisper": [
        (hf_request(SPOKEN, content_type="base64"), transcribed("hello world, it is a good day"))],
    **{path: TEXT_GENERATION for path in (
        "mlserver/huggingface/text-generation",
        "scv2/samples/mlserver_1.5.0/huggingface-text-gen-custom-gpt2",
        "scv2/samples/mlserver_1.6.0/huggingface-text-gen-custom-gpt2",
        "scv2/samples/mlserver_1.3.5/huggingface-text-gen-custom-tiny-stories",
        "scv2/samples/mlserver_1.5.0/huggingface-text-gen-custom-tiny-stories",
        "scv2/samples/mlserver_1.6.0/huggingface-text-gen-custom-tiny-stories")},
}


def slug(path):
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def call(url, body=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except OSError as e:
        return None, str(e)


@pytest.fixture(scope="module")
def mlserver(tmp_path_factory):
    """One MLServer over a copy of every case's folder, each renamed after its path; yields its HTTP base URL."""
    tmp = tmp_path_factory.mktemp("seldon-mirror")
    for path in CASES:
        folder = tmp / "models" / slug(path)
        shutil.copytree(MIRROR / path, folder)
        settings = json.loads((folder / "model-settings.json").read_text())
        (folder / "model-settings.json").write_text(json.dumps({**settings, "name": slug(path)}))
    http, grpc, metrics = free_port(), free_port(), free_port()
    env = {**os.environ, "MLSERVER_HOST": "127.0.0.1", "MLSERVER_HTTP_PORT": str(http),
           "MLSERVER_GRPC_PORT": str(grpc), "MLSERVER_METRICS_PORT": str(metrics),
           # In-process inference: no worker pool to start, and the whole suite loads in seconds.
           "MLSERVER_PARALLEL_WORKERS": "0"}
    log = open(tmp / "mlserver.log", "wb")
    process = subprocess.Popen([str(Path(sys.executable).parent / "mlserver"), "start", str(tmp / "models")],
                               stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp)
    base = f"http://127.0.0.1:{http}"
    try:
        def all_ready():
            if process.poll() is not None:
                raise AssertionError(f"mlserver exited with {process.returncode}:\n{(tmp / 'mlserver.log').read_text()}")
            return all(call(f"{base}/v2/models/{slug(p)}/ready")[0] == 200 for p in CASES)
        try:
            await_true(all_ready, "every mirrored model ready in MLServer", deadline_s=120)
        except AssertionError as e:
            raise AssertionError(f"{e}\n{(tmp / 'mlserver.log').read_text()[-5000:]}") from None
        yield base
    finally:
        stop(process)
        log.close()


@pytest.mark.parametrize("path", list(CASES))
def test_new_mirror_artifact_answers_its_documented_request_in_real_mlserver(mlserver, path):
    for request, check in CASES[path]:
        status, body = call(f"{mlserver}/v2/models/{slug(path)}/infer", request)
        assert status == 200, body
        check(body, MIRROR / path)
