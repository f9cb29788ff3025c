//! Statistics over axes: `np.median`, `np.var`, `np.std` (and the `var`,
//! `std` methods), `np.cumsum`, `np.cumprod` (and methods).
//!
//! `var` follows NumPy's `_var` step by step (sum with keepdims, divide,
//! subtract, square, sum again, divide by `count - ddof`) on the same
//! operands, so float results agree to the last bit. `median` is the mean
//! of the middle one or two sorted values, NaN when a lane holds NaN.

use crate::array::dtype::{DType, Kind};
use crate::array::element;
use crate::array::layout::shape_string;
use crate::array::ops::{self, apply, BinaryOp, Operand};
use crate::array::reduce::{self, result_dtype, ReduceOp};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, ufunc_type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

use super::args;
use super::reductions::{check_reduction_out, finish};
use super::result_layout;
use super::ufuncs::axes_arg;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "median" => ("median", median),
        "var" => ("var", |i, r, a| spread(i, r, a, false)),
        "std" => ("std", |i, r, a| spread(i, r, a, true)),
        "cumsum" => ("cumsum", |i, r, a| cumulative(i, r, a, BinaryOp::Add)),
        "cumprod" => ("cumprod", |i, r, a| cumulative(i, r, a, BinaryOp::Multiply)),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

fn array_arg(v: Option<&Value>) -> PyResult<Array> {
    convert::to_array(v.unwrap_or(&Value::None))
}

/// The reduced axes as a mask and the number of elements each result
/// summarises.
fn reduced(axes: Option<&[usize]>, shape: &[usize]) -> PyResult<(Vec<bool>, usize)> {
    let mut mask = vec![axes.is_none(); shape.len()];
    for &k in axes.unwrap_or(&[]) {
        if mask[k] {
            return Err(value_error("duplicate value in 'axis'"));
        }
        mask[k] = true;
    }
    let count = shape
        .iter()
        .zip(&mask)
        .filter(|(_, r)| **r)
        .map(|(n, _)| *n)
        .product();
    Ok((mask, count))
}

/// `a` converted to `dtype`, keeping its memory order (so sums over it run
/// in the same order as NumPy's buffered casts).
fn cast_keep_layout(a: &Array, dtype: DType) -> PyResult<Array> {
    if a.dtype() == dtype {
        return Ok(a.clone());
    }
    result_layout::new_like(a, dtype, &a.to_scalars())
}

/// Every element divided by `n` in float64 and cast back, as NumPy's
/// `true_divide(x, intp(n), out=x, casting='unsafe')` does.
fn divide_by(a: &Array, n: f64) -> PyResult<Array> {
    let dtype = a.dtype();
    let values: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|v| match v {
            Scalar::Complex(re, im) => element::cast(Scalar::Complex(re / n, im / n), dtype),
            other => element::cast(Scalar::Float(other.to_f64() / n), dtype),
        })
        .collect();
    Array::from_scalars(dtype, &a.shape(), &values)
}

/// `|x|**2` element-wise in the real dtype (`x * x` for real `x`).
fn squared(x: &Array) -> PyResult<Array> {
    let dtype = x.dtype();
    if !dtype.is_complex() {
        let xo = Operand::Array(x.clone());
        return ops::binary(BinaryOp::Multiply, &xo, &xo, None);
    }
    let real = dtype.real_part();
    let values: Vec<Scalar> = x
        .to_scalars()
        .into_iter()
        .map(|v| {
            let (re, im) = v.to_complex();
            let sq = |t: f64| element::cast(Scalar::Float(t * t), real).to_f64();
            element::cast(Scalar::Float(sq(re) + sq(im)), real)
        })
        .collect();
    result_layout::new_like(x, real, &values)
}

