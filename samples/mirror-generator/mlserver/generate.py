"""Writes Trantor's local mirror of Seldon's MLServer sample artifacts (gs://seldon-models/...).

Every artifact lands at the same relative path as its bucket URI under samples/seldon-mirror/,
so `--storage-rewrite gs://seldon-models/=samples/seldon-mirror/` makes Seldon's Model manifests
load unchanged. Models are trained here from seeded data with the pinned library versions of
requirements.txt; the custom runtimes (pandasquery, Hugging Face transforms) are our own code.

    python samples/mirror-generator/mlserver/generate.py [OUTPUT_ROOT]

OUTPUT_ROOT defaults to samples/seldon-mirror next to this generator's samples/ folder.
"""

import importlib.util
import json
import os
import re
import shutil
import sys
from pathlib import Path

import joblib
import lightgbm
import numpy as np
import xgboost
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = Path(__file__).resolve().parent
RUNTIMES = HERE / "runtimes"
SEED = 7

# The Adult ("income") feature order Seldon's samples use; the last eight are category codes.
INCOME_FEATURES = ["Age", "Workclass", "Education", "Marital Status", "Occupation", "Relationship",
                   "Race", "Sex", "Capital Gain", "Capital Loss", "Hours per week", "Country"]
NUMERIC = [0, 8, 9, 10]
CATEGORICAL = [1, 2, 3, 4, 5, 6, 7, 11]
CATEGORY_COUNTS = [9, 16, 7, 15, 6, 5, 2, 42]


# Seldon publishes the same artifact at several URIs (one folder per MLServer release it was saved
# with, test copies): every alias is a byte-for-byte copy of the first folder of its group.
ALIASES = {
    "scv2/samples/mlserver_1.6.0/iris-sklearn": [
        "mlserver/iris", "mlserver/iris-multi-version", "scv2/samples/mlserver_1.3.5/iris-sklearn",
        "scv2/samples/mlserver_1.5.0/iris-sklearn", "scv2/samples/rolling/iris/v1",
        "scv2/samples/rolling/iris/v2", "scv2/samples/rolling/iris/v3", "testing/iris", "testing/iris1",
        "sklearn/iris-0.23.2/lr_model"],
    "scv2/samples/mlserver_1.6.0/income-sklearn/classifier": [
        "scv2/samples/mlserver_1.4.0/income-sklearn/classifier",
        "scv2/samples/mlserver_1.5.0/income-sklearn/classifier",
        "scv2/examples/mlserver_1.3.5/income/classifier"],
    "scv2/samples/mlserver_1.6.0/income-xgb": [
        "scv2/samples/mlserver_1.3.0/income-xgb", "scv2/samples/mlserver_1.3.5/income-xgb",
        "scv2/samples/mlserver_1.5.0/income-xgb"],
    "scv2/samples/mlserver_1.6.0/wine-mlflow": [
        "scv2/samples/mlserver_1.3.5/wine-mlflow", "scv2/samples/mlserver_1.5.0/wine-mlflow",
        "mlflow/elasticnet_wine_model_mlserver_1_1"],
    "scv2/examples/mlserver_1.3.5/cifar10/outlier-detector": ["mlserver/alibi-detect/cifar10-outlier/model"],
    "scv2/examples/mlserver_1.3.5/cifar10/drift-detector": ["mlserver/alibi-detect/cifar10-drift/model"],
    "scv2/samples/mlserver_1.6.0/moviesentiment-sklearn": [
        "scv2/samples/mlserver_1.3.5/moviesentiment-sklearn",
        "scv2/samples/mlserver_1.5.0/moviesentiment-sklearn"],
}


def write_aliases(root: Path) -> None:
    for source, copies in ALIASES.items():
        for copy in copies:
            shutil.rmtree(root / copy, ignore_errors=True)
            shutil.copytree(root / source, root / copy)


