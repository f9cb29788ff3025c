//! Argument conventions shared by the `np` functions: sequences of arrays,
//! single axes, the `casting=` rule and its checks, and the rows of an
//! array seen as a sequence.

use crate::array::dtype::DType;
use crate::array::layout::{Dims, Strides};
use crate::array::reduce::normalize_axis;
use crate::array::Array;
use crate::error::{type_error, PyResult};
use crate::interp::convert;
use crate::interp::Value;

/// The items of a list, tuple or array (an array's rows, as views).
pub fn sequence(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(items) => Some(items.borrow().clone()),
        Value::Tuple(items) => Some(items.to_vec()),
        Value::Array(a) if a.ndim() > 0 => Some(rows(a).into_iter().map(Value::Array).collect()),
        _ => None,
    }
}

/// The views `a[0]`, `a[1]`, ... of an array with at least one axis.
pub fn rows(a: &Array) -> Vec<Array> {
    let d = a.data();
    let (Some(&n), Some(&stride)) = (d.shape.first(), d.strides.first()) else {
        return Vec::new();
    };
    let (dtype, shape, strides, offset) = (
        d.dtype,
        Dims::from_slice(&d.shape[1..]),
        Strides::from_slice(&d.strides[1..]),
        d.offset as isize,
    );
    drop(d);
    // Every row start lies inside the buffer (the array's own invariant).
    (0..n)
        .map(|i| {
            let start = offset + i as isize * stride;
            a.view_with(dtype, shape.clone(), strides.clone(), start as usize)
        })
        .collect()
}

/// A single `axis=` argument (None allowed), checked against `ndim`.
pub fn axis_arg(v: Option<&Value>, ndim: usize) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(normalize_axis(int_arg(v)?, ndim)?)),
    }
}

/// An integer argument, with Python's message for anything else.
pub fn int_arg(v: &Value) -> PyResult<i64> {
    convert::index_value(v).map_err(|_| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))
    })
}

pub use crate::array::promote::Casting;

/// The `casting=` argument (default 'same_kind').
pub fn casting_arg(v: Option<&Value>) -> PyResult<Casting> {
    let text = match v {
        None => return Ok(Casting::SameKind),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => crate::interp::text::repr_plain(other),
    };
    Casting::parse(&text, false)
}

/// The `dtype=` argument, when given and not None.
pub fn dtype_opt(v: Option<&Value>) -> PyResult<Option<DType>> {
    Ok(v.map(convert::dtype_arg).transpose()?.flatten())
}

/// The `out=` argument of a function with one output: None or an array.
pub fn out_opt(v: Option<&Value>) -> PyResult<Option<Array>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a.clone())),
        Some(_) => Err(type_error("return arrays must be of ArrayType")),
    }
}

/// Python truthiness of a flag argument (`keepdims=True`).
pub fn flag(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::None) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        Some(Value::NpScalar(_, s)) => s.is_truthy(),
        Some(_) => true,
    }
}
