//! The typed loops against the element-at-a-time definitions they replace:
//! every dtype, operation and layout kind must give the same bits.

use smallvec::smallvec;

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::Order;
use crate::array::ndarray::Array;
use crate::array::ops::{self, apply, BinaryOp, Operand, UnaryOp};
use crate::array::reduce::{reduce_with, ReduceOp};
use crate::array::scalar::Scalar;

/// Bit-level equality of two values (NaN equals NaN, 0.0 differs from -0.0).
fn same(a: Scalar, b: Scalar) -> bool {
    match (a, b) {
        (Scalar::Float(x), Scalar::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Scalar::Complex(a, b), Scalar::Complex(c, d)) => {
            same(Scalar::Float(a), Scalar::Float(c)) && same(Scalar::Float(b), Scalar::Float(d))
        }
        _ => a == b,
    }
}

fn assert_same(got: &[Scalar], want: &[Scalar], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(same(*g, *w), "{what}: element {i}: got {g:?}, want {w:?}");
    }
}

/// Values exercising wrap-around, signs, zeros, NaN and infinities.
fn sample(n: usize, seed: u64) -> Vec<Scalar> {
    let special = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        2.5,
        -3.75,
        127.0,
        -128.0,
        255.0,
        300.0,
        1e10,
        -7.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.1,
    ];
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if i % 3 == 0 {
                Scalar::Float(special[(x % special.len() as u64) as usize])
            } else {
                Scalar::Float(((x % 2001) as f64 - 1000.0) / 8.0)
            }
        })
        .collect()
}

/// Arrays of `dtype` with shape (4, 6) in several layouts: C, F,
/// reversed, every other column, a broadcast row.
fn layouts(dtype: DType, seed: u64) -> Vec<Array> {
    let values = sample(48, seed);
    let base = Array::from_scalars(dtype, &[8, 6], &values).unwrap();
    let item = dtype.itemsize() as isize;
    let c = base.view_with(dtype, smallvec![4, 6], smallvec![6 * item, item], 0);
    let f = base.copy_as(dtype, Order::F).unwrap();
    let f = f.view_with(dtype, smallvec![4, 6], smallvec![item, 8 * item], 0);
    let reversed = base.view_with(
        dtype,
        smallvec![4, 6],
        smallvec![-6 * item, -item],
        (47 * item) as usize,
    );
    let strided = base.view_with(dtype, smallvec![4, 6], smallvec![12 * item, item], 0);
    let transposed = base.view_with(dtype, smallvec![4, 6], smallvec![item, 6 * item], 0);
    let broadcast = base.view_with(
        dtype,
        smallvec![4, 6],
        smallvec![0, item],
        6 * item as usize,
    );
    vec![c, f, reversed, strided, transposed, broadcast]
}

const BINARY_OPS: [BinaryOp; 20] = [
    BinaryOp::Add,
    BinaryOp::Subtract,
    BinaryOp::Multiply,
    BinaryOp::Divide,
    BinaryOp::FloorDivide,
    BinaryOp::Remainder,
    BinaryOp::Power,
    BinaryOp::BitAnd,
    BinaryOp::BitOr,
    BinaryOp::BitXor,
    BinaryOp::LeftShift,
    BinaryOp::RightShift,
    BinaryOp::Equal,
    BinaryOp::NotEqual,
    BinaryOp::Less,
    BinaryOp::LessEqual,
    BinaryOp::Greater,
    BinaryOp::GreaterEqual,
    BinaryOp::Maximum,
    BinaryOp::Minimum,
];

/// `op(a, b)` one element at a time, as `ops::binary` used to compute it.
fn reference_binary(
    op: BinaryOp,
    loop_dtype: DType,
    out: DType,
    a: &Array,
    b: &Array,
) -> Vec<Scalar> {
    a.to_scalars()
        .into_iter()
        .zip(b.to_scalars())
        .map(|(x, y)| {
            let r = apply(
                op,
                loop_dtype,
                element::cast(x, loop_dtype),
                element::cast(y, loop_dtype),
            );
            element::cast(r, out)
        })
        .collect()
}

