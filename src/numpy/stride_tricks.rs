//! `numpy.lib.stride_tricks`: `as_strided` and `sliding_window_view`.
//!
//! `as_strided` builds a view from any shape and strides. NumPy trusts the
//! caller and will read or write outside the array's memory; npview checks
//! every such view against the buffer it lives in and refuses one that
//! would reach outside it. As in NumPy, the result's `.base` is an internal
//! object (standing for NumPy's `DummyArray`) whose own `.base` is the
//! source, so views of the result stop collapsing at the result.

use crate::array::layout;
use crate::array::{Array, ArrayData};
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};
use crate::numpy::manipulation::{missing, normalize_axis_tuple};

/// The items of a sequence argument (`tuple(shape)` in NumPy).
fn int_sequence(v: &Value) -> PyResult<Vec<i64>> {
    let items: Vec<Value> = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        Value::Array(a) if a.ndim() == 1 => a
            .to_scalars()
            .into_iter()
            .map(convert::scalar_to_py)
            .collect(),
        other => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            )))
        }
    };
    items.iter().map(convert::index_value).collect()
}

/// Refuses a layout that would touch bytes outside the buffer.
fn check_inside(
    shape: &[usize],
    strides: &[isize],
    offset: usize,
    itemsize: usize,
    buffer_len: usize,
) -> PyResult<()> {
    if layout::checked_size(shape) == Some(0) {
        return Ok(());
    }
    let refuse = |span: String| {
        value_error(format!(
            "as_strided: the requested view would reach outside the array's memory \
             ({span} of a {buffer_len}-byte buffer); npview refuses views that NumPy would \
             read out of bounds"
        ))
    };
    let Some((lower, upper)) = layout::offset_bounds(shape, strides, itemsize) else {
        return Err(refuse("a byte range too large to represent".to_string()));
    };
    let start = offset as i128 + lower as i128;
    let end = offset as i128 + upper as i128;
    if start < 0 || end > buffer_len as i128 {
        return Err(refuse(format!("bytes {start} to {end}")));
    }
    Ok(())
}

/// `as_strided(x, shape, strides, writeable)`; `shape`/`strides` None keep
/// the source's (for a C-contiguous source, strides follow the new shape).
pub fn as_strided(
    x: &Array,
    shape: Option<Vec<i64>>,
    strides: Option<Vec<i64>>,
    writeable: bool,
) -> PyResult<Array> {
    let d = x.data();
    let itemsize = d.dtype.itemsize();
    let c_contiguous = layout::is_c_contiguous(&d.shape, &d.strides, itemsize);
    let shape: Vec<i64> = match shape {
        Some(s) => s,
        None => d.shape.iter().map(|&n| n as i64).collect(),
    };
    if shape.iter().any(|&n| n < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    let shape: Vec<usize> = shape.iter().map(|&n| n as usize).collect();
    let strides: Vec<isize> = match strides {
        Some(s) => s
            .iter()
            .map(|&n| isize::try_from(n).map_err(|_| value_error("stride too large")))
            .collect::<PyResult<_>>()?,
        None if c_contiguous => {
            layout::c_strides(&shape, itemsize).ok_or_else(|| value_error("array is too big"))?
        }
        None => d.strides.to_vec(),
    };
    if strides.len() != shape.len() {
        return Err(value_error("mismatch in length of strides and shape"));
    }
    layout::checked_nbytes(&shape, itemsize).ok_or_else(|| {
        value_error(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        )
    })?;
    check_inside(&shape, &strides, d.offset, itemsize, d.buffer.len())?;
    let stand_in = Array::from_data(ArrayData {
        base: Some(x.clone()),
        owndata: false,
        warn_on_write: false,
        stand_in: true,
        ..d.clone()
    });
    Ok(Array::from_data(ArrayData {
        buffer: d.buffer.clone(),
        dtype: d.dtype,
        shape: shape.into(),
        strides: strides.into(),
        offset: d.offset,
        base: Some(stand_in),
        writeable: d.writeable && writeable,
        owndata: false,
        warn_on_write: false,
        stand_in: false,
    }))
}

fn truth(v: &Option<Value>, default: bool) -> bool {
    match v {
        None => default,
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        Some(Value::None) => false,
        Some(Value::NpScalar(_, s)) => s.is_truthy(),
        Some(_) => true,
    }
}

fn np_as_strided(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "as_strided",
        &["x", "shape", "strides", "subok", "writeable"],
    )?;
    let x = convert::to_array(
        slots[0]
            .as_ref()
            .ok_or_else(|| missing("as_strided", "x"))?,
    )?;
    let sequence = |slot: &Option<Value>| match slot {
        None | Some(Value::None) => Ok(None),
        Some(v) => int_sequence(v).map(Some),
    };
    let shape = sequence(&slots[1])?;
    let strides = sequence(&slots[2])?;
    let writeable = truth(&slots[4], true);
    Ok(Value::Array(as_strided(&x, shape, strides, writeable)?))
}