def settings(folder: Path, content: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model-settings.json").write_text(json.dumps(content, indent=2) + "\n")


def write_xgboost(folder: Path, name: str, model) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    model.get_booster().save_model(folder / "model.json")
    settings(folder, {"name": name, "implementation": "mlserver_xgboost.XGBoostModel",
                      "parameters": {"uri": "./model.json", "version": "v0.1.0"}})


def iris_model():
    """Seldon's iris: LogisticRegression(liblinear, one-vs-rest) on the full data set in a Pipeline."""
    data = load_iris()
    model = Pipeline([("classifier", OneVsRestClassifier(LogisticRegression(solver="liblinear")))])
    model.fit(data.data, data.target)
    assert model.predict([[1, 2, 3, 4]]).tolist() == [2]
    return model


def write_iris(folder: Path, model) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, folder / "model.joblib")
    settings(folder, {"name": "iris", "implementation": "mlserver_sklearn.SKLearnModel",
                      "parameters": {"uri": "./model.joblib", "version": "v0.1.0"}})


def income_data():
    """Seeded synthetic stand-in for the Adult census data (the real one is not in any wheel)."""
    rng = np.random.default_rng(SEED)
    n = 2000
    columns = np.zeros((n, 12))
    columns[:, 0] = rng.integers(17, 90, n)
    for index, count in zip(CATEGORICAL, CATEGORY_COUNTS):
        columns[:, index] = rng.integers(0, count, n)
    columns[:, 8] = np.where(rng.random(n) < 0.1, rng.integers(1000, 20000, n), 0)
    columns[:, 9] = np.where(rng.random(n) < 0.05, rng.integers(100, 3000, n), 0)
    columns[:, 10] = rng.integers(10, 80, n)
    # High income: older, married (code 0; Seldon's examples show code 1, "Never-Married", earning
    # less), long hours or capital gains; a little noise.
    score = (columns[:, 0] > 35) * 1.0 + (columns[:, 3] == 0) * 1.5 + (columns[:, 10] > 45) * 1.0 \
        + (columns[:, 8] > 5000) * 2.0 + rng.normal(0, 0.5, n)
    labels = (score > 2.5).astype(int)
    return columns.astype(np.float32), labels


def write_income(root: Path):
    """Returns the training features, labels and the fitted preprocessor (the detectors' reference)."""
    x, y = income_data()
    preprocessor = ColumnTransformer([
        ("numeric", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), NUMERIC),
        ("categorical", Pipeline([("impute", SimpleImputer(strategy="median")),
                                  ("onehot", OneHotEncoder(handle_unknown="ignore", sparse_output=False))]),
         CATEGORICAL),
    ])
    preprocessor.fit(x)
    classifier = Pipeline([("preprocessor", preprocessor),
                           ("classifier", RandomForestClassifier(n_estimators=50, max_depth=4, random_state=SEED))])
    classifier.fit(x, y)
    # The rows of Seldon's notebooks and quickstart (classifier and preprocessor pipeline), all [0].
    samples = [[47, 4, 1, 1, 1, 3, 4, 1, 0, 0, 40, 9], [53, 4, 0, 2, 8, 4, 2, 0, 0, 0, 60, 9],
               [47, 4, 1, 1, 1, 0, 4, 1, 0, 0, 68, 9]]
    assert classifier.predict(samples).tolist() == [0, 0, 0], classifier.predict(samples)

    folder = root / "scv2/samples/mlserver_1.6.0/income-sklearn/classifier"
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(classifier, folder / "model.joblib")
    settings(folder, {"name": "income", "implementation": "mlserver_sklearn.SKLearnModel",
                      "parameters": {"uri": "./model.joblib", "version": "v0.1.0"}})

    folder = root / "scv2/examples/mlserver_1.3.5/income/preprocessor"
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(preprocessor, folder / "model.joblib")
    settings(folder, {"name": "income-preprocess", "implementation": "mlserver_sklearn.SKLearnModel",
                      "parameters": {"uri": "./model.joblib", "version": "v0.1.0",
                                     "extra": {"predict_fn": "transform"}}})

    ints = x.astype(np.int64)
    frame_columns = {name: ints[:, i] for i, name in enumerate(INCOME_FEATURES)}
    import pandas as pd
    frame = pd.DataFrame(frame_columns)

    booster = xgboost.XGBClassifier(n_estimators=20, max_depth=4, random_state=SEED, n_jobs=1)
    booster.fit(frame, y)
    write_xgboost(root / "scv2/samples/mlserver_1.6.0/income-xgb", "income-xgb", booster)

    lgb = lightgbm.LGBMClassifier(n_estimators=20, num_leaves=15, random_state=SEED, n_jobs=1,
                                  deterministic=True, force_row_wise=True, verbose=-1)
    lgb.fit(frame, y)
    folder = root / "scv2/samples/mlserver_1.3.5/income-lgb"
    folder.mkdir(parents=True, exist_ok=True)
    lgb.booster_.save_model(folder / "model.bst")
    settings(folder, {"name": "income-lgb", "implementation": "mlserver_lightgbm.LightGBMModel",
                      "parameters": {"uri": "./model.bst", "version": "v0.1.0"}})
    return x, y, preprocessor


