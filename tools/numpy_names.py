#!/usr/bin/env python3
"""Writes src/numpy/numpy_names.txt: every public callable of NumPy's `numpy`,
`numpy.linalg` and `numpy.random` namespaces, one per line as `module.name`.

npview answers a name it does not implement but NumPy has with
`NotImplementedError: numpy.x is not supported by npview yet` rather than
the misleading `AttributeError` a misspelt name gets. Rerun after a NumPy
upgrade:

    python3 tools/numpy_names.py
"""

import os
import types

import numpy as np

MODULES = {"numpy": np, "numpy.linalg": np.linalg, "numpy.random": np.random}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "numpy", "numpy_names.txt")


def public_callables(module):
    for name in dir(module):
        if name.startswith("_"):
            continue
        try:
            value = getattr(module, name)
        except AttributeError:
            continue
        if callable(value) and not isinstance(value, types.ModuleType):
            yield name


def main():
    lines = [
        f"{prefix}.{name}"
        for prefix, module in MODULES.items()
        for name in public_callables(module)
    ]
    with open(OUT, "w") as f:
        f.write(f"# Public callables of NumPy {np.__version__}, written by tools/numpy_names.py.\n")
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} names to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