/// `sliding_window_view(x, window_shape, axis=None, *, subok=False,
/// writeable=False)`: every window as trailing axes, read-only by default.
fn np_sliding_window_view(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "sliding_window_view",
        &["x", "window_shape", "axis", "subok", "writeable"],
    )?;
    let x = convert::to_array(
        slots[0]
            .as_ref()
            .ok_or_else(|| missing("sliding_window_view", "x"))?,
    )?;
    let window: Vec<i64> = match slots[1]
        .as_ref()
        .ok_or_else(|| missing("sliding_window_view", "window_shape"))?
    {
        v @ (Value::Tuple(_) | Value::List(_) | Value::Array(_)) => int_sequence(v)?,
        other => vec![convert::index_value(other)?],
    };
    if window.iter().any(|&n| n < 0) {
        return Err(value_error("`window_shape` cannot contain negative values"));
    }
    let (shape, strides) = {
        let d = x.data();
        (d.shape.clone(), d.strides.clone())
    };
    let axes: Vec<usize> = match &slots[2] {
        None | Some(Value::None) => {
            if window.len() != shape.len() {
                return Err(value_error(format!(
                    "Since axis is `None`, must provide window_shape for all dimensions of `x`; got {} window_shape elements and `x.ndim` is {}.",
                    window.len(),
                    shape.len()
                )));
            }
            (0..shape.len()).collect()
        }
        Some(v) => {
            let axes = normalize_axis_tuple(v, shape.len(), None, true)?;
            if window.len() != axes.len() {
                return Err(value_error(format!(
                    "Must provide matching length window_shape and axis; got {} window_shape elements and {} axes elements.",
                    window.len(),
                    axes.len()
                )));
            }
            axes
        }
    };
    let mut out_strides: Vec<i64> = strides.iter().map(|&s| s as i64).collect();
    out_strides.extend(axes.iter().map(|&k| strides[k] as i64));
    let mut trimmed: Vec<i64> = shape.iter().map(|&n| n as i64).collect();
    for (&k, &w) in axes.iter().zip(&window) {
        if trimmed[k] < w {
            return Err(value_error(
                "window shape cannot be larger than input array shape",
            ));
        }
        trimmed[k] -= w - 1;
    }
    trimmed.extend(&window);
    let writeable = truth(&slots[4], false);
    Ok(Value::Array(as_strided(
        &x,
        Some(trimmed),
        Some(out_strides),
        writeable,
    )?))
}

/// `numpy.lib.stride_tricks.<name>`.
pub fn function(name: &str) -> Option<Value> {
    match name {
        "as_strided" => Some(Value::builtin("as_strided", np_as_strided)),
        "sliding_window_view" => Some(Value::builtin(
            "sliding_window_view",
            np_sliding_window_view,
        )),
        _ => None,
    }
}
