# Copyright Trantor authors. Licensed under the Apache License, Version 2.0.
"""The part of Triton's `triton_python_backend_utils` module that model.py files use, over numpy.

Trantor runs a Triton python-backend model (a model.py defining TritonPythonModel) in a worker
process without Triton; this module stands in for the one Triton's python stub provides, with the
same names and behaviour for CPU tensors: Tensor, InferenceRequest, InferenceResponse, TritonError,
the get_*_by_name helpers and the data type conversions. GPU tensors (DLPack), BLS calls and
decoupled response senders are not available and say so when used.
"""

import json
import sys

import numpy as np

# Triton's TRITONSERVER_ResponseCompleteFlag, for code written against decoupled models.
TRITONSERVER_RESPONSE_COMPLETE_FINAL = 1
TRITONSERVER_REQUEST_FLAG_SEQUENCE_START = 1
TRITONSERVER_REQUEST_FLAG_SEQUENCE_END = 2

_TYPE_TO_NUMPY = {
    "TYPE_BOOL": np.bool_,
    "TYPE_UINT8": np.uint8,
    "TYPE_UINT16": np.uint16,
    "TYPE_UINT32": np.uint32,
    "TYPE_UINT64": np.uint64,
    "TYPE_INT8": np.int8,
    "TYPE_INT16": np.int16,
    "TYPE_INT32": np.int32,
    "TYPE_INT64": np.int64,
    "TYPE_FP16": np.float16,
    "TYPE_FP32": np.float32,
    "TYPE_FP64": np.float64,
    "TYPE_STRING": np.object_,
}

# TRITONSERVER_DataType numbering, used by triton_to_numpy_type / numpy_to_triton_type.
_TRITON_CODES = {
    1: np.bool_,
    2: np.uint8,
    3: np.uint16,
    4: np.uint32,
    5: np.uint64,
    6: np.int8,
    7: np.int16,
    8: np.int32,
    9: np.int64,
    10: np.float16,
    11: np.float32,
    12: np.float64,
    13: np.object_,
}


class TritonError(Exception):
    """An error a model reports for one request (in an InferenceResponse) or raises."""

    UNKNOWN = 0
    INTERNAL = 1
    NOT_FOUND = 2
    INVALID_ARG = 3
    UNAVAILABLE = 4
    UNSUPPORTED = 5
    ALREADY_EXISTS = 6
    CANCELLED = 7

    def __init__(self, message, code=INTERNAL):
        super().__init__(message)
        self._message = str(message)
        self._code = code

    def message(self):
        return self._message

    def code(self):
        return self._code


class TritonModelException(Exception):
    """What Triton raises inside model code when a backend call fails."""

    def message(self):
        return str(self)


class Tensor:
    """A named CPU tensor holding a numpy array."""

    def __init__(self, name, array):
        if not isinstance(name, str):
            raise TritonModelException("a Tensor's name must be a string, not " + type(name).__name__)
        if not isinstance(array, np.ndarray):
            array = np.asarray(array)
        if array.dtype.kind in ("U", "S"):
            array = array.astype(np.object_)
        self._name = name
        self._array = array

    def name(self):
        return self._name

    def as_numpy(self):
        return self._array

    def shape(self):
        return list(self._array.shape)

    def is_cpu(self):
        return True

    def to_dlpack(self):
        raise TritonModelException("DLPack tensors are not supported by Trantor's python backend")

    @staticmethod
    def from_dlpack(name, capsule):
        raise TritonModelException("DLPack tensors are not supported by Trantor's python backend")

    def __repr__(self):
        return "Tensor(%r, dtype=%s, shape=%s)" % (self._name, self._array.dtype, list(self._array.shape))