/// `np.var` (or `np.std` when `root`) of `a` as an array.
fn variance(
    a: &Array,
    axes: Option<&[usize]>,
    dtype: Option<DType>,
    ddof: f64,
    keepdims: bool,
    root: bool,
) -> PyResult<Array> {
    let (_, count) = reduced(axes, &a.shape())?;
    let integral = matches!(a.dtype().kind(), Kind::Bool | Kind::Int | Kind::UInt);
    let sum_dtype = dtype.or(integral.then_some(DType::Float64));
    let source = match sum_dtype {
        Some(d) => cast_keep_layout(a, d)?,
        None => a.clone(),
    };
    let total = reduce::reduce(ReduceOp::Sum, &source, axes, true)?;
    let mean = divide_by(&total, count as f64)?;
    let deviations = ops::binary(
        BinaryOp::Subtract,
        &Operand::Array(a.clone()),
        &Operand::Array(mean),
        None,
    )?;
    let mut sq = squared(&deviations)?;
    if let Some(d) = sum_dtype {
        sq = cast_keep_layout(&sq, d)?;
    }
    let sum = reduce::reduce(ReduceOp::Sum, &sq, axes, keepdims)?;
    let denom = (count as f64 - ddof).max(0.0);
    let var = divide_by(&sum, denom)?;
    if !root {
        return Ok(var);
    }
    let dtype = var.dtype();
    let values: Vec<Scalar> = var
        .to_scalars()
        .into_iter()
        .map(|v| element::cast(Scalar::Float(v.to_f64().sqrt()), dtype))
        .collect();
    Array::from_scalars(dtype, &var.shape(), &values)
}

fn spread(_: &mut Interp, _: Option<&Value>, args: Args, root: bool) -> PyResult<Value> {
    let name = if root { "std" } else { "var" };
    let slots = args.bind(
        name,
        &[
            "a",
            "axis",
            "dtype",
            "out",
            "ddof",
            "keepdims",
            "correction",
        ],
    )?;
    let a = array_arg(slots[0].as_ref())?;
    spread_call(&a, &slots[1..], root)
}

/// `a.var(axis=None, dtype=None, out=None, ddof=0, keepdims=False)`, `a.std`.
pub fn spread_method(r: Option<&Value>, args: Args, root: bool) -> PyResult<Value> {
    let name = if root { "std" } else { "var" };
    let slots = args.bind(
        name,
        &["axis", "dtype", "out", "ddof", "keepdims", "correction"],
    )?;
    let a = array_arg(r)?;
    spread_call(&a, &slots, root)
}

pub fn var_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    spread_method(r, args, false)
}

pub fn std_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    spread_method(r, args, true)
}

fn number(v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::NpScalar(_, s) => Ok(s.to_f64()),
        other => Ok(args::int_arg(other)? as f64),
    }
}

/// Slots: axis, dtype, out, ddof, keepdims, correction.
fn spread_call(a: &Array, slots: &[Option<Value>], root: bool) -> PyResult<Value> {
    let axes = axes_arg(slots[0].as_ref(), a.ndim())?;
    let dtype = args::dtype_opt(slots[1].as_ref())?;
    let out = args::out_opt(slots[2].as_ref())?;
    let ddof = match (&slots[3], &slots[5]) {
        (Some(_), Some(_)) => {
            return Err(value_error(
                "ddof and correction can't be provided simultaneously.",
            ))
        }
        (Some(v), None) | (None, Some(v)) => number(v)?,
        (None, None) => 0.0,
    };
    let keepdims = args::flag(slots[4].as_ref());
    if let Some(o) = &out {
        let (mask, _) = reduced(axes.as_deref(), &a.shape())?;
        check_reduction_out("add", o, &a.shape(), &mask, keepdims)?;
        if root && !crate::array::promote::can_cast_same_kind(float_of(o.dtype()), o.dtype()) {
            return Err(ufunc_type_error(format!(
                "Cannot cast ufunc 'sqrt' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                float_of(o.dtype()).name(),
                o.dtype().name()
            )));
        }
    }
    let result = variance(a, axes.as_deref(), dtype, ddof, keepdims, root)?;
    Ok(finish(result, out))
}