def write_moviesentiment(root: Path) -> None:
    """CountVectorizer + LogisticRegression on a small seeded corpus (0 = negative, 1 = positive)."""
    positive = ["a wonderful film", "great acting and a moving story", "I loved every minute",
                "brilliant and beautiful", "the best movie this year", "funny warm and clever"]
    negative = ["a boring mess", "terrible acting", "I hated it", "dull and far too long",
                "the worst movie this year", "I am good at falling asleep in films like this"]
    model = Pipeline([("vectorizer", CountVectorizer()),
                      ("classifier", LogisticRegression(random_state=SEED))])
    model.fit(positive + negative, [1] * len(positive) + [0] * len(negative))
    assert model.predict(["I am good"]).tolist() == [0]
    # A memory address cached by fit and predict (only a shortcut for a consistency check): drop
    # it so the pickle is the same on every run.
    del model.named_steps["vectorizer"]._stop_words_id
    folder = root / "scv2/samples/mlserver_1.6.0/moviesentiment-sklearn"
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, folder / "model.joblib")
    settings(folder, {"name": "moviesentiment", "implementation": "mlserver_sklearn.SKLearnModel",
                      "parameters": {"uri": "./model.joblib", "version": "v0.1.0"}})


# The red wine-quality columns of Seldon's wine request, each drawn from one of scikit-learn's wine
# measurements (the wine-quality data set is not in any wheel) rescaled to that column's range in the
# wine-quality data: (source column of load_wine, low, high).
WINE_COLUMNS = {
    "fixed acidity": ("malic_acid", 4.6, 15.9),
    "volatile acidity": ("nonflavanoid_phenols", 0.12, 1.58),
    "citric acid": ("flavanoids", 0.0, 1.0),
    "residual sugar": ("color_intensity", 0.9, 15.5),
    "chlorides": ("ash", 0.012, 0.611),
    "free sulfur dioxide": ("magnesium", 1.0, 72.0),
    "total sulfur dioxide": ("proline", 6.0, 289.0),
    "density": ("alcalinity_of_ash", 0.99007, 1.00369),
    "pH": ("hue", 2.74, 4.01),
    "sulphates": ("proanthocyanins", 0.33, 2.0),
    "alcohol": ("alcohol", 8.4, 14.9),
}
# A quality score (0-10 in the wine-quality data) per cultivar of scikit-learn's wine data.
WINE_QUALITY = {0: 7.0, 1: 5.0, 2: 6.0}
WINE_ROW = [7.4, 0.7, 0.0, 1.9, 0.076, 11.0, 34.0, 0.9978, 3.51, 0.56, 9.4]


