//! Writing into an existing array: `np.copyto`, `a.fill`, and the ufunc
//! method `at` (`np.add.at(a, indices, b)`, unbuffered: repeated indices
//! apply once per occurrence).
//!
//! Every check happens before the first write. One NumPy quirk is kept on
//! purpose: `ufunc.at` does not look at the WRITEABLE flag, so NumPy (and
//! npview) let `np.add.at` write into a read-only array.

use crate::array::dtype::{DType, Kind};
use crate::array::element;
use crate::array::index::{self, Indexed};
use crate::array::layout::{broadcast_strides, shape_string};
use crate::array::ops::{self, apply, Operand};
use crate::array::promote::{check_int_fits, promote};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{overflow_error, type_error, value_error, PyErr, PyResult};
use crate::interp::convert;
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

use super::args::{self, Casting};
use super::elementwise::broadcast_values;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "copyto" => ("copyto", copyto),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

fn read_only() -> PyErr {
    value_error("assignment destination is read-only")
}

/// A Python int as an element of `dtype` (NumPy's overflow checks).
fn python_int(v: &Value, dtype: DType) -> PyResult<Scalar> {
    match v {
        Value::BigInt(_) => Err(overflow_error("Python int too large to convert to C long")),
        Value::Int(i) => {
            if dtype.is_integer() {
                check_int_fits(*i, dtype)?;
            }
            Ok(Scalar::Int(*i))
        }
        _ => Ok(Scalar::Int(0)),
    }
}

/// The source of `copyto` as an array, and the dtype its cast is judged
/// from: Python scalars are weak (they take the destination's dtype when
/// their kind allows), everything else keeps its dtype.
fn copy_source(v: &Value, dst: DType) -> PyResult<(Array, DType)> {
    let weak = |kind: Kind, default: DType| {
        if kind <= dst.kind() || (kind == Kind::Int && dst.kind() == Kind::UInt) {
            dst
        } else {
            default
        }
    };
    let (scalar, from) = match v {
        Value::Bool(b) => (Scalar::Bool(*b), dst),
        Value::Int(_) | Value::BigInt(_) => {
            let from = weak(Kind::Int, DType::Int64);
            (python_int(v, from)?, from)
        }
        Value::Float(f) => (Scalar::Float(*f), weak(Kind::Float, DType::Float64)),
        Value::Complex(re, im) => (
            Scalar::Complex(*re, *im),
            weak(Kind::Complex, DType::Complex128),
        ),
        other => {
            let a = convert::to_array(other)?;
            let from = a.dtype();
            return Ok((a, from));
        }
    };
    Ok((
        Array::from_scalars(from, &[], &[element::cast(scalar, from)])?,
        from,
    ))
}

/// `np.copyto(dst, src, casting='same_kind', where=True)`.
fn copyto(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("copyto", &["dst", "src", "casting", "where"])?;
    let dst = match &slots[0] {
        Some(Value::Array(a)) => a.clone(),
        Some(other) => {
            return Err(type_error(format!(
                "copyto() argument 1 must be a numpy.ndarray, not {}",
                other.type_name()
            )))
        }
        None => {
            return Err(type_error(
                "copyto() missing required argument 'dst' (pos 1)",
            ))
        }
    };
    let Some(src) = &slots[1] else {
        return Err(type_error(
            "copyto() missing 1 required positional argument: 'src'",
        ));
    };
    let casting = args::casting_arg(slots[2].as_ref())?;
    if !dst.data().writeable {
        return Err(read_only());
    }
    let (source, from) = copy_source(src, dst.dtype())?;
    if !casting.allows(from, dst.dtype()) {
        let what = if source.ndim() == 0 {
            "scalar"
        } else {
            "array data"
        };
        return Err(casting.refuse(what, from, dst.dtype()));
    }
    let shape = dst.shape();
    if broadcast_strides(&source.shape(), &source.data().strides, &shape).is_none() {
        return Err(value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            shape_string(&source.shape()),
            shape_string(&shape)
        )));
    }
    let mask = match &slots[3] {
        None | Some(Value::Bool(true)) => None,
        Some(w) => Some(where_mask(w, &shape)?),
    };
    let values = broadcast_values(&source, &shape)?;
    write_masked(&dst, &values, mask.as_deref());
    Ok(Value::None)
}

