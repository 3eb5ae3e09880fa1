"""A custom MLServer runtime that filters its inputs with a Pandas query (Seldon's `choice` router).

The request's tensors become the columns of one DataFrame. The rows matching the model parameter
`query` come back with every input column plus a `status` column; when nothing matches, only
`status` comes back, so a pipeline step that needs one of the input columns is not triggered.
"""

import pandas as pd
from mlserver import MLModel
from mlserver.codecs import PandasCodec
from mlserver.types import InferenceRequest, InferenceResponse


class PandasQueryRuntime(MLModel):
    async def load(self) -> bool:
        extra = self.settings.parameters.extra if self.settings.parameters else None
        query = (extra or {}).get("query")
        if not query:
            raise ValueError("model parameter 'query' (a Pandas query string) is required")
        self._query = query
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        frame = PandasCodec.decode_request(payload)
        matched = frame.query(self._query)
        if matched.empty:
            result = pd.DataFrame({"status": [f"no rows satisfied {self._query}"]})
        else:
            result = matched.assign(status="row accepted")
        return PandasCodec.encode_response(self.name, result, self.version)
