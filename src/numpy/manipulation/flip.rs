//! Reversals and rotations (`flip`, `fliplr`, `flipud`, `rot90`), built
//! from basic indexing and transposes as NumPy builds them, and `diagonal`,
//! a read-only strided view.

use crate::array::index::{self, IndexItem};
use crate::array::Array;
use crate::error::{value_error, PyResult};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};
use crate::numpy::methods::receiver;

use super::axes::permuted;
use super::{array_param, int_param, normalize_axis, normalize_axis_tuple};

const FULL: IndexItem = IndexItem::Slice {
    start: None,
    stop: None,
    step: None,
};

const REVERSED: IndexItem = IndexItem::Slice {
    start: None,
    stop: None,
    step: Some(-1),
};

/// `a[items]` for basic items, as a Python value (a 0-d result of an
/// empty index is a NumPy scalar, as in NumPy).
fn basic_index(a: &Array, items: &[IndexItem]) -> PyResult<Value> {
    Ok(match index::get(a, items)? {
        index::Indexed::Scalar(d, s) => Value::NpScalar(d, s),
        index::Indexed::View(v) | index::Indexed::Copy(v) => Value::Array(v),
    })
}

/// `a[items]` when the result is known to be an array view.
fn basic_view(a: &Array, items: &[IndexItem]) -> PyResult<Array> {
    match basic_index(a, items)? {
        Value::Array(v) => Ok(v),
        _ => Err(value_error("expected an array view")),
    }
}

/// `np.flip(m, axis)`: `m` indexed with `::-1` on the chosen axes.
fn flip_items(ndim: usize, axes: Option<&[usize]>) -> Vec<IndexItem> {
    (0..ndim)
        .map(|k| match axes {
            Some(axes) if !axes.contains(&k) => FULL,
            _ => REVERSED,
        })
        .collect()
}

fn flip_axis(a: &Array, axis: usize) -> PyResult<Array> {
    basic_view(a, &flip_items(a.ndim(), Some(&[axis])))
}

pub fn np_flip(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("flip", &["m", "axis"])?;
    let a = array_param(&slots[0], "flip", "m")?;
    let axes = match &slots[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(normalize_axis_tuple(v, a.ndim(), None, false)?),
    };
    basic_index(&a, &flip_items(a.ndim(), axes.as_deref()))
}

pub fn np_fliplr(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("fliplr", &["m"])?;
    let a = array_param(&slots[0], "fliplr", "m")?;
    if a.ndim() < 2 {
        return Err(value_error("Input must be >= 2-d."));
    }
    basic_index(&a, &[FULL, REVERSED])
}

pub fn np_flipud(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("flipud", &["m"])?;
    let a = array_param(&slots[0], "flipud", "m")?;
    if a.ndim() < 1 {
        return Err(value_error("Input must be >= 1-d."));
    }
    basic_index(&a, &[REVERSED, IndexItem::Ellipsis])
}

/// How many quarter turns `k` asks for, as NumPy's `k %= 4` then compares
/// it with 0, 1 and 2 (anything else acts as 3, floats included).
fn quarter_turns(v: Option<&Value>) -> PyResult<u8> {
    let k = match v {
        None => return Ok(1),
        Some(Value::Float(f)) => {
            let r = f.rem_euclid(4.0);
            return Ok(match r {
                0.0 => 0,
                1.0 => 1,
                2.0 => 2,
                _ => 3,
            });
        }
        Some(other) => convert::index_value(other)?,
    };
    Ok(k.rem_euclid(4) as u8)
}