def write_wine_mlflow(root: Path) -> None:
    """Seldon's wine model: ElasticNet(alpha 0.5, l1_ratio 0.5) in MLflow's sklearn flavour."""
    import re
    import uuid

    import mlflow.sklearn
    import pandas as pd
    from mlflow.models import infer_signature
    from sklearn.datasets import load_wine
    from sklearn.linear_model import ElasticNet

    wine = load_wine(as_frame=True)
    frame = pd.DataFrame({
        name: low + (wine.data[source] - wine.data[source].min())
        * (high - low) / (wine.data[source].max() - wine.data[source].min())
        for name, (source, low, high) in WINE_COLUMNS.items()})
    quality = wine.target.map(WINE_QUALITY).to_numpy()
    model = ElasticNet(alpha=0.5, l1_ratio=0.5, random_state=42).fit(frame, quality)
    # Coordinate descent runs BLAS kernels whose last bits differ between CPU kinds; rounded, the
    # pickle is the same everywhere (predictions move by less than 1e-9).
    for attribute in ("coef_", "intercept_", "dual_gap_"):
        setattr(model, attribute, np.round(getattr(model, attribute), 9))
    answer = model.predict(pd.DataFrame([WINE_ROW], columns=list(WINE_COLUMNS)))[0]
    assert 4.0 < answer < 7.0, answer

    folder = root / "scv2/samples/mlserver_1.6.0/wine-mlflow"
    shutil.rmtree(folder, ignore_errors=True)
    mlflow.sklearn.save_model(model, folder, serialization_format="pickle",
                              signature=infer_signature(frame, model.predict(frame)))
    # MLflow stamps each save with the time and a random id: fixed ones keep reruns byte-identical.
    mlmodel = (folder / "MLmodel").read_text()
    mlmodel = re.sub(r"(?m)^model_uuid: .*$", "model_uuid: " + uuid.uuid5(uuid.NAMESPACE_URL, str(folder.relative_to(root))).hex, mlmodel)
    mlmodel = re.sub(r"(?m)^utc_time_created: .*$", "utc_time_created: '2025-01-01 00:00:00.000000'", mlmodel)
    (folder / "MLmodel").write_text(mlmodel)
    settings(folder, {"name": "wine", "implementation": "mlserver_mlflow.MLflowRuntime",
                      "parameters": {"uri": "./", "version": "v0.1.0"}})


def cifar10_images(count: int) -> np.ndarray:
    """The CIFAR-10 stand-in's class images (rows 3c..3c+2 lit, see Cifar10SavedModel) with seeded noise."""
    rng = np.random.default_rng(SEED)
    images = np.zeros((count, 32, 32, 3), dtype=np.float32)
    for i in range(count):
        c = i % 10
        images[i, 3 * c:3 * c + 3, :, :] = 1.0
    return images + rng.normal(0, 0.05, images.shape).astype(np.float32)


def write_detector(folder: Path, name: str, runtime: str, reference: np.ndarray, extra: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RUNTIMES / (runtime + ".py"), folder / "model.py")
    np.save(folder / "reference.npy", reference.astype(np.float32))
    implementation = "model.OutlierDetector" if runtime == "outlier_detector" else "model.DriftDetector"
    settings(folder, {"name": name, "implementation": implementation,
                      "parameters": {"uri": "./reference.npy", "version": "v0.1.0", "extra": extra}})


def write_outlier_detector(folder: Path, name: str, reference: np.ndarray) -> None:
    """Reference rows mean and std; the threshold sits just above the highest score of the reference itself."""
    reference = reference.reshape(reference.shape[0], -1).astype(np.float64)
    mean, std = reference.mean(axis=0), np.maximum(reference.std(axis=0), 0.05)
    stats = np.stack([mean, std]).astype(np.float32)
    scores = np.mean(((reference - stats[0]) / stats[1]) ** 2, axis=1)
    write_detector(folder, name, "outlier_detector", stats, {"threshold": round(float(scores.max()) * 1.5, 3)})


def write_detectors(root: Path, income_x: np.ndarray, income_preprocessor) -> None:
    """Stand-ins for Seldon's Alibi Detect artifacts: same output tensors, simpler statistics."""
    examples = root / "scv2/examples/mlserver_1.3.5"
    write_outlier_detector(examples / "income/outlier-detector", "income-outlier",
                           income_preprocessor.transform(income_x))
    write_detector(examples / "income/drift-detector", "income-drift", "drift_detector", income_x[:200],
                   {"p_val": 0.05})
    images = cifar10_images(200)
    write_outlier_detector(examples / "cifar10/outlier-detector", "cifar10-outlier", images)
    write_detector(examples / "cifar10/drift-detector", "cifar10-drift", "drift_detector",
                   images.reshape(200, -1, 3).mean(axis=1), {"p_val": 0.05})
    write_detector(root / "mlserver/alibi-detect/iris-tabular-drift/alibi-detector-artifacts", "iris-drift-detect",
                   "drift_detector", load_iris().data, {"p_val": 0.05})


