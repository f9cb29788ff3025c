//! Attributes and methods of arrays, NumPy scalars, dtypes and flags.

use crate::array::dtype::DType;
use crate::array::index;
use crate::array::layout::{self, Order};
use crate::array::reduce::ReduceOp;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{attribute_error, type_error, value_error, ExcKind, PyErr, PyResult};
use crate::interp::convert::{self, scalar_to_py};
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

fn usize_tuple(xs: &[usize]) -> Value {
    Value::tuple(xs.iter().map(|&n| Value::Int(n as i64)).collect())
}

/// `a.<attr>`: a data attribute's value or a bound method.
pub fn array_attr(a: &Array, attr: &str) -> PyResult<Option<Value>> {
    let d = a.data();
    let value = match attr {
        "shape" => usize_tuple(&d.shape),
        "ndim" => Value::Int(d.shape.len() as i64),
        "size" => Value::Int(d.shape.iter().product::<usize>() as i64),
        "itemsize" => Value::Int(d.dtype.itemsize() as i64),
        "nbytes" => Value::Int((d.shape.iter().product::<usize>() * d.dtype.itemsize()) as i64),
        "dtype" => Value::DType(d.dtype),
        "strides" => Value::tuple(d.strides.iter().map(|&s| Value::Int(s as i64)).collect()),
        "base" => d.base.clone().map_or(Value::None, Value::Array),
        "flags" => Value::Flags(a.clone()),
        "T" => {
            drop(d);
            Value::Array(transpose(a, None)?)
        }
        _ => {
            drop(d);
            if let Some(value) = super::manipulation::attribute(a, attr) {
                return value.map(Some);
            }
            let method: Option<(&'static str, BuiltinFn)> = method(attr);
            return Ok(method.map(|(name, f)| Value::method(name, f, Value::Array(a.clone()))));
        }
    };
    Ok(Some(value))
}

fn method(attr: &str) -> Option<(&'static str, BuiltinFn)> {
    if let Some(found) = super::manipulation::method(attr) {
        return Some(found);
    }
    Some(match attr {
        "transpose" => ("transpose", transpose_method),
        "tolist" => ("tolist", tolist),
        "item" => ("item", item),
        "fill" => ("fill", super::inplace::fill),
        "sum" => ("sum", |i, r, a| reduce_method(i, r, a, ReduceOp::Sum)),
        "prod" => ("prod", |i, r, a| reduce_method(i, r, a, ReduceOp::Prod)),
        "min" => ("min", |i, r, a| reduce_method(i, r, a, ReduceOp::Min)),
        "max" => ("max", |i, r, a| reduce_method(i, r, a, ReduceOp::Max)),
        "mean" => ("mean", |i, r, a| reduce_method(i, r, a, ReduceOp::Mean)),
        "any" => ("any", |i, r, a| reduce_method(i, r, a, ReduceOp::Any)),
        "all" => ("all", |i, r, a| reduce_method(i, r, a, ReduceOp::All)),
        "argmin" => ("argmin", |i, r, a| reduce_method(i, r, a, ReduceOp::ArgMin)),
        "argmax" => ("argmax", |i, r, a| reduce_method(i, r, a, ReduceOp::ArgMax)),
        "round" => ("round", round),
        "repeat" => ("repeat", super::combine::repeat_method),
        "take" => ("take", super::select::take_method),
        "nonzero" => ("nonzero", super::select::nonzero_method),
        "clip" => ("clip", super::elementwise::clip_method),
        "sort" => ("sort", super::sorting::sort_method),
        "argsort" => ("argsort", super::sorting::argsort_method),
        "var" => ("var", super::stats::var_method),
        "std" => ("std", super::stats::std_method),
        "cumsum" => ("cumsum", super::stats::cumsum_method),
        "cumprod" => ("cumprod", super::stats::cumprod_method),
        _ => return None,
    })
}

/// The array a method was called on (a NumPy scalar acts as a 0-d array).
pub fn receiver(r: Option<&Value>) -> PyResult<Array> {
    match r {
        Some(Value::Array(a)) => Ok(a.clone()),
        Some(Value::NpScalar(d, s)) => Array::from_scalars(*d, &[], &[*s]),
        _ => Err(type_error("descriptor requires a 'numpy.ndarray' object")),
    }
}

/// `a.reshape(shape, order)`: a view when the layout allows, else a copy
/// (whose result is itself a view of the fresh copy, as in NumPy).
pub fn reshape_array(
    a: &Array,
    requested: &[i64],
    order: Order,
    copy: Option<bool>,
) -> PyResult<Array> {
    let (plan, offset, dtype) = {
        let d = a.data();
        let plan = layout::plan_reshape(&d.shape, &d.strides, d.dtype.itemsize(), requested, order)
            .map_err(|e| value_error(e.to_string()))?;
        (plan, d.offset, d.dtype)
    };
    match (plan.strides, copy) {
        (Some(strides), None | Some(false)) => {
            Ok(a.view_with(dtype, plan.shape.into(), strides.into(), offset))
        }
        (None, Some(false)) => Err(value_error(
            "Unable to avoid creating a copy while reshaping.",
        )),
        _ => {
            let fresh = a.copy_as(dtype, order)?;
            let strides = layout::view_strides(&plan.shape, dtype.itemsize(), order)
                .ok_or_else(|| value_error("array is too big"))?;
            Ok(fresh.view_with(dtype, plan.shape.into(), strides.into(), 0))
        }
    }
}

/// `a.transpose(axes)`; None reverses the axes.
pub fn transpose(a: &Array, axes: Option<Vec<i64>>) -> PyResult<Array> {
    let d = a.data();
    let n = d.shape.len();
    let perm: Vec<usize> = match axes {
        None => (0..n).rev().collect(),
        Some(list) => {
            if list.len() != n {
                return Err(value_error("axes don't match array"));
            }
            let mut seen = vec![false; n];
            let mut perm = Vec::with_capacity(n);
            for ax in list {
                let k = crate::array::reduce::normalize_axis(ax, n)?;
                if seen[k] {
                    return Err(value_error("repeated axis in transpose"));
                }
                seen[k] = true;
                perm.push(k);
            }
            perm
        }
    };
    let shape = perm.iter().map(|&k| d.shape[k]).collect();
    let strides = perm.iter().map(|&k| d.strides[k]).collect();
    let (dtype, offset) = (d.dtype, d.offset);
    drop(d);
    Ok(a.view_with(dtype, shape, strides, offset))
}

fn transpose_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let axes = match args.positional.as_slice() {
        [] | [Value::None] => None,
        [single] => Some(convert::shape_arg(single)?),
        many => Some(
            many.iter()
                .map(convert::index_value)
                .collect::<PyResult<_>>()?,
        ),
    };
    Ok(Value::Array(transpose(&a, axes)?))
}