/// The `where=` of `copyto` broadcast to `shape`: lists convert by truth,
/// arrays must be boolean.
fn where_mask(w: &Value, shape: &[usize]) -> PyResult<Vec<bool>> {
    let mask = match w {
        Value::Array(a) if a.dtype() != DType::Bool => {
            return Err(Casting::Safe.refuse("array data", a.dtype(), DType::Bool))
        }
        Value::Array(a) => a.clone(),
        other => convert::array_from_value(other, Some(DType::Bool))?,
    };
    if broadcast_strides(&mask.shape(), &mask.data().strides, shape).is_none() {
        return Err(value_error(format!(
            "could not broadcast where mask from shape {} into shape {}",
            shape_string(&mask.shape()),
            shape_string(shape)
        )));
    }
    Ok(broadcast_values(&mask, shape)?
        .into_iter()
        .map(Scalar::is_truthy)
        .collect())
}

/// Writes `values` (C order) into `dst` where `mask` is true.
fn write_masked(dst: &Array, values: &[Scalar], mask: Option<&[bool]>) {
    let d = dst.data();
    let mut bytes = d.buffer.bytes_mut();
    let offsets = crate::array::ndarray::StridedOffsets::new(&d.shape, &d.strides, d.offset);
    for (k, (off, v)) in offsets.zip(values).enumerate() {
        if mask.is_none_or(|m| m[k]) {
            element::write(d.dtype, &mut bytes, off, *v);
        }
    }
    crate::array::writes::record(&d);
}

/// `a.fill(value)`: one value converted as NumPy converts a scalar.
pub fn fill(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    if !args.keywords.is_empty() {
        return Err(type_error("ndarray.fill() takes no keyword arguments"));
    }
    let [value] = args.positional.as_slice() else {
        return Err(type_error(format!(
            "fill() takes exactly 1 argument ({} given)",
            args.positional.len()
        )));
    };
    let a = convert::to_array(r.unwrap_or(&Value::None))?;
    if !a.data().writeable {
        return Err(read_only());
    }
    let dtype = a.dtype();
    let scalar = fill_value(value, dtype)?;
    let n = a.size();
    write_masked(&a, &vec![scalar; n], None);
    Ok(Value::None)
}

/// Python's `int(v)`/`float(v)`/`complex(v)` of a fill value, by the
/// destination's kind.
fn fill_value(v: &Value, dtype: DType) -> PyResult<Scalar> {
    let target = match dtype.kind() {
        Kind::Bool => "bool",
        Kind::Int | Kind::UInt => "int",
        Kind::Float => "float",
        Kind::Complex => "complex",
    };
    let refuse = |what: &str| {
        type_error(match target {
            "int" => format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{what}'"
            ),
            _ => format!("float() argument must be a string or a real number, not '{what}'"),
        })
    };
    let s = match v {
        Value::Int(_) | Value::BigInt(_) => python_int(v, dtype)?,
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Float(f) => {
            if dtype.is_integer() && f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if dtype.is_integer() && f.is_infinite() {
                return Err(overflow_error("cannot convert float infinity to integer"));
            }
            Scalar::Float(*f)
        }
        Value::Complex(re, im) => {
            if matches!(target, "int" | "float") {
                return Err(refuse("complex"));
            }
            Scalar::Complex(*re, *im)
        }
        Value::NpScalar(_, s) => *s,
        Value::Array(a) if a.ndim() == 0 => a.get(&[]),
        Value::Array(_) => return Err(value_error("setting an array element with a sequence.")),
        other if target == "bool" => Scalar::Bool(!matches!(other, Value::None)),
        other => return Err(refuse(other.type_name())),
    };
    Ok(element::cast(s, dtype))
}

