#!/usr/bin/env python3
"""Writes src/numpy/numpy_names.txt: every public callable of NumPy's `numpy`,
`numpy.linalg` and `numpy.random` namespaces, one per line as `module.name`;
and src/numpy/numpy_removed.txt: the names NumPy 2.0 removed, each with the
advice NumPy's AttributeError gives (`name<TAB>advice`).

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
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "numpy")
OUT = os.path.join(SRC, "numpy_names.txt")
REMOVED = os.path.join(SRC, "numpy_removed.txt")


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
    removed = np._expired_attrs_2_0.__expired_attributes__
    with open(REMOVED, "w") as f:
        f.write(f"# Names NumPy 2.0 removed, with NumPy {np.__version__}'s advice; written by tools/numpy_names.py.\n")
        f.writelines(f"{name}\t{advice}\n" for name, advice in sorted(removed.items()))
    print(f"wrote {len(removed)} removed names to {os.path.relpath(REMOVED)}")


if __name__ == "__main__":
    main()
