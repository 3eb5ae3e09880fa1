"""A custom MLServer runtime with the tensors of an Alibi Detect outlier detector (a stand-in).

Seldon's detectors run on MLServer's Alibi Detect runtime, which does not install next to
MLServer 1.7.1; this one answers with the same output names. Each instance (the first axis of the
first input, the rest flattened) is scored by the mean squared z-score of its features against the
per-feature mean and standard deviation of a reference set (the `.npy` file of `parameters.uri`: rows mean and std);
an instance is an outlier when its score is above the model parameter `threshold`.

Outputs: `instance_score` FP64 [1, N] and `is_outlier` INT64 [1, N].
"""

import numpy as np
from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.types import InferenceRequest, InferenceResponse
from mlserver.utils import get_model_uri


class OutlierDetector(MLModel):
    async def load(self) -> bool:
        extra = self.settings.parameters.extra if self.settings.parameters else None
        self._threshold = float((extra or {})["threshold"])
        self._mean, self._std = np.load(await get_model_uri(self.settings)).astype(np.float64)
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        x = NumpyCodec.decode_input(payload.inputs[0]).astype(np.float64)
        x = x.reshape(x.shape[0], -1)
        if x.shape[1] != self._mean.shape[0]:
            raise ValueError(f"expected {self._mean.shape[0]} features per instance, got {x.shape[1]}")
        score = np.mean(((x - self._mean) / self._std) ** 2, axis=1)
        return InferenceResponse(
            model_name=self.name, model_version=self.version,
            outputs=[NumpyCodec.encode_output("instance_score", score.reshape(1, -1)),
                     NumpyCodec.encode_output("is_outlier", (score > self._threshold).astype(np.int64).reshape(1, -1))])
