"""A custom MLServer runtime that answers with its inputs unchanged (names, shapes, datatypes, data).

Used for Seldon's cyclic-pipeline steps `identity-loop` and `identity-output` and for the echo
model of Seldon's integration tests. The optional model parameter `delay` (seconds, a float) holds
each answer back that long: in the cyclic pipeline it keeps a loop iteration outside the 1 ms join
window of the previous one.
"""

import asyncio

from mlserver import MLModel
from mlserver.types import InferenceRequest, InferenceResponse, ResponseOutput


class IdentityModel(MLModel):
    async def load(self) -> bool:
        extra = self.settings.parameters.extra if self.settings.parameters else None
        self._delay = float((extra or {}).get("delay", 0))
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        if self._delay:
            await asyncio.sleep(self._delay)
        return InferenceResponse(
            model_name=self.name, model_version=self.version,
            outputs=[ResponseOutput(name=i.name, shape=i.shape, datatype=i.datatype,
                                    parameters=i.parameters, data=i.data) for i in payload.inputs])
