"""A custom MLServer runtime between speech recognition and sentiment analysis.

Each input element is a JSON object (a transcription such as {"text": "..."}); the output `args`
holds the `text` field of each, as strings, ready for a Hugging Face text pipeline.
"""

import json

from mlserver import MLModel
from mlserver.codecs import StringCodec
from mlserver.types import InferenceRequest, InferenceResponse


class SentimentInputTransform(MLModel):
    async def load(self) -> bool:
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        texts = []
        for request_input in payload.inputs:
            for element in StringCodec.decode_input(request_input):
                texts.append(json.loads(element)["text"])
        return InferenceResponse(
            model_name=self.name, model_version=self.version,
            outputs=[StringCodec.encode_output("args", texts)])
