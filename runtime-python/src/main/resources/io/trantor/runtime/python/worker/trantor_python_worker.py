# Copyright Trantor authors. Licensed under the Apache License, Version 2.0.
"""Runs one Triton python-backend model (model.py, class TritonPythonModel) for Trantor.

The JVM starts one worker per loaded model and talks to it over the worker's stdin and stdout.
Every message is a frame: a 4-byte little-endian header length, an 8-byte little-endian body
length, a UTF-8 JSON header, then the body (the raw bytes of the tensors the header lists, one
after the other, in the OIP raw layout: little-endian values, BYTES elements as a 4-byte length
and their bytes).

  JVM -> worker: {"type": "initialize", "model_file": ..., "args": {...}}
                 {"type": "execute", "id": ..., "parameters": {...}, "requested_outputs": [...],
                  "inputs": [{"name", "datatype", "shape", "size"}]} + body
                 {"type": "finalize"}
  worker -> JVM: {"type": "ready"} | {"type": "result", "outputs": [...]} + body
                 | {"type": "finalized"}
                 | {"type": "error", "message": ..., "triton": true when a TritonError}

Model code may print: fd 1 is pointed at stderr before model.py is imported, and the protocol
uses a private duplicate of the original stdout.
"""

import importlib.util
import json
import os
import struct
import sys
import traceback

PROTOCOL_IN = os.fdopen(os.dup(0), "rb", buffering=0)
PROTOCOL_OUT = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
_devnull = os.open(os.devnull, os.O_RDONLY)
os.dup2(_devnull, 0)
sys.stdout = sys.stderr

_HEAD = struct.Struct("<IQ")


def read_exactly(count):
    buffer = bytearray(count)
    view = memoryview(buffer)
    got = 0
    while got < count:
        n = PROTOCOL_IN.readinto(view[got:])
        if not n:
            return None
        got += n
    return buffer


def read_frame():
    head = read_exactly(_HEAD.size)
    if head is None:
        return None, None
    header_length, body_length = _HEAD.unpack(head)
    header = json.loads(bytes(read_exactly(header_length)).decode("utf-8"))
    body = read_exactly(body_length) if body_length else bytearray()
    return header, body


def write_frame(header, chunks=()):
    encoded = json.dumps(header).encode("utf-8")
    body_length = sum(len(c) for c in chunks)
    PROTOCOL_OUT.write(_HEAD.pack(len(encoded), body_length))
    PROTOCOL_OUT.write(encoded)
    for chunk in chunks:
        PROTOCOL_OUT.write(chunk)
    PROTOCOL_OUT.flush()


def error(message, triton=False):
    write_frame({"type": "error", "message": message, "triton": triton})


try:
    import numpy as np
except ImportError:
    error("numpy is not installed for " + sys.executable + "; install it there (pip install numpy)"
          " or point TRANTOR_PYTHON at a Python that has it")
    sys.exit(3)

import triton_python_backend_utils as pb_utils

_FIXED = {
    "BOOL": np.dtype(np.bool_),
    "UINT8": np.dtype("<u1"),
    "UINT16": np.dtype("<u2"),
    "UINT32": np.dtype("<u4"),
    "UINT64": np.dtype("<u8"),
    "INT8": np.dtype("<i1"),
    "INT16": np.dtype("<i2"),
    "INT32": np.dtype("<i4"),
    "INT64": np.dtype("<i8"),
    "FP16": np.dtype("<f2"),
    "FP32": np.dtype("<f4"),
    "FP64": np.dtype("<f8"),
}
_KIND_SIZE_TO_DATATYPE = {(d.kind, d.itemsize): name for name, d in _FIXED.items()}


def decode(spec, data):
    shape = [int(d) for d in spec["shape"]]
    datatype = spec["datatype"]
    if datatype == "BYTES":
        elements = []
        raw = bytes(data)
        offset = 0
        while offset < len(raw):
            length = int.from_bytes(raw[offset:offset + 4], "little")
            offset += 4
            elements.append(raw[offset:offset + length])
            offset += length
        array = np.empty(len(elements), dtype=np.object_)
        array[:] = elements
        return array.reshape(shape)
    # The frame's bytearray is writable, so models may change their inputs in place, as in Triton.
    return np.frombuffer(data, dtype=_FIXED[datatype]).reshape(shape)


