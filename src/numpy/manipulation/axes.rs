//! Axis rearrangements, always views: `np.transpose`, `swapaxes`,
//! `moveaxis`, `.mT` / `np.matrix_transpose`, `squeeze`, `expand_dims` and
//! the `atleast_1d/2d/3d` family. (`a.transpose()` itself is in `methods`.)

use crate::array::index::{self, IndexItem};
use crate::array::layout::Order;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};
use crate::numpy::methods::{receiver, reshape_array, transpose};

use super::{
    array_param, multi_axis, normalize_axis, normalize_axis_tuple, one_or_tuple, restrided,
};

/// `np.transpose(a, axes=None)`.
pub fn np_transpose(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("transpose", &["a", "axes"])?;
    let a = array_param(&slots[0], "transpose", "a")?;
    let axes = match &slots[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(convert::shape_arg(v)?),
    };
    Ok(Value::Array(transpose(&a, axes)?))
}

/// `a.swapaxes(axis1, axis2)`: the two axes exchanged.
pub fn swapaxes(a: &Array, axis1: i64, axis2: i64) -> PyResult<Array> {
    let n = a.ndim();
    let first = normalize_axis(axis1, n, Some("axis1"))?;
    let second = normalize_axis(axis2, n, Some("axis2"))?;
    let mut perm: Vec<usize> = (0..n).collect();
    perm.swap(first, second);
    Ok(permuted(a, &perm))
}

/// A view with the axes in the order `perm` (a permutation of 0..ndim).
pub fn permuted(a: &Array, perm: &[usize]) -> Array {
    let (shape, strides) = {
        let d = a.data();
        (
            perm.iter().map(|&k| d.shape[k]).collect(),
            perm.iter().map(|&k| d.strides[k]).collect(),
        )
    };
    restrided(a, shape, strides)
}

pub fn swapaxes_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let given = args.positional.len() + args.keywords.len();
    let slots = args.bind("swapaxes", &["axis1", "axis2"])?;
    let (Some(x), Some(y)) = (&slots[0], &slots[1]) else {
        return Err(type_error(format!(
            "swapaxes() takes exactly 2 arguments ({given} given)"
        )));
    };
    let (x, y) = (convert::index_value(x)?, convert::index_value(y)?);
    Ok(Value::Array(swapaxes(&a, x, y)?))
}

/// `np.swapaxes(a, axis1, axis2)`.
pub fn np_swapaxes(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("swapaxes", &["a", "axis1", "axis2"])?;
    let a = array_param(&slots[0], "swapaxes", "a")?;
    let x = convert::index_value(slots[1].as_ref().unwrap_or(&Value::None))?;
    let y = convert::index_value(slots[2].as_ref().unwrap_or(&Value::None))?;
    Ok(Value::Array(swapaxes(&a, x, y)?))
}