/// `np.rot90(m, k=1, axes=(0, 1))`.
pub fn np_rot90(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("rot90", &["m", "k", "axes"])?;
    let a = array_param(&slots[0], "rot90", "m")?;
    let axes: Vec<i64> = match &slots[2] {
        None => vec![0, 1],
        Some(v) => convert::shape_arg(v)?,
    };
    if axes.len() != 2 {
        return Err(value_error("len(axes) must be 2."));
    }
    let n = i64::try_from(a.ndim()).unwrap_or(i64::MAX);
    let (x, y) = (axes[0], axes[1]);
    if x == y || x.checked_sub(y).and_then(i64::checked_abs) == Some(n) {
        return Err(value_error("Axes must be different."));
    }
    if x >= n || x < -n || y >= n || y < -n {
        return Err(value_error(format!(
            "Axes=({x}, {y}) out of range for array of ndim={n}."
        )));
    }
    let k = quarter_turns(slots[1].as_ref())?;
    let (x, y) = (
        normalize_axis(x, a.ndim(), None)?,
        normalize_axis(y, a.ndim(), None)?,
    );
    if k == 0 {
        return basic_index(&a, &[FULL]);
    }
    if k == 2 {
        return Ok(Value::Array(flip_axis(&flip_axis(&a, x)?, y)?));
    }
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.swap(x, y);
    let turned = if k == 1 {
        permuted(&flip_axis(&a, y)?, &perm)
    } else {
        flip_axis(&permuted(&a, &perm), y)?
    };
    Ok(Value::Array(turned))
}

/// `a.diagonal(offset, axis1, axis2)`: the diagonal as the last axis of a
/// read-only view (stride `stride1 + stride2`).
pub fn diagonal(a: &Array, offset: i64, axis1: i64, axis2: i64) -> PyResult<Array> {
    let n = a.ndim();
    if n < 2 {
        return Err(value_error(
            "diag requires an array of at least two dimensions",
        ));
    }
    let first = normalize_axis(axis1, n, Some("axis1"))?;
    let second = normalize_axis(axis2, n, Some("axis2"))?;
    if first == second {
        return Err(value_error("axis1 and axis2 cannot be the same"));
    }
    let d = a.data();
    let (dim1, dim2) = (d.shape[first] as i128, d.shape[second] as i128);
    let (stride1, stride2) = (d.strides[first], d.strides[second]);
    let (rows, cols, shift_stride) = if offset >= 0 {
        (dim1, dim2 - offset as i128, stride2)
    } else {
        (dim1 + offset as i128, dim2, stride1)
    };
    let size = rows.min(cols).max(0);
    let mut start = d.offset;
    if size > 0 {
        // In range: the first diagonal element is an element of the array.
        let shift = (offset as i128).abs() * shift_stride as i128;
        start = usize::try_from(start as i128 + shift)
            .map_err(|_| value_error("diagonal offset out of range"))?;
    }
    let mut shape = Vec::with_capacity(n - 1);
    let mut strides = Vec::with_capacity(n - 1);
    for k in (0..n).filter(|&k| k != first && k != second) {
        shape.push(d.shape[k]);
        strides.push(d.strides[k]);
    }
    shape.push(usize::try_from(size).unwrap_or(0));
    strides.push(
        stride1
            .checked_add(stride2)
            .ok_or_else(|| value_error("array is too big"))?,
    );
    let dtype = d.dtype;
    drop(d);
    let view = a.view_with(dtype, shape.into(), strides.into(), start);
    view.data_mut().writeable = false;
    Ok(view)
}

fn diagonal_args(a: &Array, slots: &[Option<Value>]) -> PyResult<Value> {
    let offset = int_param(&slots[0], 0)?;
    let axis1 = int_param(&slots[1], 0)?;
    let axis2 = int_param(&slots[2], 1)?;
    Ok(Value::Array(diagonal(a, offset, axis1, axis2)?))
}

pub fn diagonal_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("diagonal", &["offset", "axis1", "axis2"])?;
    diagonal_args(&a, &slots)
}

pub fn np_diagonal(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("diagonal", &["a", "offset", "axis1", "axis2"])?;
    let a = array_param(&slots[0], "diagonal", "a")?;
    diagonal_args(&a, &slots[1..])
}