class InferenceRequest:
    """One request handed to execute(); building one to call another model (BLS) is unsupported."""

    def __init__(self, model_name=None, inputs=None, requested_output_names=None, request_id="",
                 correlation_id=0, flags=0, timeout=0, parameters=None, model_version=-1, **_ignored):
        self._model_name = model_name
        self._inputs = list(inputs or [])
        self._requested_output_names = list(requested_output_names or [])
        self._request_id = request_id or ""
        self._correlation_id = correlation_id
        self._flags = flags
        self._timeout = timeout
        if parameters is None:
            parameters = {}
        self._parameters = parameters if isinstance(parameters, str) else json.dumps(parameters)

    def inputs(self):
        return list(self._inputs)

    def requested_output_names(self):
        return list(self._requested_output_names)

    def request_id(self):
        return self._request_id

    def correlation_id(self):
        return self._correlation_id

    def flags(self):
        return self._flags

    def timeout(self):
        return self._timeout

    def parameters(self):
        """The request's parameters as a JSON string, as Triton gives them."""
        return self._parameters

    def is_cancelled(self):
        return False

    def get_response_sender(self):
        raise TritonModelException("decoupled models (response senders) are not supported by Trantor's python backend")

    def exec(self, *args, **kwargs):
        raise TritonModelException("calling other models from model.py (BLS) is not supported by Trantor's python backend")

    def async_exec(self, *args, **kwargs):
        raise TritonModelException("calling other models from model.py (BLS) is not supported by Trantor's python backend")


class InferenceResponse:
    """The answer to one request: output tensors, or an error."""

    def __init__(self, output_tensors=None, error=None, parameters=None):
        tensors = list(output_tensors or [])
        for tensor in tensors:
            if not isinstance(tensor, Tensor):
                raise TritonModelException(
                    "InferenceResponse output_tensors must hold pb_utils.Tensor objects, not " + type(tensor).__name__)
        if error is not None and not isinstance(error, TritonError):
            raise TritonModelException("InferenceResponse error must be a pb_utils.TritonError, not " + type(error).__name__)
        self._tensors = tensors
        self._error = error
        self._parameters = parameters

    def output_tensors(self):
        return list(self._tensors)

    def has_error(self):
        return self._error is not None

    def error(self):
        return self._error


class Logger:
    """Triton's model logger; lines go to the worker's stderr, which the server logs."""

    @staticmethod
    def log(message, level=None):
        print(message, file=sys.stderr, flush=True)

    @staticmethod
    def log_info(message):
        print("INFO: " + str(message), file=sys.stderr, flush=True)

    @staticmethod
    def log_warn(message):
        print("WARNING: " + str(message), file=sys.stderr, flush=True)

    @staticmethod
    def log_error(message):
        print("ERROR: " + str(message), file=sys.stderr, flush=True)

    @staticmethod
    def log_verbose(message):
        print("VERBOSE: " + str(message), file=sys.stderr, flush=True)


def get_input_tensor_by_name(inference_request, name):
    for tensor in inference_request.inputs():
        if tensor.name() == name:
            return tensor
    return None


def get_output_tensor_by_name(inference_response, name):
    for tensor in inference_response.output_tensors():
        if tensor.name() == name:
            return tensor
    return None


def get_input_config_by_name(model_config, name):
    for entry in model_config.get("input", []):
        if entry.get("name") == name:
            return entry
    return None


def get_output_config_by_name(model_config, name):
    for entry in model_config.get("output", []):
        if entry.get("name") == name:
            return entry
    return None


def triton_string_to_numpy(triton_type_string):
    return _TYPE_TO_NUMPY.get(triton_type_string)


def triton_to_numpy_type(data_type):
    return _TRITON_CODES.get(data_type)


def numpy_to_triton_type(data_type):
    for code, numpy_type in _TRITON_CODES.items():
        if np.dtype(numpy_type) == np.dtype(data_type):
            return code
    if np.dtype(data_type).kind in ("S", "U"):
        return 13
    return None


def serialize_byte_tensor(input_tensor):
    """Triton's raw BYTES layout: each element as a 4-byte little-endian length and its bytes."""
    if input_tensor.size == 0:
        return np.empty([0], dtype=np.object_)
    chunks = []
    for element in input_tensor.flatten(order="C"):
        data = element.encode("utf-8") if isinstance(element, str) else bytes(element)
        chunks.append(len(data).to_bytes(4, "little"))
        chunks.append(data)
    return np.frombuffer(b"".join(chunks), dtype=np.uint8)


def deserialize_bytes_tensor(encoded_tensor):
    raw = bytes(encoded_tensor)
    elements = []
    offset = 0
    while offset < len(raw):
        length = int.from_bytes(raw[offset:offset + 4], "little")
        offset += 4
        elements.append(raw[offset:offset + length])
        offset += length
    return np.array(elements, dtype=np.object_)
