"""A custom MLServer runtime for the counting step of Seldon's cyclic pipeline (`counter-pipeline`).

It adds one to its first input and answers with two tensors: `output` (the new count, shape [1,1]
for a scalar request) and an empty BYTES trigger named `continue` while the count is below 10, or
`stop` once it reaches 10. The pipeline routes `continue` back through `identity-loop` and `stop`
to `identity-output`, so a request starting at 0 ends with `output` = [10].
"""

from mlserver import MLModel
from mlserver.codecs import NumpyCodec, StringCodec
from mlserver.types import InferenceRequest, InferenceResponse

LIMIT = 10


class Counter(MLModel):
    async def load(self) -> bool:
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        count = NumpyCodec.decode_input(payload.inputs[0]) + 1
        trigger = "continue" if count.item() < LIMIT else "stop"
        return InferenceResponse(
            model_name=self.name, model_version=self.version,
            outputs=[NumpyCodec.encode_output("output", count.reshape(1, -1)),
                     StringCodec.encode_output(trigger, [""])])