def write_income_infer_data(root: Path, x: np.ndarray, labels: np.ndarray) -> None:
    """Seldon's income notebooks read infer-data/test.npy: x_ref, x_h1 (drifted), y_ref, x_outlier, in that order.

    x_ref and y_ref are held-out rows of the training distribution; x_h1 is older applicants working
    longer hours (the drift detector flags it); x_outlier has capital gains and losses far beyond
    the training range (the outlier detector flags it).
    """
    rng = np.random.default_rng(SEED + 1)
    reference = x[-200:]
    drifted = reference.copy()
    drifted[:, 0] = np.clip(drifted[:, 0] + 20, 17, 90)
    drifted[:, 10] = np.clip(drifted[:, 10] + 20, 10, 99)
    outliers = reference[:20].copy()
    outliers[:, 8] = rng.integers(500000, 900000, 20)
    outliers[:, 9] = rng.integers(50000, 90000, 20)
    folder = root / "scv2/examples/income/infer-data"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "test.npy", "wb") as f:
        for array in (reference.astype(np.float32), drifted.astype(np.float32), labels[-200:].astype(np.int64),
                      outliers.astype(np.float32)):
            np.save(f, array)


def write_mushroom(root: Path) -> None:
    """XGBoost on 126 binary features, the one-hot width of the agaricus (mushroom) data MLServer's example uses.

    The data are seeded: 22 attributes, each one-hot over its own block of columns; a mushroom is
    poisonous (1) by its "odor" block (attribute 4), as in the real data set, with 2 % label noise.
    """
    rng = np.random.default_rng(SEED)
    widths = [6, 4, 10, 2, 9, 4, 3, 2, 12, 2, 7, 4, 4, 9, 9, 2, 4, 3, 8, 9, 6, 7]
    assert sum(widths) == 126
    starts = np.cumsum([0] + widths[:-1])
    n = 1000
    x = np.zeros((n, sum(widths)), dtype=np.float32)
    codes = np.stack([rng.integers(0, w, n) for w in widths], axis=1)
    for a, start in enumerate(starts):
        x[np.arange(n), start + codes[:, a]] = 1.0
    y = (codes[:, 4] >= 3).astype(int) ^ (rng.random(n) < 0.02)
    model = xgboost.XGBClassifier(n_estimators=10, max_depth=3, random_state=SEED, n_jobs=1)
    model.fit(x, y)
    write_xgboost(root / "mlserver/mushroom", "mushroom", model)


def write_custom_runtimes(root: Path) -> None:
    """Custom MLServer runtimes: model.py from runtimes/ next to their model-settings.json."""
    custom = {
        "scv2/examples/pandasquery": ("pandasquery.py", "pandasquery", "model.PandasQueryRuntime"),
        "scv2/examples/huggingface/mlserver_1.3.5/sentiment-input-transform":
            ("sentiment_input_transform.py", "sentiment-input-transform", "model.SentimentInputTransform"),
        "scv2/examples/huggingface/mlserver_1.3.5/sentiment-output-transform":
            ("sentiment_output_transform.py", "sentiment-output-transform", "model.SentimentOutputTransform"),
        "scv2/examples/cyclic-pipeline/counter": ("counter.py", "counter", "model.Counter"),
        "scv2/samples/preprocessor": ("text_preprocessor.py", "preprocessor", "model.TextPreprocessor"),
        "scv2/examples/cyclic-pipeline/identity-loop": ("identity.py", "identity-loop", "model.IdentityModel"),
        "scv2/examples/cyclic-pipeline/identity-output": ("identity.py", "identity-output", "model.IdentityModel"),
        "integration-tests/models/mlserver/echo": ("identity.py", "echo", "model.IdentityModel"),
        "integration-tests/models/mlserver/reference-workload-model":
            ("identity.py", "reference-workload-model", "model.IdentityModel"),
    }
    # Seldon's loop step waits 1 ms per answer (its pipeline joins within 1 ms windows).
    extra = {"scv2/examples/cyclic-pipeline/identity-loop": {"delay": 0.001}}
    for path, (source, name, implementation) in custom.items():
        folder = root / path
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RUNTIMES / source, folder / "model.py")
        content = {"name": name, "implementation": implementation}
        if path in extra:
            content["parameters"] = {"version": "v0.1.0", "extra": extra[path]}
        settings(folder, content)


