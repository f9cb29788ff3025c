//! `.real` and `.imag` of arrays, their setters, and `np.real`/`np.imag`.
//!
//! For complex arrays both parts are writable views over the same bytes
//! (the imaginary part starts half an item later). For other arrays `.real`
//! is the array itself and `.imag` a new read-only array of zeros.

use crate::array::index;
use crate::array::layout::Order;
use crate::array::Array;
use crate::error::{attribute_error, type_error, PyResult};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};

/// The part of a complex array starting `shift` bytes into each item.
fn part(a: &Array, shift: usize) -> Array {
    let (dtype, shape, strides, offset) = {
        let d = a.data();
        (
            d.dtype.real_part(),
            d.shape.clone(),
            d.strides.clone(),
            d.offset,
        )
    };
    a.view_with(dtype, shape, strides, offset + shift)
}

/// `a.real`.
pub fn real(a: &Array) -> Array {
    if a.dtype().is_complex() {
        part(a, 0)
    } else {
        a.clone()
    }
}

/// `a.imag`.
pub fn imag(a: &Array) -> PyResult<Array> {
    let dtype = a.dtype();
    if dtype.is_complex() {
        return Ok(part(a, dtype.real_part().itemsize()));
    }
    let d = a.data();
    let fortran = Order::any(&d.shape, &d.strides, dtype.itemsize());
    let shape = d.shape.clone();
    drop(d);
    let zeros = Array::zeros(dtype, &shape, fortran)?;
    zeros.data_mut().writeable = false;
    Ok(zeros)
}

/// `a.real = v` and `a.imag = v`: the value is converted on its own and
/// copied in with NumPy's unsafe casting.
pub fn set_part(a: &Array, attr: &str, value: &Value) -> PyResult<()> {
    let target = match attr {
        "real" => real(a),
        _ if a.dtype().is_complex() => imag(a)?,
        _ => return Err(type_error("array does not have imaginary part to set")),
    };
    let values = match value {
        Value::Array(v) => v.clone(),
        other => convert::array_from_value(other, None)?,
    };
    index::assign(&target, &values)
}

/// The NumPy value for `v.real`/`v.imag` of a non-array (Python numbers
/// keep their own attributes).
fn number_part(v: &Value, imag_part: bool) -> Option<Value> {
    Some(match (v, imag_part) {
        (Value::Bool(b), false) => Value::Int(i64::from(*b)),
        (Value::Int(_) | Value::BigInt(_), false) | (Value::Float(_), false) => v.clone(),
        (Value::Bool(_) | Value::Int(_) | Value::BigInt(_), true) => Value::Int(0),
        (Value::Float(_), true) => Value::Float(0.0),
        (Value::Complex(re, _), false) => Value::Float(*re),
        (Value::Complex(_, im), true) => Value::Float(*im),
        _ => return None,
    })
}

fn np_part(args: Args, name: &str, imag_part: bool) -> PyResult<Value> {
    let slots = args.bind(name, &["val"])?;
    let v = slots[0]
        .clone()
        .ok_or_else(|| super::missing(name, "val"))?;
    if let Some(x) = number_part(&v, imag_part) {
        return Ok(x);
    }
    if let Value::NpScalar(d, s) = &v {
        let attr = if imag_part { "imag" } else { "real" };
        return crate::numpy::methods::scalar_attr(*d, *s, &v, attr)?
            .ok_or_else(|| attribute_error(attr));
    }
    let a = convert::to_array(&v)?;
    let out = if imag_part { imag(&a)? } else { real(&a) };
    Ok(Value::Array(out))
}

pub fn np_real(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    np_part(args, "real", false)
}

pub fn np_imag(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    np_part(args, "imag", true)
}
