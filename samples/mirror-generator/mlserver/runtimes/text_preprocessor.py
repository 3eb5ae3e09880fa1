"""A custom MLServer runtime that turns a text of `"Key": "value"` lines into a row of numbers.

Seldon's quickstart feeds an income applicant as text (`"Age": "47",` one field a line, a `"Name"`
among them) to a preprocessor whose `output` (INT64 [1, N], the numeric values in the order given)
is the income classifier's input. Values that are not numbers are skipped; commas in numbers
(`"1,000"`) are thousands separators.
"""

import re

import numpy as np
from mlserver import MLModel
from mlserver.codecs import NumpyCodec, StringCodec
from mlserver.types import InferenceRequest, InferenceResponse

FIELD = re.compile(r'"[^"]+"\s*:\s*"([^"]*)"')


def numbers(text: str) -> list:
    values = []
    for raw in FIELD.findall(text):
        value = raw.replace(",", "")
        try:
            values.append(int(value))
        except ValueError:
            try:
                values.append(float(value))
            except ValueError:
                pass
    return values


class TextPreprocessor(MLModel):
    async def load(self) -> bool:
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        rows = [numbers(text) for text in StringCodec.decode_input(payload.inputs[0])]
        if len({len(row) for row in rows}) > 1:
            raise ValueError(f"every text must hold the same number of numeric fields, got {[len(r) for r in rows]}")
        array = np.array(rows)
        array = array.astype(np.int64) if np.all(array == np.round(array)) else array.astype(np.float64)
        return InferenceResponse(model_name=self.name, model_version=self.version,
                                 outputs=[NumpyCodec.encode_output("output", array)])