fn tolist(_: &mut Interp, r: Option<&Value>, _: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let values = a.to_scalars();
    let shape = a.shape();
    fn build(values: &[Scalar], shape: &[usize]) -> Value {
        match shape.split_first() {
            None => values.first().map_or(Value::None, |s| scalar_to_py(*s)),
            Some((&n, rest)) => {
                let inner: usize = rest.iter().product();
                Value::list(
                    (0..n)
                        .map(|i| build(&values[i * inner..(i + 1) * inner], rest))
                        .collect(),
                )
            }
        }
    }
    Ok(build(&values, &shape))
}

fn item(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let values = a.to_scalars();
    match args.positional.as_slice() {
        [] => {
            if values.len() != 1 {
                return Err(value_error(
                    "can only convert an array of size 1 to a Python scalar",
                ));
            }
            Ok(scalar_to_py(values[0]))
        }
        [i] => {
            let n = values.len() as i64;
            let k = convert::index_value(i)?;
            let j = if k < 0 { k + n } else { k };
            if j < 0 || j >= n {
                return Err(PyErr::new(ExcKind::IndexError, "index out of bounds"));
            }
            Ok(scalar_to_py(values[j as usize]))
        }
        many => {
            let items: Vec<index::IndexItem> = many
                .iter()
                .map(|v| convert::index_value(v).map(index::IndexItem::Int))
                .collect::<PyResult<_>>()?;
            match index::get(&a, &items)? {
                index::Indexed::Scalar(_, s) => Ok(scalar_to_py(s)),
                _ => Err(value_error("incorrect number of indices for array")),
            }
        }
    }
}

fn reduce_method(i: &mut Interp, r: Option<&Value>, args: Args, op: ReduceOp) -> PyResult<Value> {
    super::reductions::method(i, r, args, op)
}

fn round(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("round", &["decimals", "out"])?;
    super::ufuncs::round_call(&a, slots[0].as_ref(), slots[1].as_ref())
}

/// `a.attr = value`: `shape` (in place, never copying) and friends.
pub fn set_array_attr(a: &Array, attr: &str, value: Value) -> PyResult<()> {
    match attr {
        "shape" => super::manipulation::flat::set_shape(a, &value),
        "real" | "imag" => super::manipulation::complex_parts::set_part(a, attr, &value),
        "dtype" | "strides" | "base" | "ndim" | "size" | "itemsize" | "nbytes" | "flags" | "T"
        | "mT" => Err(PyErr::new(
            ExcKind::AttributeError,
            format!("attribute '{attr}' of 'numpy.ndarray' objects is not writable"),
        )),
        _ => Err(attribute_error(format!(
            "'numpy.ndarray' object has no attribute '{attr}'"
        ))),
    }
}