/// The float dtype `np.sqrt` computes in for `d`.
fn float_of(d: DType) -> DType {
    match d.kind() {
        Kind::Float | Kind::Complex => d,
        _ if d.itemsize() <= 2 => DType::Float32,
        _ => DType::Float64,
    }
}

fn median(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "median",
        &["a", "axis", "out", "overwrite_input", "keepdims"],
    )?;
    let a = array_arg(slots[0].as_ref())?;
    let axes = axes_arg(slots[1].as_ref(), a.ndim())?;
    let out = args::out_opt(slots[2].as_ref())?;
    let keepdims = args::flag(slots[4].as_ref());
    let shape = a.shape();
    let (mask, _) = reduced(axes.as_deref(), &shape)?;
    if let Some(o) = &out {
        check_reduction_out("add", o, &shape, &mask, keepdims)?;
    }
    let dtype = match a.dtype().kind() {
        Kind::Bool | Kind::Int | Kind::UInt => DType::Float64,
        _ => a.dtype(),
    };
    let lanes = lanes_over(&a, &mask);
    let values: Vec<Scalar> = lanes.iter().map(|l| lane_median(l, dtype)).collect();
    let out_shape: Vec<usize> = shape
        .iter()
        .zip(&mask)
        .filter_map(|(&n, &r)| match (r, keepdims) {
            (false, _) => Some(n),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect();
    let result = Array::from_scalars(dtype, &out_shape, &values)?;
    Ok(finish(result, out))
}

/// The values of every lane over the reduced axes, lanes in C order of
/// the kept axes.
fn lanes_over(a: &Array, mask: &[bool]) -> Vec<Vec<Scalar>> {
    let shape = a.shape();
    let values = a.to_scalars();
    let kept: Vec<usize> = (0..shape.len()).filter(|&k| !mask[k]).collect();
    let kept_size: usize = kept.iter().map(|&k| shape[k]).product();
    let mut lanes: Vec<Vec<Scalar>> = vec![Vec::new(); kept_size];
    let mut index = vec![0usize; shape.len()];
    for v in values {
        let lane = kept
            .iter()
            .fold(0usize, |acc, &k| acc * shape[k] + index[k]);
        lanes[lane].push(v);
        for k in (0..shape.len()).rev() {
            index[k] += 1;
            if index[k] < shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    lanes
}

/// The median of one lane, computed in `dtype` as NumPy's mean of the
/// middle values.
fn lane_median(lane: &[Scalar], dtype: DType) -> Scalar {
    let nan = || element::cast(Scalar::Float(f64::NAN), dtype);
    let is_nan = |v: &Scalar| match v {
        Scalar::Float(f) => f.is_nan(),
        Scalar::Complex(re, im) => re.is_nan() || im.is_nan(),
        _ => false,
    };
    if lane.is_empty() || lane.iter().any(is_nan) {
        return nan();
    }
    let mut sorted = lane.to_vec();
    sorted.sort_by(|x, y| super::sorting::compare(*x, *y));
    let n = sorted.len();
    let middle: &[Scalar] = if n % 2 == 1 {
        &sorted[n / 2..n / 2 + 1]
    } else {
        &sorted[n / 2 - 1..n / 2 + 1]
    };
    let total = middle
        .iter()
        .fold(element::cast(Scalar::Int(0), dtype), |acc, &v| {
            apply(BinaryOp::Add, dtype, acc, element::cast(v, dtype))
        });
    let k = middle.len() as f64;
    match total {
        Scalar::Complex(re, im) => element::cast(Scalar::Complex(re / k, im / k), dtype),
        other => element::cast(Scalar::Float(other.to_f64() / k), dtype),
    }
}

fn cumulative(_: &mut Interp, _: Option<&Value>, args: Args, op: BinaryOp) -> PyResult<Value> {
    let name = cumulative_name(op);
    let slots = args.bind(name, &["a", "axis", "dtype", "out"])?;
    let a = array_arg(slots[0].as_ref())?;
    cumulative_call(&a, op, &slots[1..])
}

fn cumulative_name(op: BinaryOp) -> &'static str {
    if op == BinaryOp::Add {
        "cumsum"
    } else {
        "cumprod"
    }
}

pub fn cumsum_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("cumsum", &["axis", "dtype", "out"])?;
    cumulative_call(&array_arg(r)?, BinaryOp::Add, &slots)
}

pub fn cumprod_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("cumprod", &["axis", "dtype", "out"])?;
    cumulative_call(&array_arg(r)?, BinaryOp::Multiply, &slots)
}

