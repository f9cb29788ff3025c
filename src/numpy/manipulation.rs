//! Array manipulation: the `np` functions and array methods that rearrange
//! how an array's memory is seen (views), plus the copy-control and flag
//! rules that decide when NumPy copies instead.
//!
//! Each family lives in its own file below `manipulation/`; this file holds
//! the name tables and the argument helpers they share (axis
//! normalisation with NumPy's messages). Indexing itself is `array::index`;
//! reshape's layout maths is `array::layout`.

pub mod axes;
pub mod broadcast;
pub mod complex_parts;
pub mod copy_control;
pub mod flags;
pub mod flat;
pub mod flip;
pub mod order;
pub mod resize;
pub mod split;

use crate::array::Array;
use crate::error::{axis_error, type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::value::BuiltinFn;
use crate::interp::Value;

/// `np.<name>` for the functions of this family.
pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "transpose" => ("transpose", axes::np_transpose),
        "swapaxes" => ("swapaxes", axes::np_swapaxes),
        "moveaxis" => ("moveaxis", axes::np_moveaxis),
        "matrix_transpose" => ("matrix_transpose", axes::np_matrix_transpose),
        "squeeze" => ("squeeze", axes::np_squeeze),
        "expand_dims" => ("expand_dims", axes::np_expand_dims),
        "atleast_1d" => ("atleast_1d", |i, r, a| axes::atleast(i, r, a, 1)),
        "atleast_2d" => ("atleast_2d", |i, r, a| axes::atleast(i, r, a, 2)),
        "atleast_3d" => ("atleast_3d", |i, r, a| axes::atleast(i, r, a, 3)),
        "broadcast_to" => ("broadcast_to", broadcast::np_broadcast_to),
        "broadcast_arrays" => ("broadcast_arrays", broadcast::np_broadcast_arrays),
        "broadcast_shapes" => ("broadcast_shapes", broadcast::np_broadcast_shapes),
        "diagonal" => ("diagonal", flip::np_diagonal),
        "flip" => ("flip", flip::np_flip),
        "fliplr" => ("fliplr", flip::np_fliplr),
        "flipud" => ("flipud", flip::np_flipud),
        "rot90" => ("rot90", flip::np_rot90),
        "real" => ("real", complex_parts::np_real),
        "imag" => ("imag", complex_parts::np_imag),
        "split" => ("split", split::np_split),
        "array_split" => ("array_split", split::np_array_split),
        "hsplit" => ("hsplit", |i, r, a| split::np_directional(i, r, a, "hsplit")),
        "vsplit" => ("vsplit", |i, r, a| split::np_directional(i, r, a, "vsplit")),
        "dsplit" => ("dsplit", |i, r, a| split::np_directional(i, r, a, "dsplit")),
        "reshape" => ("reshape", flat::np_reshape),
        "ravel" => ("ravel", flat::np_ravel),
        "resize" => ("resize", resize::np_resize),
        "asfortranarray" => ("asfortranarray", copy_control::np_asfortranarray),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// Array methods of this family: `a.<attr>(...)`.
pub fn method(attr: &str) -> Option<(&'static str, BuiltinFn)> {
    Some(match attr {
        "swapaxes" => ("swapaxes", axes::swapaxes_method),
        "squeeze" => ("squeeze", axes::squeeze_method),
        "diagonal" => ("diagonal", flip::diagonal_method),
        "ravel" => ("ravel", flat::ravel_method),
        "flatten" => ("flatten", flat::flatten_method),
        "view" => ("view", flat::view_method),
        "reshape" => ("reshape", flat::reshape_method),
        "resize" => ("resize", resize::resize_method),
        "astype" => ("astype", copy_control::astype_method),
        "copy" => ("copy", copy_control::copy_method),
        "setflags" => ("setflags", flags::setflags_method),
        _ => return None,
    })
}

/// Methods of NumPy scalars that act on the scalar as a 0-d array and give
/// a 0-d result back as a scalar (NumPy's `PyArray_Return`).
pub fn scalar_method(attr: &str) -> Option<(&'static str, BuiltinFn)> {
    Some(match attr {
        "copy" => ("copy", |i, r, a| {
            as_scalar(copy_control::copy_method(i, r, a))
        }),
        "astype" => ("astype", |i, r, a| {
            as_scalar(copy_control::astype_method(i, r, a))
        }),
        "reshape" => ("reshape", |i, r, a| {
            as_scalar(flat::reshape_method(i, r, a))
        }),
        "ravel" => ("ravel", |i, r, a| as_scalar(flat::ravel_method(i, r, a))),
        "flatten" => ("flatten", |i, r, a| {
            as_scalar(flat::flatten_method(i, r, a))
        }),
        "squeeze" => ("squeeze", |i, r, a| {
            as_scalar(axes::squeeze_method(i, r, a))
        }),
        _ => return None,
    })
}

fn as_scalar(result: PyResult<Value>) -> PyResult<Value> {
    Ok(match result? {
        Value::Array(a) => convert::ufunc_result(a),
        other => other,
    })
}

/// Array data attributes of this family (`a.mT`, `a.real`, `a.imag`).
pub fn attribute(a: &Array, attr: &str) -> Option<PyResult<Value>> {
    Some(match attr {
        "mT" => axes::matrix_transpose(a).map(Value::Array),
        "real" => Ok(Value::Array(complex_parts::real(a))),
        "imag" => complex_parts::imag(a).map(Value::Array),
        _ => return None,
    })
}

/// The array a function argument stands for (`np.asarray(v)`), or
/// Python's TypeError for a missing required argument.
pub fn array_param(slot: &Option<Value>, func: &str, name: &str) -> PyResult<Array> {
    match slot {
        Some(v) => convert::to_array(v),
        None => Err(missing(func, name)),
    }
}

/// Python's TypeError for a missing required argument.
pub fn missing(func: &str, name: &str) -> crate::error::PyErr {
    type_error(format!(
        "{func}() missing 1 required positional argument: '{name}'"
    ))
}

/// An integer argument (`__index__`), None allowed when `default` is given.
pub fn int_param(slot: &Option<Value>, default: i64) -> PyResult<i64> {
    match slot {
        None => Ok(default),
        Some(v) => convert::index_value(v),
    }
}

/// NumPy's `normalize_axis_index`: a negative axis counts from the end;
/// out of range is an AxisError, prefixed with the argument's name when
/// NumPy gives one (`axis1: axis 3 is out of bounds for array of dimension 3`).
pub fn normalize_axis(axis: i64, ndim: usize, argname: Option<&str>) -> PyResult<usize> {
    let n = i64::try_from(ndim).unwrap_or(i64::MAX);
    if axis < -n || axis >= n {
        let prefix = argname.map_or_else(String::new, |name| format!("{name}: "));
        return Err(axis_error(format!(
            "{prefix}axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    let k = if axis < 0 { axis + n } else { axis };
    usize::try_from(k).map_err(|_| value_error("axis out of range"))
}

/// NumPy's `normalize_axis_tuple`: an int or a sequence of ints, each
/// normalised; repeats are `ValueError: repeated axis` (naming the argument
/// when there is one) unless allowed.
pub fn normalize_axis_tuple(
    v: &Value,
    ndim: usize,
    argname: Option<&str>,
    allow_duplicate: bool,
) -> PyResult<Vec<usize>> {
    let items: Vec<Value> = match v {
        Value::Tuple(items) => items.to_vec(),
        Value::List(items) => items.borrow().clone(),
        Value::Array(a) if a.ndim() == 1 => a
            .to_scalars()
            .into_iter()
            .map(|s| match s {
                crate::array::scalar::Scalar::Int(i) => Value::Int(i),
                crate::array::scalar::Scalar::UInt(u) => {
                    Value::Int(i64::try_from(u).unwrap_or(i64::MAX))
                }
                other => convert::scalar_to_py(other),
            })
            .collect(),
        other => match convert::index_value(other) {
            Ok(i) => vec![Value::Int(i)],
            Err(_) => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    other.type_name()
                )))
            }
        },
    };
    let mut axes = Vec::with_capacity(items.len());
    for item in &items {
        let axis = convert::index_value(item).map_err(|_| {
            type_error(format!(
                "integer argument expected, got {}",
                item.type_name()
            ))
        })?;
        axes.push(normalize_axis(axis, ndim, argname)?);
    }
    if !allow_duplicate {
        let mut seen = vec![false; ndim];
        for &k in &axes {
            if std::mem::replace(&mut seen[k], true) {
                return Err(value_error(match argname {
                    Some(name) => format!("repeated axis in `{name}` argument"),
                    None => "repeated axis".to_string(),
                }));
            }
        }
    }
    Ok(axes)
}

/// NumPy's `PyArray_ConvertMultiAxis` (the `axis=` of `squeeze` and the
/// reductions): None selects every axis; a repeat is
/// `ValueError: duplicate value in 'axis'`.
pub fn multi_axis(v: Option<&Value>, ndim: usize) -> PyResult<Vec<bool>> {
    let items: Vec<Value> = match v {
        None | Some(Value::None) => return Ok(vec![true; ndim]),
        Some(Value::Tuple(items)) => items.to_vec(),
        Some(other) => vec![other.clone()],
    };
    let mut flags = vec![false; ndim];
    for item in &items {
        let k = normalize_axis(convert::index_value(item)?, ndim, None)?;
        if std::mem::replace(&mut flags[k], true) {
            return Err(value_error("duplicate value in 'axis'"));
        }
    }
    Ok(flags)
}

/// A view of `a` with the same dtype and offset and a new shape and strides
/// (axis permutations and removals, which never leave the buffer).
pub fn restrided(a: &Array, shape: Vec<usize>, strides: Vec<isize>) -> Array {
    let (dtype, offset) = {
        let d = a.data();
        (d.dtype, d.offset)
    };
    a.view_with(dtype, shape.into(), strides.into(), offset)
}

/// The value NumPy returns for one array or several: the array itself, or
/// a tuple.
pub fn one_or_tuple(mut arrays: Vec<Value>) -> Value {
    if arrays.len() == 1 {
        arrays.pop().unwrap_or(Value::None)
    } else {
        Value::tuple(arrays)
    }
}