#[test]
fn binary_loops_match_apply() {
    let mut checked = 0;
    for (k, &dtype) in DType::ALL.iter().enumerate() {
        for &other in &[dtype, DType::Float64, DType::Int16] {
            let lefts = layouts(dtype, k as u64 + 1);
            let rights = layouts(other, k as u64 + 100);
            for op in BINARY_OPS {
                // Shifted pairs mix layouts; equal pairs include two
                // C-ordered operands (the unplanned flat loop).
                let pairs = (0..lefts.len()).flat_map(|i| [(i, (i + 1) % rights.len()), (i, i)]);
                for (i, j) in pairs {
                    let (a, b) = (&lefts[i], &rights[j]);
                    let Ok(got) = ops::binary(
                        op,
                        &Operand::Array(a.clone()),
                        &Operand::Array(b.clone()),
                        None,
                    ) else {
                        continue;
                    };
                    let operands = [Operand::Array(a.clone()), Operand::Array(b.clone())];
                    let (loop_dtype, _) = ops::loop_dtypes(op, &operands).unwrap();
                    let want = reference_binary(op, loop_dtype, got.dtype(), a, b);
                    assert_same(
                        &got.to_scalars(),
                        &want,
                        &format!("{op:?} {dtype} {other} layouts {i} {j}"),
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 6000, "only {checked} cases ran");
}

#[test]
fn binary_with_python_scalars_and_out() {
    for &dtype in &DType::ALL {
        let a = &layouts(dtype, 7)[2];
        for op in [
            BinaryOp::Add,
            BinaryOp::Multiply,
            BinaryOp::Less,
            BinaryOp::Maximum,
        ] {
            let Ok(got) = ops::binary(op, &Operand::Array(a.clone()), &Operand::PyInt(3), None)
            else {
                continue;
            };
            // A C-ordered copy too (the unplanned flat loop).
            let c = a.copy().unwrap();
            let flat = ops::binary(op, &Operand::Array(c), &Operand::PyInt(3), None).unwrap();
            let three = Array::from_scalars(DType::Int64, &[], &[Scalar::Int(3)]).unwrap();
            let three = three.view_with(DType::Int64, smallvec![4, 6], smallvec![0, 0], 0);
            let operands = [Operand::Array(a.clone()), Operand::PyInt(3)];
            let (loop_dtype, _) = ops::loop_dtypes(op, &operands).unwrap();
            let want = reference_binary(op, loop_dtype, got.dtype(), a, &three);
            assert_same(&got.to_scalars(), &want, &format!("{op:?} {dtype} with 3"));
            assert_same(
                &flat.to_scalars(),
                &want,
                &format!("{op:?} {dtype} C with 3"),
            );
            // The same into a Fortran-ordered complex128 output (a cast on the way out).
            let out = Array::zeros(DType::Complex128, &[4, 6], Order::F).unwrap();
            ops::binary(
                op,
                &Operand::Array(a.clone()),
                &Operand::PyInt(3),
                Some(&out),
            )
            .unwrap();
            let want: Vec<Scalar> = want
                .iter()
                .map(|v| element::cast(*v, DType::Complex128))
                .collect();
            assert_same(
                &out.to_scalars(),
                &want,
                &format!("{op:?} {dtype} into complex out"),
            );
        }
    }
}

#[test]
fn in_place_overlap_reads_as_if_copied() {
    let a = Array::from_scalars(
        DType::Int64,
        &[5],
        &(0..5).map(Scalar::Int).collect::<Vec<_>>(),
    )
    .unwrap();
    let head = a.view_with(DType::Int64, smallvec![4], smallvec![8], 0);
    let tail = a.view_with(DType::Int64, smallvec![4], smallvec![8], 8);
    ops::binary(
        BinaryOp::Add,
        &Operand::Array(tail.clone()),
        &Operand::Array(head),
        Some(&tail),
    )
    .unwrap();
    let want: Vec<Scalar> = [0, 1, 3, 5, 7].into_iter().map(Scalar::Int).collect();
    assert_same(&a.to_scalars(), &want, "a[1:] += a[:-1]");
    // Exactly in place: each element reads only itself.
    ops::binary(
        BinaryOp::Add,
        &Operand::Array(a.clone()),
        &Operand::Array(a.clone()),
        Some(&a),
    )
    .unwrap();
    let want: Vec<Scalar> = [0, 2, 6, 10, 14].into_iter().map(Scalar::Int).collect();
    assert_same(&a.to_scalars(), &want, "a += a");
}

#[test]
fn unary_loops_match_definition() {
    for &dtype in &DType::ALL {
        for a in layouts(dtype, 3) {
            for op in [
                UnaryOp::Negative,
                UnaryOp::Positive,
                UnaryOp::Invert,
                UnaryOp::Absolute,
            ] {
                let Ok(got) = ops::unary(op, &a) else {
                    continue;
                };
                let want: Vec<Scalar> = a
                    .to_scalars()
                    .into_iter()
                    .map(|v| element::cast(ops::unary_scalar(op, v), got.dtype()))
                    .collect();
                assert_same(&got.to_scalars(), &want, &format!("{op:?} {dtype}"));
            }
        }
    }
}

#[test]
fn copies_and_casts_match_element_cast() {
    for &from in &DType::ALL {
        for a in layouts(from, 11) {
            for &to in &DType::ALL {
                for order in [Order::C, Order::F] {
                    let got = a.copy_as(to, order).unwrap();
                    let want: Vec<Scalar> = a
                        .to_scalars()
                        .into_iter()
                        .map(|v| element::cast(v, to))
                        .collect();
                    assert_same(
                        &got.to_scalars(),
                        &want,
                        &format!("{from} -> {to} {order:?}"),
                    );
                }
            }
        }
    }
}

#[test]
fn large_transposed_copy() {
    // Past one tile (partial tiles at the edges) and past the streaming
    // threshold.
    let n = 1030;
    let values: Vec<Scalar> = (0..n * n).map(|i| Scalar::Int(i as i64)).collect();
    let a = Array::from_scalars(DType::Float64, &[n, n], &values).unwrap();
    let t = a.view_with(
        DType::Float64,
        smallvec![n, n],
        smallvec![8, 8 * n as isize],
        0,
    );
    let got = t.copy().unwrap().to_scalars();
    for i in 0..n {
        for j in 0..n {
            assert!(same(got[i * n + j], Scalar::Float((j * n + i) as f64)));
        }
    }
}

const REDUCE_OPS: [ReduceOp; 9] = [
    ReduceOp::Sum,
    ReduceOp::Prod,
    ReduceOp::Min,
    ReduceOp::Max,
    ReduceOp::Mean,
    ReduceOp::Any,
    ReduceOp::All,
    ReduceOp::ArgMin,
    ReduceOp::ArgMax,
];

#[test]
fn reductions_match_definition() {
    for &dtype in &DType::ALL {
        for a in layouts(dtype, 5) {
            for op in REDUCE_OPS {
                for axes in [None, Some(vec![0]), Some(vec![1])] {
                    let axes = axes.as_deref();
                    let got = reduce_with(op, &a, axes, false, true);
                    let want = reduce_with(op, &a, axes, false, false);
                    match (got, want) {
                        (Ok(g), Ok(w)) => {
                            assert_eq!(g.dtype(), w.dtype());
                            assert_same(
                                &g.to_scalars(),
                                &w.to_scalars(),
                                &format!("{op:?} {dtype} {axes:?}"),
                            )
                        }
                        (Err(g), Err(w)) => assert_eq!(g.message, w.message),
                        _ => panic!("{op:?} {dtype}: one path failed"),
                    }
                }
            }
        }
    }
}

#[test]
fn long_float_sums_are_pairwise() {
    // Long enough for the recursive halves; compare with the definition.
    let values: Vec<Scalar> = (0..10_007)
        .map(|i| Scalar::Float(1.0 / (i as f64 + 0.37)))
        .collect();
    for dtype in [DType::Float32, DType::Float64] {
        let a = Array::from_scalars(dtype, &[10_007], &values).unwrap();
        let strided = a.view_with(
            dtype,
            smallvec![5_004],
            smallvec![2 * dtype.itemsize() as isize],
            0,
        );
        for x in [a, strided] {
            for op in [ReduceOp::Sum, ReduceOp::Mean] {
                let g = reduce_with(op, &x, None, false, true).unwrap();
                let w = reduce_with(op, &x, None, false, false).unwrap();
                assert_same(&g.to_scalars(), &w.to_scalars(), &format!("{op:?} {dtype}"));
            }
        }
    }
}

#[test]
fn cumsum_matches_sequential_adds() {
    for &dtype in &DType::ALL {
        let acc = crate::array::reduce::result_dtype(ReduceOp::Sum, dtype);
        for a in layouts(dtype, 9) {
            for axis in [None, Some(0), Some(1)] {
                let got = super::scan::cumsum(&a, axis, acc).unwrap();
                let shape = a.shape();
                let values = a.to_scalars();
                let mut want = values.clone();
                let (n0, n1) = (shape[0], shape[1]);
                let add = |x: Scalar, y: Scalar| apply(BinaryOp::Add, acc, x, y);
                match axis {
                    None => {
                        let mut run = element::cast(values[0], acc);
                        want[0] = run;
                        for i in 1..values.len() {
                            run = add(run, element::cast(values[i], acc));
                            want[i] = run;
                        }
                    }
                    Some(0) => {
                        for j in 0..n1 {
                            want[j] = element::cast(values[j], acc);
                            for i in 1..n0 {
                                want[i * n1 + j] = add(
                                    want[(i - 1) * n1 + j],
                                    element::cast(values[i * n1 + j], acc),
                                );
                            }
                        }
                    }
                    _ => {
                        for i in 0..n0 {
                            want[i * n1] = element::cast(values[i * n1], acc);
                            for j in 1..n1 {
                                want[i * n1 + j] = add(
                                    want[i * n1 + j - 1],
                                    element::cast(values[i * n1 + j], acc),
                                );
                            }
                        }
                    }
                }
                assert_same(
                    &got.to_scalars(),
                    &want,
                    &format!("cumsum {dtype} {axis:?}"),
                );
            }
        }
    }
}

#[test]
fn large_outputs_are_streamed_correctly() {
    // Over `stream::MIN_BYTES`, starting at an odd offset so the stream
    // has a head, a body and a tail.
    let n = (super::stream::MIN_BYTES / 8) + 5;
    let values: Vec<Scalar> = (0..n + 1).map(|i| Scalar::Float(i as f64 * 0.5)).collect();
    let base = Array::from_scalars(DType::Float64, &[n + 1], &values).unwrap();
    let a = base.view_with(DType::Float64, smallvec![n], smallvec![8], 8);
    let got = ops::binary(
        BinaryOp::Multiply,
        &Operand::Array(a.clone()),
        &Operand::PyFloat(3.0),
        None,
    )
    .unwrap();
    let got = got.to_scalars();
    for (i, g) in got.iter().enumerate() {
        assert!(
            same(*g, Scalar::Float((i + 1) as f64 * 0.5 * 3.0)),
            "element {i}"
        );
    }
}

#[test]
fn map_f64_matches_the_float_ufunc_definition() {
    for &dtype in &[
        DType::Int8,
        DType::Int64,
        DType::UInt16,
        DType::Float32,
        DType::Float64,
        DType::Bool,
    ] {
        for a in layouts(dtype, 13) {
            for (out, f) in [
                (
                    if dtype == DType::Float32 || dtype.itemsize() <= 2 {
                        DType::Float32
                    } else {
                        DType::Float64
                    },
                    f64::sqrt as fn(f64) -> f64,
                ),
                (DType::Float64, f64::exp),
                (
                    if dtype.is_integer() {
                        dtype
                    } else {
                        DType::Float64
                    },
                    f64::floor,
                ),
            ] {
                let got = super::ufunc::map_f64(&a, out, f).unwrap();
                let want: Vec<Scalar> = a
                    .to_scalars()
                    .into_iter()
                    .map(|v| element::cast(Scalar::Float(f(element::cast(v, out).to_f64())), out))
                    .collect();
                assert_same(&got.to_scalars(), &want, &format!("map {dtype} -> {out}"));
            }
        }
    }
}
