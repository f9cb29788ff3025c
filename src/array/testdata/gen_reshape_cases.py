"""Regenerates reshape_cases.txt from NumPy.

Run from the repository root:  python3 src/array/testdata/gen_reshape_cases.py

Each line of the output is
    itemsize;shape;strides;order;requested;outcome
with comma-separated integers (empty for 0-d) and outcome one of
    view:<shape>:<strides>   NumPy returns a view with these strides
    copy:<shape>             NumPy must copy (reshape(copy=False) raises)
    error:<message>          reshape raises ValueError with this message
"""
import os
import random

import numpy as np
from numpy.lib.stride_tricks import as_strided

rng = random.Random(20240607)
ITEMSIZES = [1, 2, 4, 8, 16]
DTYPES = {1: np.int8, 2: np.int16, 4: np.int32, 8: np.int64, 16: np.complex128}


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


def factorizations(n, k):
    """A random k-tuple of non-negative ints with product n (n > 0)."""
    dims = [1] * k
    if k == 0:
        return dims
    m = n
    p = 2
    factors = []
    while m > 1:
        while m % p == 0:
            factors.append(p)
            m //= p
        p += 1
    for f in factors:
        dims[rng.randrange(k)] *= f
    return dims


def random_request(size, shape):
    k = rng.randrange(0, 5)
    if size == 0:
        dims = [rng.choice([0, 1, 2, 3]) for _ in range(max(k, 1))]
        dims[rng.randrange(len(dims))] = 0
    else:
        dims = factorizations(size, k)
        if k == 0 and size != 1:
            dims = [size]
    if rng.random() < 0.1:
        dims = list(shape)
    if dims and rng.random() < 0.35:
        dims[rng.randrange(len(dims))] = rng.choice([-1, -1, -1, -2])
    if rng.random() < 0.07:
        dims = dims + [-1, -1]
    if rng.random() < 0.08 and dims:
        i = rng.randrange(len(dims))
        if dims[i] >= 0:
            dims[i] += rng.choice([1, 2])
    return dims


def random_view():
    itemsize = rng.choice(ITEMSIZES)
    dtype = DTYPES[itemsize]
    kind = rng.random()
    if kind < 0.2:
        # Arbitrary strides, including zero, negative and overlapping ones.
        nd = rng.randrange(0, 5)
        shape = [rng.choice([0, 1, 1, 2, 2, 3, 4]) for _ in range(nd)]
        strides = [rng.choice([0, itemsize, -itemsize, 2 * itemsize, 3 * itemsize,
                               rng.randrange(-40, 41) * itemsize]) for _ in range(nd)]
        base = np.zeros(1, dtype=dtype)
        return as_strided(base, shape=shape, strides=strides)
    nd = rng.randrange(1, 5)
    shape = [rng.choice([1, 2, 3, 4, 5, 6]) for _ in range(nd)]
    a = np.zeros(shape, dtype=dtype, order=rng.choice("CF"))
    for _ in range(rng.randrange(0, 4)):
        op = rng.random()
        if op < 0.4 and a.ndim:
            ax = rng.randrange(a.ndim)
            n = a.shape[ax]
            step = rng.choice([1, 1, 2, 3, -1, -2])
            start = rng.randrange(0, n + 1)
            stop = rng.randrange(0, n + 1)
            if rng.random() < 0.5:
                start, stop = None, None
            idx = [slice(None)] * a.ndim
            idx[ax] = slice(start, stop, step)
            a = a[tuple(idx)]
        elif op < 0.6 and a.ndim > 1:
            perm = list(range(a.ndim))
            rng.shuffle(perm)
            a = a.transpose(perm)
        elif op < 0.75 and a.ndim < 5:
            ax = rng.randrange(a.ndim + 1)
            a = np.expand_dims(a, ax) if rng.random() < 0.5 else a[(slice(None),) * ax + (None,)]
        elif op < 0.85:
            a = np.broadcast_to(a, (rng.choice([1, 2, 3]),) + a.shape)
        elif a.ndim:
            ax = rng.randrange(a.ndim)
            idx = [slice(None)] * a.ndim
            idx[ax] = rng.randrange(a.shape[ax]) if a.shape[ax] else 0
            if a.shape[ax]:
                a = a[tuple(idx)]
    return a


def outcome(a, req, order):
    try:
        resolved = np.empty(a.shape, dtype=np.int8).reshape(req, order=order).shape
    except ValueError as e:
        return "error:" + str(e)
    try:
        v = a.reshape(req, order=order, copy=False)
    except ValueError:
        return "copy:" + ints(resolved)
    return "view:" + ints(v.shape) + ":" + ints(v.strides)


def main():
    lines = []
    seen = set()
    while len(lines) < 320:
        a = random_view()
        req = random_request(a.size, a.shape)
        order = rng.choice("CF")
        key = (a.itemsize, a.shape, a.strides, order, tuple(req))
        if key in seen:
            continue
        seen.add(key)
        lines.append(";".join([str(a.itemsize), ints(a.shape), ints(a.strides), order,
                               ints(req), outcome(a, req, order)]))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "reshape_cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