# Our own words and weights for the sentiment stand-in (positive > 0, negative < 0).
LEXICON = {
    "good": 2.0, "great": 2.5, "love": 2.5, "loved": 2.5, "excellent": 3.0, "happy": 2.0, "wonderful": 3.0,
    "best": 2.0, "nice": 1.5, "enjoyed": 2.0, "fun": 1.5, "brilliant": 3.0, "like": 1.0, "amazing": 3.0,
    "bad": -2.0, "terrible": -3.0, "hate": -2.5, "hated": -2.5, "awful": -3.0, "sad": -2.0, "worst": -3.0,
    "boring": -2.0, "poor": -1.5, "horrible": -3.0, "dislike": -1.5, "angry": -2.0, "not": -1.0, "never": -1.0,
}

# Short texts of our own for the text-generation stand-ins' bigram tables.
STORY = """once upon a time there was a little girl who lived in a small house near the woods.
every day the little girl went into the woods to look for flowers. one day she found a tiny dog.
the tiny dog was lost and hungry. the little girl gave the dog some bread and took it home.
they played in the garden until the sun went down. from that day on they were best friends."""
GENERAL = """machine learning models are deployed to serve predictions over a network.
a model server loads the model and answers inference requests from clients.
the client sends a request with input tensors and the server returns output tensors.
pipelines connect models so that the output of one model becomes the input of the next model."""


SPOKEN_EXAMPLE = "hello world, it is a good day"


def bigram_table(text: str) -> dict:
    """For each word, the word that follows it most often (ties: the alphabetically first)."""
    words = re.findall(r"[a-z']+", text.lower())
    counts: dict = {}
    for a, b in zip(words, words[1:]):
        counts.setdefault(a, {}).setdefault(b, 0)
        counts[a][b] += 1
    return {a: sorted(following.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for a, following in sorted(counts.items())}


def write_huggingface(root: Path) -> None:
    """Stand-ins for MLServer's Hugging Face runtime: its interface, small deterministic models (runtimes/huggingface_standins.py)."""
    def write(path: str, name: str, implementation: str, data_file: str | None, data: dict | None, extra: dict) -> None:
        folder = root / path
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RUNTIMES / "huggingface_standins.py", folder / "model.py")
        parameters = {"extra": extra}
        if data_file:
            (folder / data_file).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
            parameters = {"uri": "./" + data_file, "extra": extra}
        settings(folder, {"name": name, "implementation": implementation, "parameters": parameters})

    write("mlserver/huggingface/sentiment", "sentiment", "model.SentimentAnalysis", "lexicon.json", LEXICON,
          {"task": "sentiment-analysis"})
    write("mlserver/huggingface/whisper", "whisper", "model.SpeechRecognition", None, None,
          {"task": "automatic-speech-recognition"})
    # A request for it: the runtime's own `speak`, so tests need not import MLServer to make one.
    spec = importlib.util.spec_from_file_location("huggingface_standins", RUNTIMES / "huggingface_standins.py")
    standins = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(standins)
    (root / "mlserver/huggingface/whisper/example.wav").write_bytes(standins.speak(SPOKEN_EXAMPLE))
    write("mlserver/huggingface/text-generation", "text-gen", "model.TextGeneration", "bigrams.json",
          bigram_table(GENERAL), {"task": "text-generation", "max_new_tokens": 20})
    for version in ("1.5.0", "1.6.0"):
        write(f"scv2/samples/mlserver_{version}/huggingface-text-gen-custom-gpt2", "custom-gpt2-text-gen",
              "model.TextGeneration", "bigrams.json", bigram_table(GENERAL),
              {"task": "text-generation", "max_new_tokens": 20})
    for version in ("1.3.5", "1.5.0", "1.6.0"):
        write(f"scv2/samples/mlserver_{version}/huggingface-text-gen-custom-tiny-stories", "custom-tiny-stories-text-gen",
              "model.TextGeneration", "bigrams.json", bigram_table(STORY),
              {"task": "text-generation", "max_new_tokens": 20})


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Pickled sets (CountVectorizer's) follow string hashing: fix it so reruns are byte-identical.
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "seldon-mirror"
    write_iris(root / "scv2/samples/mlserver_1.6.0/iris-sklearn", iris_model())
    income_x, income_labels, income_preprocessor = write_income(root)
    write_income_infer_data(root, income_x, income_labels)
    write_mushroom(root)
    write_detectors(root, income_x, income_preprocessor)
    write_moviesentiment(root)
    write_custom_runtimes(root)
    write_huggingface(root)
    write_wine_mlflow(root)
    write_aliases(root)
    print(f"wrote the MLServer mirror under {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