/// `np.moveaxis(a, source, destination)`: the named axes moved, the others
/// kept in order.
pub fn moveaxis(a: &Array, source: &Value, destination: &Value) -> PyResult<Array> {
    let n = a.ndim();
    let source = normalize_axis_tuple(source, n, Some("source"), false)?;
    let destination = normalize_axis_tuple(destination, n, Some("destination"), false)?;
    if source.len() != destination.len() {
        return Err(value_error(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..n).filter(|k| !source.contains(k)).collect();
    let mut pairs: Vec<(usize, usize)> = destination.into_iter().zip(source).collect();
    pairs.sort_unstable();
    for (dest, src) in pairs {
        order.insert(dest.min(order.len()), src);
    }
    Ok(permuted(a, &order))
}

pub fn np_moveaxis(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("moveaxis", &["a", "source", "destination"])?;
    let a = array_param(&slots[0], "moveaxis", "a")?;
    let source = slots[1]
        .as_ref()
        .ok_or_else(|| super::missing("moveaxis", "source"))?;
    let destination = slots[2]
        .as_ref()
        .ok_or_else(|| super::missing("moveaxis", "destination"))?;
    Ok(Value::Array(moveaxis(&a, source, destination)?))
}

/// `a.mT`: the last two axes swapped.
pub fn matrix_transpose(a: &Array) -> PyResult<Array> {
    let n = a.ndim();
    if n < 2 {
        return Err(value_error("matrix transpose with ndim < 2 is undefined"));
    }
    let mut perm: Vec<usize> = (0..n).collect();
    perm.swap(n - 2, n - 1);
    Ok(permuted(a, &perm))
}

/// `np.matrix_transpose(x)`.
pub fn np_matrix_transpose(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("matrix_transpose", &["x"])?;
    let a = array_param(&slots[0], "matrix_transpose", "x")?;
    if a.ndim() < 2 {
        return Err(value_error(format!(
            "Input array must be at least 2-dimensional, but it is {}",
            a.ndim()
        )));
    }
    Ok(Value::Array(matrix_transpose(&a)?))
}

/// `a.squeeze(axis)`: length-1 axes removed. With nothing to remove NumPy
/// returns the array itself, not a view.
pub fn squeeze(a: &Array, axis: Option<&Value>) -> PyResult<Array> {
    let (shape, strides) = {
        let d = a.data();
        (d.shape.clone(), d.strides.clone())
    };
    let selected = match axis {
        // A 0-d array accepts axis 0 or -1 and squeezes nothing.
        Some(Value::Int(0 | -1)) if shape.is_empty() => vec![],
        Some(Value::None) | None => shape.iter().map(|&d| d == 1).collect(),
        Some(v) => {
            let flags = multi_axis(Some(v), shape.len())?;
            if flags.iter().zip(&shape).any(|(&f, &d)| f && d != 1) {
                return Err(value_error(
                    "cannot select an axis to squeeze out which has size not equal to one",
                ));
            }
            flags
        }
    };
    if !selected.iter().any(|&f| f) {
        return Ok(a.clone());
    }
    let keep = |k: &usize| !selected[*k];
    let new_shape = (0..shape.len()).filter(keep).map(|k| shape[k]).collect();
    let new_strides = (0..shape.len()).filter(keep).map(|k| strides[k]).collect();
    Ok(restrided(a, new_shape, new_strides))
}

pub fn squeeze_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("squeeze", &["axis"])?;
    Ok(Value::Array(squeeze(&a, slots[0].as_ref())?))
}

pub fn np_squeeze(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("squeeze", &["a", "axis"])?;
    let a = array_param(&slots[0], "squeeze", "a")?;
    Ok(Value::Array(squeeze(&a, slots[1].as_ref())?))
}

/// `np.expand_dims(a, axis)`: new length-1 axes at the given positions of
/// the result, made by `reshape` (so their strides are reshape's, not 0).
pub fn expand_dims(a: &Array, axis: &Value) -> PyResult<Array> {
    let single;
    let axis = match axis {
        Value::Tuple(_) | Value::List(_) => axis,
        other => {
            single = Value::tuple(vec![other.clone()]);
            &single
        }
    };
    let count = match axis {
        Value::Tuple(t) => t.len(),
        Value::List(l) => l.borrow().len(),
        _ => 1,
    };
    let old = a.shape();
    let out_ndim = count + old.len();
    let axes = normalize_axis_tuple(axis, out_ndim, None, false)?;
    let mut dims = old.iter();
    let mut shape = Vec::with_capacity(out_ndim);
    for k in 0..out_ndim {
        let d = if axes.contains(&k) {
            1
        } else {
            dims.next().copied().unwrap_or(1)
        };
        shape.push(i64::try_from(d).map_err(|_| value_error("array is too big"))?);
    }
    reshape_array(a, &shape, Order::C, None)
}

pub fn np_expand_dims(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("expand_dims", &["a", "axis"])?;
    let a = array_param(&slots[0], "expand_dims", "a")?;
    let axis = slots[1]
        .as_ref()
        .ok_or_else(|| super::missing("expand_dims", "axis"))?;
    Ok(Value::Array(expand_dims(&a, axis)?))
}

/// `np.atleast_1d/2d/3d(*arys)`: arrays with enough dimensions come back
/// as they are; others gain axes by `reshape` (0-d) or by indexing with
/// `None` (stride 0), exactly as NumPy builds them.
pub fn atleast(_: &mut Interp, _: Option<&Value>, args: Args, n: usize) -> PyResult<Value> {
    if let Some((name, _)) = args.keywords.first() {
        return Err(type_error(format!(
            "atleast_{n}d() got an unexpected keyword argument '{name}'"
        )));
    }
    let results = args
        .positional
        .iter()
        .map(|v| atleast_one(&convert::to_array(v)?, n).map(Value::Array))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(one_or_tuple(results))
}

fn atleast_one(a: &Array, n: usize) -> PyResult<Array> {
    let ndim = a.ndim();
    if ndim >= n {
        return Ok(a.clone());
    }
    if ndim == 0 {
        return reshape_array(a, &vec![1; n], Order::C, None);
    }
    let full = IndexItem::Slice {
        start: None,
        stop: None,
        step: None,
    };
    let items = match (n, ndim) {
        (2, 1) => vec![IndexItem::NewAxis, full],
        (3, 1) => vec![IndexItem::NewAxis, full, IndexItem::NewAxis],
        _ => vec![full.clone(), full, IndexItem::NewAxis],
    };
    match index::get(a, &items)? {
        index::Indexed::View(v) | index::Indexed::Copy(v) => Ok(v),
        index::Indexed::Scalar(..) => Err(value_error("unexpected scalar")),
    }
}