/// `ufunc.at(a, indices, b=None)`.
pub fn ufunc_at(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let (_, op) = super::ufunc_object::receiver(r);
    let slots = args.bind("at", &["a", "indices", "b"])?;
    let Some(Value::Array(a)) = &slots[0] else {
        return Err(type_error("first operand must be array"));
    };
    let indices = slots[1].clone().unwrap_or(Value::None);
    match (op, &slots[2]) {
        (Some(_), None) => return Err(value_error("second operand needed for ufunc")),
        (None, Some(_)) => return Err(value_error("second operand provided when ufunc is unary")),
        _ => {}
    }
    let (positions, shape) = selected_positions(a, &indices)?;
    let offsets: Vec<usize> = a.offsets().collect();
    let dtype = a.dtype();
    let Some(op) = op else {
        let f = r.cloned().unwrap_or(Value::None);
        return unary_at(interp, &f, a, &positions, &offsets);
    };
    let b = convert::to_array(slots[2].as_ref().unwrap_or(&Value::None))?;
    if broadcast_strides(&b.shape(), &b.data().strides, &shape).is_none() {
        return Err(value_error("array is not broadcastable to correct shape"));
    }
    // NumPy's type errors (boolean subtract, negative integer powers) and
    // the loop dtype, from the operation over `a`'s dtype and `b`.
    let probe = ops::binary(
        op,
        &Operand::Array(Array::zeros(dtype, &[], crate::array::layout::Order::C)?),
        &Operand::Array(b.clone()),
        None,
    )?;
    let loop_dtype = if probe.dtype() == DType::Bool && dtype != DType::Bool {
        promote(dtype, b.dtype())
    } else {
        probe.dtype()
    };
    let values = broadcast_values(&b, &shape)?;
    let data = a.data();
    let mut bytes = data.buffer.bytes_mut();
    for (&p, v) in positions.iter().zip(values) {
        let off = offsets[p];
        let x = element::cast(element::read(dtype, &bytes, off), loop_dtype);
        let y = element::cast(v, loop_dtype);
        element::write(dtype, &mut bytes, off, apply(op, loop_dtype, x, y));
    }
    if crate::array::writes::is_on() {
        let touched: Vec<usize> = positions.iter().map(|&p| offsets[p]).collect();
        crate::array::writes::record_offsets(&data, &touched);
    }
    Ok(Value::None)
}

/// The flat (C order) positions `a[indices]` selects, with repeats, in the
/// order of the selection, and the selection's shape.
fn selected_positions(a: &Array, indices: &Value) -> PyResult<(Vec<usize>, Vec<usize>)> {
    let n = a.size();
    let numbers: Vec<Scalar> = (0..n).map(|i| Scalar::Int(i as i64)).collect();
    let positions = Array::from_scalars(DType::Int64, &a.shape(), &numbers)?;
    let items = convert::index_items(indices)?;
    let picked = match index::get(&positions, &items)? {
        Indexed::Scalar(_, s) => return Ok((vec![scalar_index(s)], vec![])),
        Indexed::View(v) | Indexed::Copy(v) => v,
    };
    let list = picked.to_scalars().into_iter().map(scalar_index).collect();
    Ok((list, picked.shape()))
}

fn scalar_index(s: Scalar) -> usize {
    match s {
        Scalar::Int(i) => i as usize,
        _ => 0,
    }
}

/// `np.negative.at(a, indices)`: the ufunc applied once per occurrence.
fn unary_at(
    interp: &mut Interp,
    f: &Value,
    a: &Array,
    positions: &[usize],
    offsets: &[usize],
) -> PyResult<Value> {
    let dtype = a.dtype();
    for &p in positions {
        let off = offsets[p];
        let x = {
            let d = a.data();
            let bytes = d.buffer.bytes();
            element::read(dtype, &bytes, off)
        };
        let result = interp.call_value(f, Args::positional(vec![Value::NpScalar(dtype, x)]))?;
        let y = match result {
            Value::NpScalar(_, s) => s,
            Value::Array(r) => r.get(&[]),
            _ => x,
        };
        let d = a.data();
        let mut bytes = d.buffer.bytes_mut();
        element::write(dtype, &mut bytes, off, y);
        crate::array::writes::record_offsets(&d, &[off]);
    }
    Ok(Value::None)
}
