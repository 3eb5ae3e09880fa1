"""Exit 0 when two pickled (joblib) scikit-learn models are the same model up to floating-point rounding.

Fitting runs BLAS/SIMD kernels whose last bits differ between CPUs (AVX2 vs AVX-512, Intel vs AMD), so
generate.py's joblib files are byte-identical only on the CPU kind that made them. The mirror test compares
everything else byte for byte and these with this: same types, same parameters, arrays equal within 1e-9.
"""
import sys

import joblib
import numpy as np


def same(a, b, path="model"):
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return f"{path}: shape/dtype {a.shape} {a.dtype} != {b.shape} {b.dtype}"
        if a.dtype.kind in "fc":
            return None if np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True) else f"{path}: values differ"
        return None if np.array_equal(a, b) else f"{path}: values differ"
    if isinstance(a, float):
        return None if np.isclose(a, b, rtol=1e-9, atol=1e-12) else f"{path}: {a} != {b}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{path}: keys {sorted(map(str, a))} != {sorted(map(str, b))}"
        return next((d for k in a if (d := same(a[k], b[k], f"{path}[{k!r}]"))), None)
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := same(x, y, f"{path}[{i}]"))), None)
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return same(vars(a), vars(b), path)
    return None if a == b else f"{path}: {a!r} != {b!r}"


if __name__ == "__main__":
    difference = same(joblib.load(sys.argv[1]), joblib.load(sys.argv[2]))
    if difference:
        print(difference)
        sys.exit(1)
