//! Ufuncs as objects: `np.add.reduce`, `np.add.accumulate`,
//! `np.add.outer`, `np.add.at`, `np.add.nin`, and `repr(np.add)`.
//!
//! A ufunc is the builtin function `np.add` itself; attribute lookup on a
//! builtin whose name is a ufunc's lands here and returns a method bound to
//! that builtin. The methods find the operation again from the name.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::Order;
use crate::array::ops::{self, apply, BinaryOp, Operand};
use crate::array::reduce::{normalize_axis, result_dtype, ReduceOp};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::value::{Builtin, BuiltinFn};
use crate::interp::{Args, Interp, Value};

use super::args;
use super::reductions::{check_reduction_out, finish, reduce_call};

const BINARY: [BinaryOp; 20] = [
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

const UNARY: [&str; 34] = [
    "negative", "positive", "absolute", "invert", "sqrt", "exp", "log", "log2", "log10", "sin",
    "cos", "tan", "floor", "ceil", "trunc", "rint", "isnan", "isinf", "isfinite", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "exp2", "expm1",
    "log1p", "cbrt", "deg2rad", "rad2deg",
];

/// The binary operation a ufunc name stands for.
pub fn binary_op(name: &str) -> Option<BinaryOp> {
    BINARY.into_iter().find(|op| op.ufunc_name() == name)
}

/// Whether a builtin function with this name is one of NumPy's ufuncs.
pub fn is_ufunc(name: &str) -> bool {
    binary_op(name).is_some() || UNARY.contains(&name)
}

/// `np.add.<attr>` (None when `f` is not a ufunc or has no such attribute).
pub fn attr(f: &Value, b: &Builtin, attr: &str) -> Option<Value> {
    if b.receiver.is_some() || !is_ufunc(b.name) {
        return None;
    }
    let nin = if binary_op(b.name).is_some() { 2 } else { 1 };
    let method: (&'static str, BuiltinFn) = match attr {
        "nin" => return Some(Value::Int(nin)),
        "nout" => return Some(Value::Int(1)),
        "nargs" => return Some(Value::Int(nin + 1)),
        "reduce" => ("reduce", reduce),
        "accumulate" => ("accumulate", accumulate),
        "outer" => ("outer", outer),
        "at" => ("at", super::inplace::ufunc_at),
        _ => return None,
    };
    Some(Value::method(method.0, method.1, f.clone()))
}

/// The ufunc a bound method belongs to: its name and binary operation.
pub fn receiver(r: Option<&Value>) -> (&'static str, Option<BinaryOp>) {
    match r {
        Some(Value::Builtin(b)) => (b.name, binary_op(b.name)),
        _ => ("ufunc", None),
    }
}

fn binary_only(name: &str, what: &str) -> PyResult<BinaryOp> {
    binary_op(name)
        .ok_or_else(|| value_error(format!("{what} only supported for binary functions")))
}

fn no_loop(name: &str) -> crate::error::PyErr {
    type_error(format!(
        "No loop matching the specified signature and casting was found for ufunc {name}"
    ))
}

/// The dtype `op` computes in over two operands of `dtype` (NumPy's errors
/// for unsupported types included).
pub fn loop_dtype(op: BinaryOp, dtype: DType) -> PyResult<DType> {
    let zero = || -> PyResult<Operand> { Ok(Operand::Array(Array::zeros(dtype, &[], Order::C)?)) };
    Ok(ops::binary(op, &zero()?, &zero()?, None)?.dtype())
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Equal
            | BinaryOp::NotEqual
            | BinaryOp::Less
            | BinaryOp::LessEqual
            | BinaryOp::Greater
            | BinaryOp::GreaterEqual
    )
}

/// The reduction `np.sum` and friends already implement for this ufunc.
fn known_reduction(op: BinaryOp) -> Option<ReduceOp> {
    Some(match op {
        BinaryOp::Add => ReduceOp::Sum,
        BinaryOp::Multiply => ReduceOp::Prod,
        BinaryOp::Maximum => ReduceOp::Max,
        BinaryOp::Minimum => ReduceOp::Min,
        _ => return None,
    })
}

/// The identity of a reorderable ufunc without a known reduction.
fn identity(op: BinaryOp) -> Option<Scalar> {
    match op {
        BinaryOp::BitAnd => Some(Scalar::Int(-1)),
        BinaryOp::BitOr | BinaryOp::BitXor => Some(Scalar::Int(0)),
        _ => None,
    }
}