def encode(tensor):
    array = tensor.as_numpy()
    if not isinstance(array, np.ndarray):
        raise pb_utils.TritonModelException("output '%s' is not a numpy array" % tensor.name())
    if array.dtype.kind in ("O", "S", "U"):
        chunks = []
        for element in array.flatten(order="C"):
            if isinstance(element, str):
                element = element.encode("utf-8")
            elif isinstance(element, (np.bytes_, bytes, bytearray)):
                element = bytes(element)
            else:
                element = str(element).encode("utf-8")
            chunks.append(len(element).to_bytes(4, "little"))
            chunks.append(element)
        return "BYTES", b"".join(chunks)
    datatype = _KIND_SIZE_TO_DATATYPE.get((array.dtype.kind, array.dtype.itemsize))
    if datatype is None:
        raise pb_utils.TritonModelException(
            "output '%s' has numpy dtype %s, which the Open Inference Protocol cannot carry" % (tensor.name(), array.dtype))
    return datatype, np.ascontiguousarray(array, dtype=_FIXED[datatype]).tobytes()


def load_model(model_file):
    model_dir = os.path.dirname(os.path.abspath(model_file))
    # Triton lets model.py import modules that sit next to it.
    sys.path.insert(0, model_dir)
    spec = importlib.util.spec_from_file_location("model", model_file)
    module = importlib.util.module_from_spec(spec)
    sys.modules["model"] = module
    spec.loader.exec_module(module)
    if not hasattr(module, "TritonPythonModel"):
        raise pb_utils.TritonModelException(model_file + " defines no class TritonPythonModel")
    return module.TritonPythonModel()


def execute(model, header, body):
    inputs = []
    offset = 0
    for spec in header["inputs"]:
        size = int(spec["size"])
        inputs.append(pb_utils.Tensor(spec["name"], decode(spec, memoryview(body)[offset:offset + size])))
        offset += size
    request = pb_utils.InferenceRequest(
        inputs=inputs,
        requested_output_names=header.get("requested_outputs", []),
        request_id=header.get("id") or "",
        parameters=header.get("parameters", {}))
    responses = model.execute([request])
    if not isinstance(responses, (list, tuple)) or len(responses) != 1:
        count = len(responses) if isinstance(responses, (list, tuple)) else type(responses).__name__
        raise pb_utils.TritonModelException(
            "execute must return a list with one InferenceResponse per request; got %s for 1 request" % count)
    response = responses[0]
    if not isinstance(response, pb_utils.InferenceResponse):
        raise pb_utils.TritonModelException(
            "execute returned %s instead of an InferenceResponse" % type(response).__name__)
    if response.has_error():
        error(response.error().message(), triton=True)
        return
    outputs = []
    chunks = []
    for tensor in response.output_tensors():
        datatype, data = encode(tensor)
        outputs.append({"name": tensor.name(), "datatype": datatype,
                        "shape": list(tensor.as_numpy().shape), "size": len(data)})
        chunks.append(data)
    write_frame({"type": "result", "outputs": outputs}, chunks)


def describe(exc):
    if isinstance(exc, pb_utils.TritonError):
        return exc.message()
    text = str(exc)
    return type(exc).__name__ + (": " + text if text else "")


def main():
    model = None
    while True:
        header, body = read_frame()
        if header is None:
            return
        kind = header["type"]
        try:
            if kind == "initialize":
                model = load_model(header["model_file"])
                if hasattr(model, "initialize"):
                    model.initialize(header["args"])
                write_frame({"type": "ready"})
            elif kind == "execute":
                execute(model, header, body)
            elif kind == "finalize":
                if model is not None and hasattr(model, "finalize"):
                    model.finalize()
                write_frame({"type": "finalized"})
                return
            else:
                error("unknown message type " + repr(kind))
        except Exception as exc:  # the model's failure is the request's answer, not the worker's end
            traceback.print_exc(file=sys.stderr)
            error(describe(exc), triton=isinstance(exc, pb_utils.TritonError))


if __name__ == "__main__":
    main()
