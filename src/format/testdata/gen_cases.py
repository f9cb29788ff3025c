"""Writes cases.txt: expected NumPy output for the printing tests.

Regenerate with NumPy 2.4 under CPython 3:

    python3 src/format/testdata/gen_cases.py > src/format/testdata/cases.txt

`--fuzz SEED COUNT` writes COUNT random cases instead; the ignored test
`format::tests::numpy_fuzz_file` checks such a file:

    python3 src/format/testdata/gen_cases.py --fuzz 1 5000 > /tmp/fuzz.txt
    NPVIEW_FORMAT_CASES=/tmp/fuzz.txt cargo test --lib numpy_fuzz_file -- --ignored

Record format (one record per line, fields separated by a single space):

    A <name> <dtype> <shape> <opts> <values>   an array; then S str, R repr
    X <dtype> <value>                          a NumPy scalar; then S str, R repr
    F <value>                                  a Python float; then R repr
    C <value>                                  a Python complex; then R repr
    D <dtype>                                  a dtype; then R repr

    S <escaped text>                           expected str(...)
    R <escaped text>                           expected repr(...)

<shape> is "-" for 0-d, else comma-separated lengths. <opts> is "-" for the
defaults, else linewidth,threshold,edgeitems,precision. <values> is
"dense:" + comma-separated values in C order, or "sparse:" + comma-separated
flat_index=value pairs holding only the elements NumPy prints (the test
fails if the printer reads any other element). A float is the hex of its
IEEE double bits (float32 values widened); a complex is re/im joined by
"/"; bools are 0/1; integers are decimal. In expected text a backslash
is written as two backslashes and a newline as backslash-n.
"""

import itertools
import math
import random
import struct
import sys

import numpy as np

OUT = []
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
          "uint32", "uint64", "float32", "float64", "complex64", "complex128"]


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n")


def fbits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def enc(dt, v):
    k = np.dtype(dt).kind
    if k == "b":
        return "1" if v else "0"
    if k in "iu":
        return str(int(v))
    if k == "f":
        return fbits(v)
    return fbits(v.real) + "/" + fbits(v.imag)


def printed_flat_indices(a, edge):
    lists = []
    for n in a.shape:
        if n > 2 * edge:
            lists.append(list(range(edge)) + list(range(n - edge, n)) if edge else list(range(n)))
        else:
            lists.append(list(range(n)))
    strides = [int(np.prod(a.shape[i + 1:])) for i in range(a.ndim)]
    for idx in itertools.product(*lists):
        yield sum(i * s for i, s in zip(idx, strides)), idx


def add_array(name, a, opts=None):
    a = np.asarray(a)
    dt = a.dtype.name
    assert dt in DTYPES, dt
    shape = "-" if a.ndim == 0 else ",".join(str(n) for n in a.shape)
    kw = {}
    ostr = "-"
    if opts:
        lw, thr, edge, prec = opts
        kw = dict(linewidth=lw, threshold=thr, edgeitems=edge, precision=prec)
        ostr = "%d,%d,%d,%d" % opts
    thr = kw.get("threshold", 1000)
    edge = kw.get("edgeitems", 3)
    if a.size > thr:
        vals = "sparse:" + ",".join(
            "%d=%s" % (flat, enc(dt, a[idx])) for flat, idx in printed_flat_indices(a, edge))
    else:
        vals = "dense:" + ",".join(enc(dt, v) for v in a.reshape(-1))
    with np.printoptions(**kw):
        s, r = str(a), repr(a)
    OUT.append("A %s %s %s %s %s" % (name, dt, shape, ostr, vals))
    OUT.append("S " + esc(s))
    OUT.append("R " + esc(r))


def add_scalar(dt, v):
    x = np.dtype(dt).type(v)
    OUT.append("X %s %s" % (dt, enc(dt, x)))
    OUT.append("S " + esc(str(x)))
    OUT.append("R " + esc(repr(x)))


