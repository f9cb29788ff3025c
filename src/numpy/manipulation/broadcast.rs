//! `broadcast_to`, `broadcast_arrays` and `broadcast_shapes`.
//!
//! Broadcast views repeat elements with stride 0. `broadcast_to` gives a
//! read-only view. `broadcast_arrays` returns inputs that already have the
//! common shape unchanged and views of the others that are writeable with
//! NumPy's WARN_ON_WRITE (when their source is writeable).

use crate::array::layout::{broadcast_shapes, broadcast_strides, broadcast_to_message};
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};

/// A shape argument: an int or a sequence, negative entries kept for the
/// error check.
fn target_shape(v: &Value) -> PyResult<Vec<i64>> {
    convert::shape_arg(v)
}

/// `np.broadcast_to(a, shape)` when `readonly`, else the writeable
/// (warn-on-write) variant `broadcast_arrays` uses.
pub fn broadcast_to(a: &Array, shape: &[i64], readonly: bool) -> PyResult<Array> {
    let d = a.data();
    if shape.is_empty() && !d.shape.is_empty() {
        return Err(value_error(
            "cannot broadcast a non-scalar to a scalar array",
        ));
    }
    if shape.iter().any(|&n| n < 0) {
        return Err(value_error(
            "all elements of broadcast shape must be non-negative",
        ));
    }
    let target: Vec<usize> = shape
        .iter()
        .map(|&n| usize::try_from(n).map_err(|_| value_error("array is too big")))
        .collect::<PyResult<_>>()?;
    crate::array::layout::checked_size(&target).ok_or_else(|| value_error("array is too big"))?;
    let strides = broadcast_strides(&d.shape, &d.strides, &target)
        .ok_or_else(|| value_error(broadcast_to_message(&d.shape, &target)))?;
    let (dtype, offset, source_writeable) = (d.dtype, d.offset, d.writeable);
    drop(d);
    let view = a.view_with(dtype, target.into(), strides.into(), offset);
    {
        // The view keeps a WARN_ON_WRITE it inherits; the writeable variant
        // sets it afresh.
        let mut v = view.data_mut();
        v.writeable = false;
        if !readonly && source_writeable {
            v.writeable = true;
            v.warn_on_write = true;
        }
    }
    Ok(view)
}

pub fn np_broadcast_to(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("broadcast_to", &["array", "shape", "subok"])?;
    let a = super::array_param(&slots[0], "broadcast_to", "array")?;
    let shape = target_shape(
        slots[1]
            .as_ref()
            .ok_or_else(|| super::missing("broadcast_to", "shape"))?,
    )?;
    Ok(Value::Array(broadcast_to(&a, &shape, true)?))
}

/// The arrays of `*args` (keyword `subok` accepted and ignored).
fn positional_arrays(func: &str, args: &Args) -> PyResult<Vec<Array>> {
    if let Some((name, _)) = args.keywords.iter().find(|(n, _)| n != "subok") {
        return Err(type_error(format!(
            "{func}() got an unexpected keyword argument '{name}'"
        )));
    }
    args.positional.iter().map(convert::to_array).collect()
}

pub fn np_broadcast_arrays(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let arrays = positional_arrays("broadcast_arrays", &args)?;
    let shapes: Vec<Vec<usize>> = arrays.iter().map(Array::shape).collect();
    let refs: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
    let common = broadcast_shapes(&refs).map_err(|e| value_error(e.mismatch_message()))?;
    let target: Vec<i64> = common
        .iter()
        .map(|&n| i64::try_from(n).map_err(|_| value_error("array is too big")))
        .collect::<PyResult<_>>()?;
    let results = arrays
        .iter()
        .zip(&shapes)
        .map(|(a, shape)| {
            if *shape == common {
                Ok(Value::Array(a.clone()))
            } else {
                broadcast_to(a, &target, false).map(Value::Array)
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::tuple(results))
}

/// `np.broadcast_shapes(*shapes)`: the common shape as a tuple.
pub fn np_broadcast_shapes(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    if let Some((name, _)) = args.keywords.first() {
        return Err(type_error(format!(
            "broadcast_shapes() got an unexpected keyword argument '{name}'"
        )));
    }
    let shapes = args
        .positional
        .iter()
        .map(convert::dims_arg)
        .collect::<PyResult<Vec<_>>>()?;
    let refs: Vec<&[usize]> = shapes.iter().map(Vec::as_slice).collect();
    let common = broadcast_shapes(&refs).map_err(|e| value_error(e.mismatch_message()))?;
    Ok(Value::tuple(
        common.iter().map(|&n| Value::Int(n as i64)).collect(),
    ))
}
