//! Reductions over axes: sum, prod, min, max, mean, any, all, argmin, argmax.
//!
//! Float sums follow NumPy's pairwise summation along the innermost memory
//! axis (and plain accumulation across other axes), so results agree with
//! NumPy to the last bit. This file fixes the order in which values are
//! visited and defines each reduction element by element; `typed` runs the
//! same order with typed loops wherever one exists.

use super::dtype::{DType, Kind};
use super::element;
use super::kernels::reduce::Plan;
use super::ndarray::{Array, StridedOffsets};
use super::ops::{apply, BinaryOp};
use super::scalar::Scalar;
use crate::error::{axis_error, value_error, PyResult};
use smallvec::smallvec;

mod typed;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReduceOp {
    Sum,
    Prod,
    Min,
    Max,
    Mean,
    Any,
    All,
    ArgMin,
    ArgMax,
}

impl ReduceOp {
    fn ufunc_name(self) -> &'static str {
        match self {
            ReduceOp::Min | ReduceOp::ArgMin => "minimum",
            ReduceOp::Max | ReduceOp::ArgMax => "maximum",
            ReduceOp::Sum | ReduceOp::Mean => "add",
            ReduceOp::Prod => "multiply",
            ReduceOp::Any => "logical_or",
            ReduceOp::All => "logical_and",
        }
    }
}