def add_float(v):
    OUT.append("F " + fbits(v))
    OUT.append("R " + esc(repr(float(v))))


def add_complex(v):
    OUT.append("C %s/%s" % (fbits(v.real), fbits(v.imag)))
    OUT.append("R " + esc(repr(complex(v))))


rng = random.Random(20240601)
nan, inf = float("nan"), float("inf")
f32 = np.float32
FLOATS = ["float32", "float64"]
COMPLEX = ["complex64", "complex128"]


def fixed_cases():

    # ---- the printing probes
    add_array("bool", np.array([True, False, True]))
    for dt in ["int8", "int16", "int32", "int64"]:
        add_array("small_" + dt, np.array([1, -2, 3], dtype=dt))
    add_array("int64_300", np.array([1, -2, 300]))
    add_array("uint8", np.array([0, 255, 7], dtype=np.uint8))
    add_array("uint64_max", np.array([0, 2**64 - 1], dtype=np.uint64))
    add_array("f32_mix", np.array([0.1, 1.5, 3], dtype=np.float32))

    FLOAT_ROWS = [
        [0.1, 0.2, 0.3], [1.0, 2.0, 3.0], [1.0, 2.5, 100.0], [1e-5, 1.0], [1e-5], [1e-4, 1.0],
        [1e20, 1.0], [1e16, 1.0], [1e15, 1.0], [1e8, 1.5], [nan, inf, -inf, 1.0], [nan, 1.0, 2.0],
        [-0.0, 0.0, 1.0], [-0.0], [0.0], [1 / 3, 2 / 3], [math.pi, math.pi * 1000, math.pi * 1e6],
        [1.123456789], [0.1 + 0.2], [1e3, 1e-3], [0.001, 1000.0], [1e-4, 10.0], [1e-300],
        [1e-300, 1e-5], [1e100, 1.0], [-0.0, 1e-5], [0.0, 1e-5], [-inf, 1e-5], [nan, 1e-5, 1e-300],
        [3 * 2**-9], [2**-9], [2.000000015], [1.000000005], [0.123456785], [0.9999999999],
        [9.9999999999], [99999999.99], [99999999.0], [100000000.0], [1e8 - 1, 1.0],
        [np.nextafter(1e-4, 0)], [1e-4], [np.nextafter(1e-4, 1)], [0.0001, 0.1], [0.0001, 0.1, 0.10001],
        [1.0, 1000.0], [1.0, 1000.0000000001], [0.5, 500.0], [0.5, 500.00000000001],
        [5e-324], [2.2250738585072014e-308], [1.7976931348623157e308], [-1.7976931348623157e308, 1.0],
        [nan], [inf], [-inf], [nan, inf], [nan, -inf], [inf, -inf, nan], [-1.5, nan], [-1e-5, nan],
        [12345678.9], [12345678.123456789], [-12345678.9, 0.5], [1e7, 0.001], [0.1, -0.25, 1e3],
        [123.456, -7.0], [-1.0, -2.0], [1e-10, -1e-10], [0.3, 1e-7, 5.0], [2.5e-5, 3.5e12],
        [1.5, -2.25, 3.125, -4.0625], [100.5, 20.25], [9.5, 99.5, 999.5], [0.05, 0.15, 0.25],
        [1 / 7, 22 / 7, 355 / 113], [6.02214076e23, 1.602176634e-19], [-6.02214076e23, nan, inf],
        [1e-8, 1e-9], [0.00012345678901, 1.0], [0.00012345678901, 0.1], [1e22, 1e23, 1e24],
        [2.0**62, 2.0**63], [2.0**-20], [float(2**53 + 2)], [0.1 * 3, 0.7 * 3],
    ]
    for i, row in enumerate(FLOAT_ROWS):
        for dt in FLOATS:
            with np.errstate(all="ignore"):
                a = np.array(row, dtype=dt)
            add_array("floats%d_%s" % (i, dt), a)

    # float32 specific cut-offs
    F32_ROWS = [[1e6], [999999.94], [f32(999999.94), 999.0], [1e6, 1.0], [f32(1e-4)],
                [f32(1e-4), 1.0], [16777216.0], [0.1, 0.2, 0.3], [1 / 3], [3.4028235e38],
                [1e-45], [1.1754944e-38], [0.001, 1.0], [f32(0.001), f32(1.0000001)],
                [123456.7, 0.5], [f32(1.0), f32(1000.0)], [f32(0.1), f32(100.0)],
                [f32(0.1), f32(100.00001)]]
    for i, row in enumerate(F32_ROWS):
        add_array("f32cut%d" % i, np.array(row, dtype=np.float32))

    # random floats of every scale
    for i in range(140):
        dt = FLOATS[i % 2]
        n = rng.randint(1, 9)
        kind = i % 7
        vals = []
        for _ in range(n):
            if kind == 0:
                v = rng.uniform(-10, 10)
            elif kind == 1:
                v = 10 ** rng.uniform(-6, 10) * rng.choice([1, -1])
            elif kind == 2:
                v = round(rng.uniform(-1000, 1000), rng.randint(0, 4))
            elif kind == 3:
                v = rng.choice([nan, inf, -inf, 0.0, -0.0, rng.uniform(0, 2), 10 ** rng.uniform(-5, 5)])
            elif kind == 4:
                v = float(rng.randint(-10**9, 10**9))
            elif kind == 5:
                v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
            else:
                v = rng.uniform(0, 1) * 10 ** rng.randint(-3, 3)
            vals.append(v)
        with np.errstate(all="ignore"):
            a = np.array(vals, dtype=dt)
        if kind == 5 and dt == "float32":
            a = np.frombuffer(struct.pack("<%dI" % n, *[rng.getrandbits(32) for _ in range(n)]),
                              dtype=np.float32).copy()
        add_array("rand%d_%s" % (i, dt), a)

    # ---- integers and bools
    for dt in DTYPES[1:9]:
        info = np.iinfo(dt)
        add_array("range_" + dt, np.array([info.min, 0, info.max], dtype=dt))
        add_array("minmax_" + dt, np.array([info.min, info.max], dtype=dt))
        add_array("neg_" + dt, np.array([7, 0, 1] if info.min == 0 else [-1, -10, 5], dtype=dt))
        add_array("zero_" + dt, np.zeros(4, dtype=dt))
        add_array("arange25_" + dt, np.arange(25, dtype=dt))
        add_array("arange2d_" + dt, np.arange(12, dtype=dt).reshape(3, 4))
        add_array("arange0d_" + dt, np.array(info.max, dtype=dt))
        add_array("min0d_" + dt, np.array(info.min, dtype=dt))
        add_array("summ_" + dt, np.arange(2000).astype(dt))
    for n in (1, 2, 3, 13, 14, 15, 16, 30):
        add_array("bools%d" % n, np.array([i % 3 == 0 for i in range(n)]))
    add_array("bool_false", np.array([False, False]))
    add_array("bool_2d", np.array([[True, False], [False, False]]))
    add_array("bool_0d_t", np.array(True))
    add_array("bool_0d_f", np.array(False))
    add_array("bool_summ", np.ones(1001, dtype=bool))
    add_array("bool_summ2d", np.eye(40, dtype=bool))
    add_array("int64_extremes", np.array([-2**63, 2**63 - 1, 0]))
    add_array("int64_extremes_2d", np.array([[-2**63, 1], [2, 3]]))
    add_array("uint64_big", np.array([2**63, 1, 2**64 - 1], dtype=np.uint64))
    add_array("int_widths", np.array([5, -50, 500, -5000]))

    # ---- complex
    CPLX_ROWS = [
        [1 + 2j, 3 - 4.5j], [1 + 0j, 1j], [complex(nan, 1), complex(1, inf)], [1 + 2j],
        [0j], [complex(-0.0, -0.0)], [complex(0, -0.0), complex(-0.0, 0)], [1e-5 + 1j, 1 + 1e-5j],
        [complex(1e-5, 1), complex(-inf, -inf)], [1 + 1j, complex(nan, 0)], [complex(nan, nan)],
        [complex(inf, nan), complex(-inf, 1)], [1 / 3 + 2j / 3, -0.5 - 1e3j], [1e20 + 1j, 2 - 3j],
        [0.1 + 0.2j, 0.3 + 0.4j, 0.5 - 0.6j], [1e8 + 1e-8j], [-1 - 1j, 10 + 100j, -1000 + 0.5j],
        [complex(1.5, inf), complex(-2.25, -inf)], [complex(123456.789, -0.001)],
    ]
    for i, row in enumerate(CPLX_ROWS):
        for dt in COMPLEX:
            add_array("cplx%d_%s" % (i, dt), np.array(row, dtype=dt))
    for i in range(30):
        dt = COMPLEX[i % 2]
        n = rng.randint(1, 6)
        vals = []
        for _ in range(n):
            def part():
                c = rng.randint(0, 5)
                if c == 0:
                    return rng.choice([nan, inf, -inf, 0.0, -0.0])
                if c == 1:
                    return float(rng.randint(-100, 100))
                if c == 2:
                    return 10 ** rng.uniform(-6, 9) * rng.choice([1, -1])
                return rng.uniform(-5, 5)
            vals.append(complex(part(), part()))
        add_array("crand%d_%s" % (i, dt), np.array(vals, dtype=dt))
    add_array("cplx_arange12", np.arange(12) * (1 + 1j))
    add_array("cplx_2d", (np.arange(6) * (1 - 0.5j)).reshape(2, 3))
    add_array("cplx_summ", np.arange(1001) * (1 + 1j))
    add_array("cplx64_summ", (np.arange(2000) * (0.5 - 1j)).astype(np.complex64))
    add_array("cplx_0d", np.array(1 + 2j))
    add_array("cplx_0d_nan", np.array(complex(nan, -inf)))
    add_array("cplx64_0d", np.array(0.1 - 0.2j, dtype=np.complex64))

    # ---- 0-d
    for dt in DTYPES:
        for v in [0, 1, 5]:
            add_array("zerod_%s_%d" % (dt, v), np.array(v, dtype=dt))
    for dt in FLOATS:
        for v in [2.5, 1.0, nan, inf, -inf, -0.0, 0.1, 1e-5, 1e20, 1e16, 123456789.0, 1 / 3, 1e-300]:
            add_array("zerod_%s_%r" % (dt, v), np.array(v, dtype=dt))

    # ---- empty
    for dt in DTYPES:
        add_array("empty_" + dt, np.zeros(0, dtype=dt))
    for shape in [(0, 3), (2, 0), (3, 0, 2), (1, 0), (0, 0), (1, 0, 0), (0,), (2, 3, 0), (0, 1)]:
        for dt in ["int64", "float64", "int8", "bool", "complex64"]:
            add_array("empty_%s_%s" % ("x".join(map(str, shape)), dt), np.zeros(shape, dtype=dt))

    # ---- layout: shapes and wrapping
    for n in list(range(1, 41)) + [50, 99, 100, 101, 200]:
        add_array("arange%d" % n, np.arange(n))
    for n in range(1, 30):
        add_array("arange%d_int8" % n, np.arange(n, dtype=np.int8))
    for n in (5, 10, 20, 30):
        add_array("thirds%d" % n, np.arange(n) / 3)
        add_array("thirds%d_f32" % n, (np.arange(n) / 3).astype(np.float32))
    for start in (100, 1000, 10**6, 10**9, 10**12, 10**17):
        add_array("wide%d" % start, np.arange(start, start + 30))
    for shape in [(2, 3), (3, 2), (1, 1), (3, 1), (1, 3), (2, 2, 2), (2, 3, 4), (2, 2, 2, 2),
                  (1, 1, 1), (3, 1, 2), (1, 2, 1, 2), (2, 1, 1, 1, 2), (2, 30), (3, 25), (2, 2, 20),
                  (4, 5, 6), (2, 2, 2, 2, 2), (10, 10), (5, 40)]:
        n = int(np.prod(shape))
        add_array("shape_" + "x".join(map(str, shape)), np.arange(n).reshape(shape))
        add_array("shapef_" + "x".join(map(str, shape)), (np.arange(n) * 1.25 - 3).reshape(shape))
        add_array("shapei8_" + "x".join(map(str, shape)), np.arange(n, dtype=np.int8).reshape(shape))
        add_array("shapeb_" + "x".join(map(str, shape)), (np.arange(n) % 2 == 0).reshape(shape))
        add_array("shapec_" + "x".join(map(str, shape)), (np.arange(n) * (1 - 1j)).reshape(shape))
    add_array("mixed_2d", np.array([[1, -200], [30, 4]]))
    add_array("float_2d", np.array([[1.5, 2.0], [-3.25, 4.0]]))
    add_array("float_2d_nan", np.array([[1e-5, 1], [2, nan]]))
    add_array("float_3d_wrap", np.arange(2 * 2 * 12).reshape(2, 2, 12) / 7)
    add_array("float_wide_rows", np.linspace(-1, 1, 40).reshape(2, 20))
    add_array("cplx_wide_rows", (np.linspace(-1, 1, 24) * (1 + 2j)).reshape(2, 12))
    add_array("uint64_wide", np.arange(10, dtype=np.uint64) * np.uint64(2**60))
    add_array("deep", np.arange(2).reshape((1,) * 9 + (2,)))

    # ---- summarisation
    add_array("summ1001", np.arange(1001))
    add_array("summ_float", np.arange(1001.0))
    add_array("summ_float32", np.arange(1001, dtype=np.float32))
    add_array("summ_linspace", np.linspace(0, 1, 1001))
    add_array("summ_40x40", np.arange(1600).reshape(40, 40))
    add_array("summ_2x600", np.zeros((2, 600)))
    add_array("summ_600x2", np.arange(1200).reshape(600, 2))
    add_array("summ_1001x1", np.zeros((1001, 1), dtype=int))
    add_array("summ_11x10x10", np.arange(1100).reshape(11, 10, 10))
    add_array("summ_2x2x300", np.arange(1200).reshape(2, 2, 300))
    add_array("summ_7x7x7x7", np.arange(7**4).reshape(7, 7, 7, 7))
    add_array("summ_3x400", np.arange(1200).reshape(3, 400) * 0.5)
    add_array("summ_int8", np.arange(2000, dtype=np.int8))
    add_array("summ_int8_2d", np.arange(2000, dtype=np.int8).reshape(2, 1000))
    mid = np.arange(3000.0)
    mid[1500] = 1e-9
    add_array("summ_mid_ignored", mid)
    mid = np.arange(3000.0)
    mid[2] = 1e-9
    add_array("summ_edge_used", mid)
    mid = np.arange(3000.0)
    mid[1500] = nan
    add_array("summ_mid_nan", mid)
    add_array("summ_big", np.arange(10**5).reshape(100, 1000))
    add_array("summ_wide_vals", np.arange(1001) * 10**15)
    add_array("summ_1001x7", np.arange(7007).reshape(1001, 7) / 3)
    add_array("summ_5x5x50", np.arange(1250).reshape(5, 5, 50))
    add_array("summ_f32_2d", (np.arange(5000, dtype=np.float32) / 7).reshape(50, 100))

    # ---- dtype suffix and shape suffix placement
    for n in range(10, 24):
        add_array("suffix%d_int8" % n, np.arange(n, dtype=np.int8))
        add_array("suffix%d_f32" % n, np.arange(n, dtype=np.float32))
    for n in (8, 9, 10, 11, 12):
        add_array("suffix%d_u64" % n, np.arange(n, dtype=np.uint64) * np.uint64(10**12))
    add_array("suffix_c64", np.arange(8, dtype=np.complex64) * (1 + 1j))

    # ---- options
    for opts in [(40, 1000, 3, 8), (75, 10, 3, 8), (75, 10, 1, 8), (75, 1000, 3, 3), (75, 10, 0, 8),
                 (20, 5, 2, 4), (200, 1000, 3, 8), (75, 1000, 3, 0), (75, 1000, 3, 1)]:
        tag = "_".join(map(str, opts))
        add_array("opt%s_arange30" % tag, np.arange(30), opts)
        add_array("opt%s_thirds" % tag, np.arange(12) / 3, opts)
        add_array("opt%s_2d" % tag, np.arange(48).reshape(6, 8) * 1.5, opts)
        add_array("opt%s_3d" % tag, np.arange(105).reshape(3, 5, 7), opts)
        add_array("opt%s_cplx" % tag, np.arange(12) * (0.1 + 1j), opts)
        add_array("opt%s_sci" % tag, np.array([1e-5, 1.2345678, 123.45]), opts)
        add_array("opt%s_int8" % tag, np.arange(20, dtype=np.int8), opts)

    # ---- scalars
    for dt in DTYPES[1:9]:
        info = np.iinfo(dt)
        for v in [0, 1, 7, -3 if info.min < 0 else 3, info.min, info.max]:
            add_scalar(dt, v)
    add_scalar("bool", True)
    add_scalar("bool", False)
    SCALAR_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.1, 1.5, 100.0, 1e16, 1e15, 1e-5, 1e-4, 1e20, nan, inf,
                     -inf, 1 / 3, 5e-324, 1.7976931348623157e308, 123456789.0, 9999999999999998.0,
                     0.30000000000000004, 1e6, 999999.94, 1e7, 16777216.0, 1e-45, 3.4028235e38,
                     np.nextafter(1e-4, 0), 2.5e-4, -1e-300, 12345.678]
    for v in SCALAR_FLOATS:
        add_scalar("float64", v)
        with np.errstate(all="ignore"):
            add_scalar("float32", v)
    for i in range(120):
        v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if i % 3 == 1:
            v = 10 ** rng.uniform(-8, 20) * rng.choice([1, -1])
        elif i % 3 == 2:
            v = round(rng.uniform(-1e7, 1e7), rng.randint(0, 6))
        add_scalar("float64", v)
        f = np.frombuffer(struct.pack("<I", rng.getrandbits(32)), dtype=np.float32)[0]
        if i % 3 == 1:
            with np.errstate(all="ignore"):
                f = np.float32(10 ** rng.uniform(-8, 10) * rng.choice([1, -1]))
        add_scalar("float32", float(f))
    SCALAR_COMPLEX = [1 + 2j, 0j, complex(-0.0, 0), complex(0, -0.0), complex(-0.0, -0.0), 1j, -1j,
                      complex(1, nan), complex(nan, 1), complex(nan, nan), complex(inf, -inf),
                      complex(0, nan), complex(0, inf), complex(-0.0, inf), 1e16 + 1e-5j,
                      0.1 + 0.2j, complex(1e6, 16777216.0), 2.5 - 0.5j, complex(-inf, 0)]
    for v in SCALAR_COMPLEX:
        add_scalar("complex128", v)
        with np.errstate(all="ignore"):
            add_scalar("complex64", v)

    # ---- Python float and complex repr
    for v in SCALAR_FLOATS:
        add_float(v)
    for i in range(200):
        if i % 2:
            v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        else:
            v = 10 ** rng.uniform(-20, 25) * rng.choice([1, -1])
        add_float(v)
    # floats whose shortest digits need the round-half-even boundary
    for q in (922337205, 922337207, 1000000001):
        add_float(float(((5**10 * q - 1) // 2) * 2**11))
    for v in SCALAR_COMPLEX + [complex(-1.5, 2e-7), complex(1e300, -1e-300)]:
        add_complex(v)

    for dt in DTYPES:
        OUT.append("D " + dt)
        OUT.append("R " + esc(repr(np.dtype(dt))))



def random_float(rng, dt):
    c = rng.randint(0, 9)
    if c == 0:
        return rng.choice([nan, inf, -inf, 0.0, -0.0])
    if c == 1:
        return float(rng.randint(-1000, 1000))
    if c == 2:
        return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if c == 3:
        return round(rng.uniform(-100, 100), rng.randint(0, 3))
    if c == 4:
        return 10 ** rng.uniform(-12, 12) * rng.choice([1, -1])
    if c == 5:
        return rng.choice([1e-4, 1e8, 1e6, 1e3, 1e-3, 0.5, 2.0**-9, 1e16, 999999.94])
    return rng.uniform(-10, 10) * 10 ** rng.randint(-5, 9)


def random_array(rng):
    dt = rng.choice(DTYPES)
    shape_kind = rng.randint(0, 9)
    if shape_kind == 0:
        shape = ()
    elif shape_kind <= 3:
        shape = (rng.randint(0, 40),)
    elif shape_kind <= 6:
        shape = tuple(rng.randint(0, 6) for _ in range(rng.randint(2, 4)))
    elif shape_kind == 7:
        shape = (rng.randint(990, 1200),)
    else:
        shape = tuple(rng.choice([1, 2, 3, 7, 8, 40, 300]) for _ in range(rng.randint(2, 4)))
    n = int(np.prod(shape))
    if n > 20000:
        shape = (rng.randint(1001, 2000),)
        n = shape[0]
    kind = np.dtype(dt).kind
    with np.errstate(all="ignore"):
        if kind == "b":
            a = np.array([rng.random() < 0.5 for _ in range(n)], dtype=bool)
        elif kind in "iu":
            info = np.iinfo(dt)
            hi = min(rng.choice([9, 99, 1000, int(info.max)]), int(info.max))
            lo = 0 if kind == "u" else max(-rng.choice([9, 99, 1000, -int(info.min)]), int(info.min))
            a = np.array([rng.randint(lo, hi) for _ in range(n)], dtype=object).astype(dt)
        elif kind == "f":
            scale = rng.choice([None, 1.0, 1e-5, 1e9])
            vals = [random_float(rng, dt) if scale is None or rng.random() < 0.1
                    else rng.uniform(-1, 1) * scale for _ in range(n)]
            a = np.array(vals, dtype=dt)
        else:
            vals = [complex(random_float(rng, dt), random_float(rng, dt)) for _ in range(n)]
            a = np.array(vals, dtype=dt)
    return a.reshape(shape)


def fuzz(seed, count):
    rng = random.Random(seed)
    for i in range(count):
        r = rng.random()
        if r < 0.8:
            opts = None
            if rng.random() < 0.15:
                opts = (rng.choice([10, 40, 75, 120]), rng.choice([5, 100, 1000]),
                        rng.choice([0, 1, 2, 3]), rng.choice([0, 1, 3, 8, 12]))
            add_array("fuzz%d" % i, random_array(rng), opts)
        elif r < 0.9:
            dt = rng.choice(DTYPES)
            kind = np.dtype(dt).kind
            if kind == "b":
                v = rng.random() < 0.5
            elif kind in "iu":
                info = np.iinfo(dt)
                v = rng.randint(int(info.min), int(info.max))
            elif kind == "f":
                v = random_float(rng, dt)
            else:
                v = complex(random_float(rng, dt), random_float(rng, dt))
            with np.errstate(all="ignore"):
                add_scalar(dt, v)
        elif r < 0.95:
            add_float(random_float(rng, "float64"))
        else:
            add_complex(complex(random_float(rng, "float64"), random_float(rng, "float64")))


if len(sys.argv) == 4 and sys.argv[1] == "--fuzz":
    fuzz(int(sys.argv[2]), int(sys.argv[3]))
else:
    fixed_cases()

sys.stdout.write("\n".join(OUT) + "\n")
