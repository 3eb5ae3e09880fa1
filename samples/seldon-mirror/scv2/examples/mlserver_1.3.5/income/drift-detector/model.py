"""A custom MLServer runtime with the tensors of an Alibi Detect Kolmogorov-Smirnov drift detector (a stand-in).

Seldon's detectors run on MLServer's Alibi Detect runtime, which does not install next to
MLServer 1.7.1; this one answers with the same output names. A batch (the first axis of the first
input) is compared feature by feature with a reference sample (the `.npy` file of `parameters.uri`) by a two-sample
Kolmogorov-Smirnov test; it drifts when a feature's p-value is below the model parameter `p_val`
divided by the number of features (Bonferroni). Images ([N, H, W, C]) are compared by their
per-channel means, so the reference stays small.

Outputs: `is_drift` INT64 [1, 1], `distance` and `p_val` FP64 [1, features], `threshold` FP64 [1, 1].
"""

import numpy as np
from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.types import InferenceRequest, InferenceResponse
from mlserver.utils import get_model_uri
from scipy.stats import ks_2samp


def features(x: np.ndarray) -> np.ndarray:
    """Rows of features: images by their per-channel means, tables as they are."""
    x = x.astype(np.float64)
    return x.reshape(x.shape[0], -1, x.shape[-1]).mean(axis=1) if x.ndim == 4 else x.reshape(x.shape[0], -1)


class DriftDetector(MLModel):
    async def load(self) -> bool:
        extra = self.settings.parameters.extra if self.settings.parameters else None
        self._p_val = float((extra or {}).get("p_val", 0.05))
        self._reference = np.load(await get_model_uri(self.settings)).astype(np.float64)
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        batch = features(NumpyCodec.decode_input(payload.inputs[0]))
        if batch.shape[1] != self._reference.shape[1]:
            raise ValueError(f"expected {self._reference.shape[1]} features per instance, got {batch.shape[1]}")
        tests = [ks_2samp(self._reference[:, j], batch[:, j]) for j in range(batch.shape[1])]
        distance = np.array([t.statistic for t in tests]).reshape(1, -1)
        p_val = np.array([t.pvalue for t in tests]).reshape(1, -1)
        threshold = self._p_val / batch.shape[1]
        return InferenceResponse(
            model_name=self.name, model_version=self.version,
            outputs=[NumpyCodec.encode_output("is_drift", np.array([[int(p_val.min() < threshold)]], dtype=np.int64)),
                     NumpyCodec.encode_output("distance", distance),
                     NumpyCodec.encode_output("p_val", p_val),
                     NumpyCodec.encode_output("threshold", np.array([[threshold]]))])
