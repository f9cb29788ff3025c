"""Regenerates overlap_cases.txt from NumPy.

Run from the repository root:  python3 src/array/testdata/gen_overlap_cases.py

Each line is
    pair;off1;shape1;strides1;itemsize1;off2;shape2;strides2;itemsize2;answers
for two views of one byte buffer (offsets in bytes from its start), or
    self;off;shape;strides;itemsize;answers
for NumPy's internal-overlap test of one view. `answers` is a
comma-separated list of `max_work=result`, max_work `none` meaning exact,
result T (True), F (False) or H (TooHardError); for pairs the first entry
is `bounds=T|F`, NumPy's may_share_memory.
"""
import os
import random

import numpy as np
from numpy._core._multiarray_tests import internal_overlap

rng = random.Random(1234)
N = 4096
BUF = np.zeros(N, dtype=np.uint8)
DTYPES = {1: np.int8, 2: np.int16, 4: np.int32, 8: np.int64}
BUDGETS = [None, 0, 1, 2, 3, 5, 10, 30, 100, 1000]


def ints(xs):
    return ",".join(str(int(x)) for x in xs)


def view(offset, shape, strides, itemsize):
    return np.ndarray(shape, dtype=DTYPES[itemsize], buffer=BUF, offset=offset, strides=strides)


def random_view():
    """A view inside BUF with random (possibly overlapping) strides."""
    while True:
        itemsize = rng.choice([1, 1, 2, 4, 8])
        nd = rng.randrange(0, 4)
        shape = [rng.choice([0, 1, 2, 3, 4, 5, 7, 9, 13]) for _ in range(nd)]
        unit = rng.choice([1, itemsize, itemsize, 3])
        strides = [rng.choice([0, 1, 2, 3, 5, 7, 11, 13, 24, 40, 97]) * unit * rng.choice([1, 1, -1])
                   for _ in range(nd)]
        lo = sum(s * (d - 1) for s, d in zip(strides, shape) if s < 0 and d > 0)
        hi = sum(s * (d - 1) for s, d in zip(strides, shape) if s > 0 and d > 0) + itemsize
        if hi - lo > 300:
            continue
        offset = rng.randrange(-lo, -lo + 320 - (hi - lo) + 1)
        try:
            v = view(offset, shape, strides, itemsize)
        except (ValueError, TypeError):
            continue
        return offset, v


def harder_view():
    """A larger view with mutually prime strides, where the search takes work."""
    while True:
        itemsize = rng.choice([1, 1, 2])
        nd = rng.randrange(2, 4)
        shape = [rng.randrange(3, 25) for _ in range(nd)]
        strides = [rng.choice([3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 97, 101]) for _ in range(nd)]
        extent = sum(s * (d - 1) for s, d in zip(strides, shape)) + itemsize
        if extent > 3000:
            continue
        offset = rng.randrange(0, 3000 - extent + 1)
        return offset, view(offset, shape, strides, itemsize)


def sliced_pair():
    """Two slices of one 3-d array, as in NumPy's own overlap fuzz tests."""
    itemsize = rng.choice([1, 2, 4])
    shape = [rng.randrange(2, 8) for _ in range(3)]
    base_strides = [shape[1] * shape[2] * itemsize, shape[2] * itemsize, itemsize]
    out = []
    for _ in range(2):
        offset = 0
        sh, st = [], []
        for d, s in zip(shape, base_strides):
            step = rng.choice([1, 1, 2, 3, -1, -2])
            idx = list(range(d))[slice(rng.randrange(0, d), None, step)] if step > 0 else \
                list(range(d))[slice(rng.randrange(0, d), None, step)]
            if not idx:
                idx = [0]
            offset += idx[0] * s
            sh.append(len(idx))
            st.append(step * s)
        perm = list(range(3))
        rng.shuffle(perm)
        out.append((offset, view(offset, [sh[p] for p in perm], [st[p] for p in perm], itemsize)))
    return out


def answer(f):
    try:
        return "T" if f() else "F"
    except Exception as e:
        if type(e).__name__ == "TooHardError" or "max_work" in str(e):
            return "H"
        raise


def describe(offset, v):
    return [str(offset), ints(v.shape), ints(v.strides), str(v.itemsize)]


def main():
    lines = []
    while len(lines) < 400:
        kind = rng.random()
        if kind < 0.3:
            (o1, a), (o2, b) = sliced_pair()
        elif kind < 0.5:
            (o1, a), (o2, b) = harder_view(), harder_view()
        else:
            (o1, a), (o2, b) = random_view(), random_view()
        answers = ["bounds=" + answer(lambda: np.may_share_memory(a, b))]
        for mw in BUDGETS:
            answers.append(f"{'none' if mw is None else mw}=" +
                           answer(lambda: np.shares_memory(a, b, max_work=mw)))
        lines.append(";".join(["pair"] + describe(o1, a) + describe(o2, b) + [",".join(answers)]))
    while len(lines) < 550:
        o, a = random_view() if rng.random() < 0.7 else harder_view()
        answers = []
        for mw in BUDGETS:
            m = -1 if mw is None else mw
            answers.append(f"{'none' if mw is None else mw}=" + answer(lambda: internal_overlap(a, max_work=m)))
        lines.append(";".join(["self"] + describe(o, a) + [",".join(answers)]))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "overlap_cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
