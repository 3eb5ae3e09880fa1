"""A custom MLServer runtime after a Hugging Face sentiment pipeline.

Each input element is a JSON object such as {"label": "POSITIVE", "score": 0.99}; the output
`sentiment` (INT64) is 1 for a POSITIVE label and 0 otherwise.
"""

import json

import numpy as np
from mlserver import MLModel
from mlserver.codecs import NumpyCodec, StringCodec
from mlserver.types import InferenceRequest, InferenceResponse


class SentimentOutputTransform(MLModel):
    async def load(self) -> bool:
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        flags = []
        for request_input in payload.inputs:
            for element in StringCodec.decode_input(request_input):
                flags.append(1 if json.loads(element).get("label") == "POSITIVE" else 0)
        return InferenceResponse(
            model_name=self.name, model_version=self.version,
            outputs=[NumpyCodec.encode_output("sentiment", np.array(flags, dtype=np.int64))])