/// Slots: axis, dtype, out.
fn cumulative_call(a: &Array, op: BinaryOp, slots: &[Option<Value>]) -> PyResult<Value> {
    let axis = match &slots[0] {
        Some(Value::Tuple(_)) => {
            return Err(type_error(
                "'tuple' object cannot be interpreted as an integer",
            ))
        }
        other => args::axis_arg(other.as_ref(), a.ndim().max(1))?,
    };
    let dtype = args::dtype_opt(slots[1].as_ref())?
        .unwrap_or_else(|| result_dtype(ReduceOp::Sum, a.dtype()));
    let out = args::out_opt(slots[2].as_ref())?;
    let result = match op {
        // The typed scan kernel (same sums, in order, as NumPy's loop).
        BinaryOp::Add => crate::array::kernels::scan::cumsum(a, axis, dtype)?,
        _ => accumulate(a, op, axis, dtype)?,
    };
    match out {
        Some(o) => {
            if !o.data().writeable {
                return Err(value_error("output array is read-only"));
            }
            check_accumulate_out(&o, &result)?;
            result_layout::fill(&o, &result.to_scalars());
            Ok(Value::Array(o))
        }
        None => Ok(Value::Array(result)),
    }
}

/// NumPy's shape check on the `out` of an accumulation: a 1-d result
/// without casting is checked by size; otherwise its iterator compares
/// `out` (its leading axes) with the result.
pub fn check_accumulate_out(out: &Array, result: &Array) -> PyResult<()> {
    let (os, rs) = (out.shape(), result.shape());
    if os == rs {
        return Ok(());
    }
    if rs.len() == 1 && out.dtype() == result.dtype() {
        return Err(value_error(
            "provided out is the wrong size for the accumulation.",
        ));
    }
    let lead = &os[..os.len().min(rs.len())];
    Err(value_error(format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{} ",
        shape_string(&os),
        shape_string(lead),
        shape_string(&rs),
        shape_string(&rs)
    )))
}

/// The running `op` along `axis` (None: over the flattened array), in
/// `dtype`, one element after another as NumPy's accumulate loop does.
pub fn accumulate(a: &Array, op: BinaryOp, axis: Option<usize>, dtype: DType) -> PyResult<Array> {
    let flatten = axis.is_none() || a.ndim() == 0;
    let shape = if flatten { vec![a.size()] } else { a.shape() };
    let axis = if flatten { 0 } else { axis.unwrap_or(0) };
    let values = a.to_scalars();
    let (outer, n, inner) = (
        shape[..axis].iter().product::<usize>(),
        shape[axis],
        shape[axis + 1..].iter().product::<usize>(),
    );
    let mut out = values.clone();
    for o in 0..outer {
        for i in 0..inner {
            let mut acc: Option<Scalar> = None;
            for j in 0..n {
                let k = (o * n + j) * inner + i;
                let v = element::cast(values[k], dtype);
                let next = match acc {
                    None => v,
                    Some(prev) => apply(op, dtype, prev, v),
                };
                out[k] = next;
                acc = Some(next);
            }
        }
    }
    if flatten {
        Array::from_scalars(dtype, &shape, &out)
    } else {
        result_layout::new_like(a, dtype, &out)
    }
}