/// `ufunc.reduce(array, axis=0, dtype=None, out=None, keepdims=False)`.
fn reduce(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let (name, _) = receiver(r);
    let op = binary_only(name, "reduce")?;
    let slots = args.bind("reduce", &["array", "axis", "dtype", "out", "keepdims"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let axis = slots[1].clone().unwrap_or(Value::Int(0));
    if is_comparison(op) {
        return Err(no_loop(name));
    }
    if a.ndim() == 0 {
        let dtype = match known_reduction(op) {
            Some(rop) => result_dtype(rop, a.dtype()),
            None => loop_dtype(op, a.dtype())?,
        };
        return Ok(ufunc_result(a.copy_as(dtype, Order::C)?));
    }
    if let Some(rop) = known_reduction(op) {
        return reduce_call(
            &a,
            rop,
            Some(&axis),
            slots[2].as_ref(),
            slots[3].as_ref(),
            slots[4].as_ref(),
        );
    }
    let source = match args::dtype_opt(slots[2].as_ref())? {
        Some(d) => a.copy_as(d, Order::C)?,
        None => a.clone(),
    };
    let axes =
        super::ufuncs::axes_arg(Some(&axis), a.ndim())?.unwrap_or_else(|| (0..a.ndim()).collect());
    if axes.len() > 1 && identity(op).is_none() {
        return Err(value_error(format!(
            "reduction operation '{name}' is not reorderable, so at most one axis may be specified"
        )));
    }
    let keepdims = args::flag(slots[4].as_ref());
    let out = args::out_opt(slots[3].as_ref())?;
    let shape = a.shape();
    let mut mask = vec![false; shape.len()];
    for &k in &axes {
        if mask[k] {
            return Err(value_error("duplicate value in 'axis'"));
        }
        mask[k] = true;
    }
    if let Some(o) = &out {
        check_reduction_out(name, o, &shape, &mask, keepdims)?;
    }
    let dtype = loop_dtype(op, source.dtype())?;
    let result = fold_axes(&source, op, dtype, &mask, keepdims, name)?;
    Ok(finish(result, out))
}

/// Folds `op` over the masked axes, left to right in C order.
fn fold_axes(
    a: &Array,
    op: BinaryOp,
    dtype: DType,
    mask: &[bool],
    keepdims: bool,
    name: &str,
) -> PyResult<Array> {
    let shape = a.shape();
    let count: usize = shape
        .iter()
        .zip(mask)
        .filter(|(_, m)| **m)
        .map(|(n, _)| *n)
        .product();
    let kept: Vec<usize> = (0..shape.len()).filter(|&k| !mask[k]).collect();
    let kept_size: usize = kept.iter().map(|&k| shape[k]).product();
    if count == 0 && identity(op).is_none() && kept_size > 0 {
        return Err(value_error(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    let start = identity(op).map(|s| element::cast(s, dtype));
    let mut acc: Vec<Option<Scalar>> = vec![start; kept_size];
    let mut index = vec![0usize; shape.len()];
    for v in a.to_scalars() {
        let lane = kept.iter().fold(0usize, |s, &k| s * shape[k] + index[k]);
        let v = element::cast(v, dtype);
        acc[lane] = Some(match acc[lane] {
            None => v,
            Some(prev) => apply(op, dtype, prev, v),
        });
        for k in (0..shape.len()).rev() {
            index[k] += 1;
            if index[k] < shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    let values: Vec<Scalar> = acc
        .into_iter()
        .map(|v| v.unwrap_or(Scalar::Int(0)))
        .collect();
    let out_shape: Vec<usize> = shape
        .iter()
        .zip(mask)
        .filter_map(|(&n, &m)| match (m, keepdims) {
            (false, _) => Some(n),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect();
    Array::from_scalars(dtype, &out_shape, &values)
}

/// `ufunc.accumulate(array, axis=0, dtype=None, out=None)`.
fn accumulate(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let (name, _) = receiver(r);
    let op = binary_only(name, "accumulate")?;
    let slots = args.bind("accumulate", &["array", "axis", "dtype", "out"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    if a.ndim() == 0 {
        return Err(type_error("cannot accumulate on a scalar"));
    }
    if is_comparison(op) {
        return Err(no_loop(name));
    }
    let axis = match slots[1].as_ref() {
        None => 0,
        Some(Value::None) if a.ndim() == 1 => 0,
        Some(Value::Tuple(t)) if t.len() == 1 => normalize_axis(args::int_arg(&t[0])?, a.ndim())?,
        Some(Value::None | Value::Tuple(_)) => {
            return Err(value_error("accumulate does not allow multiple axes"))
        }
        Some(v) => normalize_axis(args::int_arg(v)?, a.ndim())?,
    };
    let dtype = match args::dtype_opt(slots[2].as_ref())? {
        Some(d) => d,
        None if matches!(op, BinaryOp::Add | BinaryOp::Multiply) => {
            result_dtype(ReduceOp::Sum, a.dtype())
        }
        None => loop_dtype(op, a.dtype())?,
    };
    loop_dtype(op, dtype)?;
    let result = super::stats::accumulate(&a, op, Some(axis), dtype)?;
    match args::out_opt(slots[3].as_ref())? {
        Some(o) => {
            if !o.data().writeable {
                return Err(value_error("output array is read-only"));
            }
            super::stats::check_accumulate_out(&o, &result)?;
            super::result_layout::fill(&o, &result.to_scalars());
            Ok(Value::Array(o))
        }
        None => Ok(Value::Array(result)),
    }
}

/// `ufunc.outer(A, B)`: `op(A[..., None, ...], B)` over every pair.
fn outer(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let (name, _) = receiver(r);
    let op = binary_op(name)
        .ok_or_else(|| value_error("outer product only supported for binary functions"))?;
    let slots = args.bind("outer", &["A", "B"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let b = convert::to_array(slots[1].as_ref().unwrap_or(&Value::None))?;
    let extra = b.ndim();
    let stretched = {
        let d = a.data();
        let mut shape = d.shape.clone();
        let mut strides = d.strides.clone();
        shape.extend(std::iter::repeat_n(1, extra));
        strides.extend(std::iter::repeat_n(0, extra));
        let (dtype, offset) = (d.dtype, d.offset);
        drop(d);
        a.view_with(dtype, shape, strides, offset)
    };
    let result = ops::binary(op, &Operand::Array(stretched), &Operand::Array(b), None)?;
    Ok(ufunc_result(result))
}