/// Normalises an axis argument (negative from the end) with NumPy's AxisError.
pub fn normalize_axis(axis: i64, ndim: usize) -> PyResult<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(axis_error(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// The dtype a reduction produces for input `dtype`.
pub fn result_dtype(op: ReduceOp, dtype: DType) -> DType {
    match op {
        ReduceOp::Sum | ReduceOp::Prod => match dtype.kind() {
            Kind::Bool | Kind::Int if dtype.itemsize() < 8 || dtype == DType::Bool => DType::Int64,
            Kind::UInt if dtype.itemsize() < 8 => DType::UInt64,
            _ => dtype,
        },
        ReduceOp::Mean => match dtype.kind() {
            Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
            _ => dtype,
        },
        ReduceOp::Any | ReduceOp::All => DType::Bool,
        ReduceOp::ArgMin | ReduceOp::ArgMax => DType::Int64,
        ReduceOp::Min | ReduceOp::Max => dtype,
    }
}

/// Reduces `a` over `axes` (None: all axes). The result is an array; with
/// all axes reduced and `keepdims` false it is 0-d.
pub fn reduce(op: ReduceOp, a: &Array, axes: Option<&[usize]>, keepdims: bool) -> PyResult<Array> {
    reduce_with(op, a, axes, keepdims, true)
}

/// `reduce`, with the typed loops (`typed`) or only the element-at-a-time
/// definition (kept as the reference the typed loops are tested against).
pub(crate) fn reduce_with(
    op: ReduceOp,
    a: &Array,
    axes: Option<&[usize]>,
    keepdims: bool,
    typed: bool,
) -> PyResult<Array> {
    let d = a.data();
    let ndim = d.shape.len();
    let mut reduced = vec![false; ndim];
    match axes {
        None => reduced.iter_mut().for_each(|r| *r = true),
        Some(list) => {
            for &ax in list {
                if reduced[ax] {
                    return Err(value_error("duplicate value in 'axis'"));
                }
                reduced[ax] = true;
            }
        }
    }
    if matches!(op, ReduceOp::ArgMin | ReduceOp::ArgMax)
        && reduced.iter().filter(|r| **r).count() > 1
    {
        // argmin/argmax over all axes work on the flattened C-order array.
        drop(d);
        let flat = a.copy()?;
        let n = flat.size();
        let flat = flat.view_with(
            flat.dtype(),
            smallvec![n],
            smallvec![flat.dtype().itemsize() as isize],
            0,
        );
        return reduce_with(op, &flat, Some(&[0]), keepdims, typed);
    }
    let kept: Vec<usize> = (0..ndim).filter(|&k| !reduced[k]).collect();
    let mut red: Vec<usize> = (0..ndim).filter(|&k| reduced[k]).collect();
    let count: usize = red.iter().map(|&k| d.shape[k]).product();
    if count == 0
        && matches!(
            op,
            ReduceOp::Min | ReduceOp::Max | ReduceOp::ArgMin | ReduceOp::ArgMax
        )
    {
        let out_size: usize = kept.iter().map(|&k| d.shape[k]).product();
        if out_size > 0 || ndim == 0 || kept.is_empty() {
            return Err(value_error(match op {
                ReduceOp::ArgMin | ReduceOp::ArgMax => format!(
                    "attempt to get {} of an empty sequence",
                    if op == ReduceOp::ArgMin {
                        "argmin"
                    } else {
                        "argmax"
                    }
                ),
                _ => format!(
                    "zero-size array to reduction operation {} which has no identity",
                    op.ufunc_name()
                ),
            }));
        }
    }
    // Reduced axes in memory order, outermost first (NumPy's iterator order),
    // except for arg-reductions, which follow index order.
    if !matches!(op, ReduceOp::ArgMin | ReduceOp::ArgMax) {
        red.sort_by_key(|&k| std::cmp::Reverse(d.strides[k].unsigned_abs()));
    }
    let run = pairwise_run(&d.shape, &d.strides, &red);
    let out_dtype = result_dtype(op, d.dtype);
    let out_shape: Vec<usize> = if keepdims {
        (0..ndim)
            .map(|k| if reduced[k] { 1 } else { d.shape[k] })
            .collect()
    } else {
        kept.iter().map(|&k| d.shape[k]).collect()
    };
    let kept_shape: Vec<usize> = kept.iter().map(|&k| d.shape[k]).collect();
    let kept_strides: Vec<isize> = kept.iter().map(|&k| d.strides[k]).collect();
    let red_shape: Vec<usize> = red.iter().map(|&k| d.shape[k]).collect();
    let red_strides: Vec<isize> = red.iter().map(|&k| d.strides[k]).collect();
    let plan = plan(
        op,
        &d.shape,
        &d.strides,
        &red,
        kept_shape.clone(),
        kept_strides.clone(),
    );
    if typed {
        if let Some(out) = typed::reduce(op, &d, out_dtype, &plan, &out_shape)? {
            return Ok(out);
        }
    }
    let bytes = d.buffer.bytes();
    let mut results = Vec::new();
    for base in StridedOffsets::new(&kept_shape, &kept_strides, d.offset) {
        let values: Vec<Scalar> = StridedOffsets::new(&red_shape, &red_strides, base)
            .map(|off| element::read(d.dtype, &bytes, off))
            .collect();
        results.push(reduce_values(op, d.dtype, out_dtype, &values, run));
    }
    drop(bytes);
    drop(d);
    Array::from_scalars(out_dtype, &out_shape, &results)
}

/// Length of the runs summed pairwise: the reduced axes at the inner end of
/// memory order that form one contiguous stretch, if the innermost axis of
/// the array is among them; 1 (plain accumulation) otherwise.
fn pairwise_run(shape: &[usize], strides: &[isize], red_sorted: &[usize]) -> usize {
    run_axes(shape, strides, red_sorted)
        .iter()
        .map(|&k| shape[k])
        .product()
}

/// The axes making up `pairwise_run`'s runs, innermost first.
fn run_axes(shape: &[usize], strides: &[isize], red_sorted: &[usize]) -> Vec<usize> {
    let innermost = (0..shape.len())
        .filter(|&k| shape[k] > 1)
        .min_by_key(|&k| strides[k].unsigned_abs());
    let Some(innermost) = innermost else {
        return vec![];
    };
    let active: Vec<usize> = red_sorted
        .iter()
        .copied()
        .filter(|&k| shape[k] > 1)
        .collect();
    if active.last() != Some(&innermost) {
        return vec![];
    }
    let mut axes = vec![innermost];
    let mut inner = innermost;
    for &k in active.iter().rev().skip(1) {
        if strides[k] == strides[inner] * shape[inner] as isize {
            axes.push(k);
            inner = k;
        } else {
            break;
        }
    }
    axes
}

/// The visiting order of a reduction (see `kernels::reduce`): the run
/// axes form the run; the other reduced axes, in `red` order, are outer.
/// Arg-reductions (one axis) visit it in index order as one run.
fn plan(
    op: ReduceOp,
    shape: &[usize],
    strides: &[isize],
    red: &[usize],
    kept_shape: Vec<usize>,
    kept_strides: Vec<isize>,
) -> Plan {
    if matches!(op, ReduceOp::ArgMin | ReduceOp::ArgMax) {
        let (run, run_stride) = red.first().map_or((1, 0), |&k| (shape[k], strides[k]));
        return Plan {
            kept_shape,
            kept_strides,
            outer_shape: vec![],
            outer_strides: vec![],
            run,
            run_stride,
        };
    }
    let run = run_axes(shape, strides, red);
    let outer: Vec<usize> = red.iter().copied().filter(|k| !run.contains(k)).collect();
    Plan {
        kept_shape,
        kept_strides,
        outer_shape: outer.iter().map(|&k| shape[k]).collect(),
        outer_strides: outer.iter().map(|&k| strides[k]).collect(),
        run: run.iter().map(|&k| shape[k]).product(),
        run_stride: run.first().map_or(0, |&k| strides[k]),
    }
}

fn reduce_values(op: ReduceOp, dtype: DType, out: DType, values: &[Scalar], run: usize) -> Scalar {
    match op {
        ReduceOp::Sum | ReduceOp::Mean => {
            let acc_dtype = if op == ReduceOp::Mean {
                out
            } else {
                result_dtype(ReduceOp::Sum, dtype)
            };
            let total = sum(values, acc_dtype, run);
            if op == ReduceOp::Sum {
                return total;
            }
            let n = values.len() as f64;
            match total {
                Scalar::Complex(re, im) if out == DType::Complex64 => {
                    element::cast(Scalar::Complex(re / n, im / n), out)
                }
                // NumPy divides by the count as complex division does:
                // both parts times 1/n.
                Scalar::Complex(re, im) => {
                    let scale = 1.0 / n;
                    Scalar::Complex(re * scale, im * scale)
                }
                other => element::cast(Scalar::Float(other.to_f64() / n), out),
            }
        }
        ReduceOp::Prod => {
            let acc = result_dtype(ReduceOp::Prod, dtype);
            values
                .iter()
                .fold(element::cast(Scalar::Int(1), acc), |p, &v| {
                    apply(BinaryOp::Multiply, acc, p, element::cast(v, acc))
                })
        }
        ReduceOp::Min | ReduceOp::Max => {
            let bin = if op == ReduceOp::Min {
                BinaryOp::Minimum
            } else {
                BinaryOp::Maximum
            };
            let mut it = values.iter();
            let first = it.next().copied().unwrap_or(Scalar::Int(0));
            it.fold(first, |m, &v| apply(bin, dtype, m, v))
        }
        ReduceOp::Any => Scalar::Bool(values.iter().any(|v| v.is_truthy())),
        ReduceOp::All => Scalar::Bool(values.iter().all(|v| v.is_truthy())),
        ReduceOp::ArgMin | ReduceOp::ArgMax => {
            let better = if op == ReduceOp::ArgMin {
                BinaryOp::Less
            } else {
                BinaryOp::Greater
            };
            let mut best = 0usize;
            for (i, &v) in values.iter().enumerate().skip(1) {
                let current = values[best];
                if is_nan(current) {
                    break;
                }
                if is_nan(v) || apply(better, dtype, v, current).is_truthy() {
                    best = i;
                }
            }
            Scalar::Int(best as i64)
        }
    }
}

fn is_nan(v: Scalar) -> bool {
    match v {
        Scalar::Float(f) => f.is_nan(),
        Scalar::Complex(re, im) => re.is_nan() || im.is_nan(),
        _ => false,
    }
}

/// Sum in `dtype`, pairwise over consecutive runs of `run` values.
fn sum(values: &[Scalar], dtype: DType, run: usize) -> Scalar {
    match dtype.kind() {
        Kind::Float => {
            let xs: Vec<f64> = values
                .iter()
                .map(|v| element::cast(*v, dtype).to_f64())
                .collect();
            let single = dtype == DType::Float32;
            let total = sum_runs(&xs, run, single);
            element::cast(Scalar::Float(total), dtype)
        }
        Kind::Complex => {
            let single = dtype == DType::Complex64;
            let re: Vec<f64> = values.iter().map(|v| v.to_complex().0).collect();
            let im: Vec<f64> = values.iter().map(|v| v.to_complex().1).collect();
            element::cast(
                Scalar::Complex(sum_runs(&re, run, single), sum_runs(&im, run, single)),
                dtype,
            )
        }
        _ => values
            .iter()
            .fold(element::cast(Scalar::Int(0), dtype), |acc, &v| {
                apply(BinaryOp::Add, dtype, acc, element::cast(v, dtype))
            }),
    }
}

fn sum_runs(xs: &[f64], run: usize, single: bool) -> f64 {
    let round = |v: f64| if single { v as f32 as f64 } else { v };
    let mut acc = 0.0;
    for chunk in xs.chunks(run.max(1)) {
        acc = round(acc + pairwise_sum(chunk, single));
    }
    acc
}

/// NumPy's pairwise summation (`@TYPE@_pairwise_sum`): blocks of 128 with
/// eight accumulators, halves split at a multiple of 8.
pub fn pairwise_sum(xs: &[f64], single: bool) -> f64 {
    let round = |v: f64| if single { v as f32 as f64 } else { v };
    let n = xs.len();
    if n < 8 {
        let mut res = 0.0;
        for &x in xs {
            res = round(res + x);
        }
        res
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        r.copy_from_slice(&xs[..8]);
        let mut i = 8;
        while i < n - (n % 8) {
            for j in 0..8 {
                r[j] = round(r[j] + xs[i + j]);
            }
            i += 8;
        }
        let mut res = round(
            round(round(r[0] + r[1]) + round(r[2] + r[3]))
                + round(round(r[4] + r[5]) + round(r[6] + r[7])),
        );
        for &x in &xs[i..] {
            res = round(res + x);
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        round(pairwise_sum(&xs[..n2], single) + pairwise_sum(&xs[n2..], single))
    }
}