/// `s.<attr>` for a NumPy scalar.
pub fn scalar_attr(dtype: DType, s: Scalar, v: &Value, attr: &str) -> PyResult<Option<Value>> {
    Ok(Some(match attr {
        "dtype" => Value::DType(dtype),
        "shape" => Value::tuple(vec![]),
        "ndim" => Value::Int(0),
        "size" => Value::Int(1),
        "itemsize" | "nbytes" => Value::Int(dtype.itemsize() as i64),
        "base" => Value::None,
        "real" => {
            let (re, _) = s.to_complex();
            Value::NpScalar(
                dtype.real_part(),
                if dtype.is_complex() {
                    Scalar::Float(re)
                } else {
                    s
                },
            )
        }
        "imag" => {
            let (_, im) = s.to_complex();
            Value::NpScalar(
                dtype.real_part(),
                crate::array::element::cast(Scalar::Float(im), dtype.real_part()),
            )
        }
        _ => {
            let m = match attr {
                "item" | "tolist" => ("item", item as BuiltinFn),
                "sum" => (
                    "sum",
                    (|i, r, a| reduce_method(i, r, a, ReduceOp::Sum)) as BuiltinFn,
                ),
                "round" => ("round", round as BuiltinFn),
                "is_integer" if dtype.is_float() => ("is_integer", is_integer as BuiltinFn),
                // Everything else works as on a 0-d array, as in NumPy.
                other => {
                    match super::manipulation::scalar_method(other).or_else(|| method(other)) {
                        Some(found) => found,
                        None => return Ok(None),
                    }
                }
            };
            Value::method(m.0, m.1, v.clone())
        }
    }))
}

/// `np.float64(x).is_integer()`, as for Python floats.
fn is_integer(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    args.bind("is_integer", &[])?;
    let f = match r {
        Some(Value::NpScalar(_, s)) => s.to_f64(),
        _ => return Err(type_error("descriptor 'is_integer' requires a float")),
    };
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

/// `d.<attr>` for a dtype object.
pub fn dtype_attr(d: DType, attr: &str) -> Option<Value> {
    Some(match attr {
        "name" => Value::str(d.name()),
        "itemsize" => Value::Int(d.itemsize() as i64),
        "kind" => Value::str(&d.kind_char().to_string()),
        "type" => Value::Class(crate::interp::value::Class::Scalar(d)),
        // Native little-endian layout: '|' where byte order does not apply.
        "str" => {
            let order = if d.itemsize() == 1 { '|' } else { '<' };
            let code = if d == DType::Bool { 'b' } else { d.kind_char() };
            Value::str(&format!("{order}{code}{}", d.itemsize()))
        }
        "byteorder" => Value::str(if d.itemsize() == 1 { "|" } else { "=" }),
        "alignment" => Value::Int(d.real_part().itemsize() as i64),
        "isnative" => Value::Bool(true),
        "ndim" => Value::Int(0),
        "shape" => Value::tuple(vec![]),
        "char" => Value::str(match d {
            DType::Bool => "?",
            DType::Int8 => "b",
            DType::Int16 => "h",
            DType::Int32 => "i",
            DType::Int64 => "l",
            DType::UInt8 => "B",
            DType::UInt16 => "H",
            DType::UInt32 => "I",
            DType::UInt64 => "L",
            DType::Float32 => "f",
            DType::Float64 => "d",
            DType::Complex64 => "F",
            DType::Complex128 => "D",
        }),
        _ => return None,
    })
}

fn flag_value(a: &Array, name: &str) -> Option<bool> {
    let d = a.data();
    let itemsize = d.dtype.itemsize();
    Some(match name.to_ascii_lowercase().as_str() {
        "c_contiguous" | "c" | "contiguous" => {
            layout::is_c_contiguous(&d.shape, &d.strides, itemsize)
        }
        "f_contiguous" | "f" | "fortran" => layout::is_f_contiguous(&d.shape, &d.strides, itemsize),
        "owndata" | "o" => d.owndata,
        "writeable" | "w" => d.writeable,
        "aligned" | "a" => true,
        "writebackifcopy" | "x" => false,
        _ => return None,
    })
}

/// `a.flags.<attr>`: the lower-case attribute names.
pub fn flags_attr(a: &Array, attr: &str) -> Option<Value> {
    if attr.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    flag_value(a, attr).map(Value::Bool)
}

/// `a.flags['C_CONTIGUOUS']`, `a.flags['W']`.
pub fn flag_by_key(a: &Array, key: &Value) -> PyResult<Value> {
    let Value::Str(name) = key else {
        return Err(PyErr::new(ExcKind::KeyError, "'Unknown flag'"));
    };
    flag_value(a, name)
        .map(Value::Bool)
        .ok_or_else(|| PyErr::new(ExcKind::KeyError, "'Unknown flag'"))
}

/// `a.flags.writeable = False`.
pub fn set_flag(a: &Array, attr: &str, value: &Value) -> PyResult<()> {
    super::manipulation::flags::set_flag(a, attr, value)
}
