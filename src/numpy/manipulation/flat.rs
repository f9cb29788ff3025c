//! Reinterpretations of an array's memory: `reshape` (method and
//! function, with `copy=`), `ravel` (a view only when the memory is
//! contiguous in the asked order), `flatten` (always a copy), `view(dtype)`
//! and the in-place `a.shape = ...` setter.

use crate::array::layout::{self, Order};
use crate::array::Array;
use crate::error::{attribute_error, type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::value::Class;
use crate::interp::{Args, Interp, Value};
use crate::numpy::methods::{receiver, reshape_array};
use smallvec::smallvec;

use super::copy_control::copy_mode;
use super::order::{self, is_fortran, requested, Requested};

/// The order `reshape` reads and writes elements in: 'A' follows the
/// array, 'K' is refused.
fn reshape_order(v: Option<&Value>, a: &Array) -> PyResult<Order> {
    match requested(v, Requested::C)? {
        Requested::C => Ok(Order::C),
        Requested::F => Ok(Order::F),
        Requested::A if is_fortran(a) => Ok(Order::F),
        Requested::A => Ok(Order::C),
        Requested::K => Err(value_error("order 'K' is not permitted for reshaping")),
    }
}

/// Shape arguments given as `f(2, 3)`, `f((2, 3))` or `f(None)`.
fn shape_from_args(a: &Array, positional: &[Value]) -> PyResult<Vec<i64>> {
    match positional {
        [Value::None] => a
            .shape()
            .iter()
            .map(|&n| i64::try_from(n).map_err(|_| value_error("array is too big")))
            .collect(),
        [single] => convert::shape_arg(single),
        many => many.iter().map(convert::index_value).collect(),
    }
}

/// `a.reshape(*shape, order='C', copy=None)`.
pub fn reshape_method(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let (mut order, mut copy) = (None, None);
    for (name, v) in &args.keywords {
        match name.as_str() {
            "order" => order = Some(v.clone()),
            "copy" => copy = Some(v.clone()),
            other => {
                return Err(type_error(format!(
                    "'{other}' is an invalid keyword argument for this function"
                )))
            }
        }
    }
    if args.positional.is_empty() {
        return Err(type_error("reshape() takes exactly 1 argument (0 given)"));
    }
    let shape = shape_from_args(&a, &args.positional)?;
    let order = reshape_order(order.as_ref(), &a)?;
    let copy = copy_mode(interp, copy.as_ref())?;
    Ok(Value::Array(reshape_array(&a, &shape, order, copy)?))
}

/// `np.reshape(a, shape, order='C', *, copy=None)`.
pub fn np_reshape(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("reshape", &["a", "shape", "order", "copy"])?;
    let a = super::array_param(&slots[0], "reshape", "a")?;
    let shape = slots[1]
        .as_ref()
        .ok_or_else(|| super::missing("reshape", "shape"))?;
    let shape = shape_from_args(&a, std::slice::from_ref(shape))?;
    let order = reshape_order(slots[2].as_ref(), &a)?;
    let copy = copy_mode(interp, slots[3].as_ref())?;
    Ok(Value::Array(reshape_array(&a, &shape, order, copy)?))
}

/// `a.ravel(order)`: a view when the elements are contiguous in that order
/// (for 'K': in some axis order, with positive strides), else `flatten`.
pub fn ravel(a: &Array, order: Requested) -> PyResult<Array> {
    let (c, f) = (a.is_c_contiguous(), a.is_f_contiguous());
    let order = match order {
        Requested::A if is_fortran(a) => Requested::F,
        Requested::A => Requested::C,
        Requested::K if c => Requested::C,
        Requested::K if f => Requested::F,
        other => other,
    };
    let n = i64::try_from(a.size()).map_err(|_| value_error("array is too big"))?;
    match order {
        Requested::C if c => return reshape_array(a, &[n], Order::C, None),
        Requested::F if f => return reshape_array(a, &[n], Order::F, None),
        Requested::K => {
            let d = a.data();
            let itemsize = d.dtype.itemsize();
            if order::keep_order_is_dense(&d.shape, &d.strides, itemsize) {
                let (dtype, offset, size) = (d.dtype, d.offset, a.size());
                drop(d);
                let stride = isize::try_from(itemsize).map_err(|_| value_error("bad itemsize"))?;
                return Ok(a.view_with(dtype, smallvec![size], smallvec![stride], offset));
            }
        }
        _ => {}
    }
    order::flattened(a, order)
}

pub fn ravel_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("ravel", &["order"])?;
    let order = requested(slots[0].as_ref(), Requested::C)?;
    Ok(Value::Array(ravel(&a, order)?))
}

/// `np.ravel(a, order='C')`.
pub fn np_ravel(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("ravel", &["a", "order"])?;
    let a = super::array_param(&slots[0], "ravel", "a")?;
    let order = requested(slots[1].as_ref(), Requested::C)?;
    Ok(Value::Array(ravel(&a, order)?))
}

/// `a.flatten(order)`: always a new 1-d array owning its data.
pub fn flatten_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("flatten", &["order"])?;
    let order = requested(slots[0].as_ref(), Requested::C)?;
    Ok(Value::Array(order::flattened(&a, order)?))
}

/// `a.view(dtype=None, type=None)`.
pub fn view_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("view", &["dtype", "type"])?;
    let dtype = match &slots[0] {
        // `a.view(np.ndarray)`: a type, not a dtype.
        None | Some(Value::Class(Class::NdArray)) => None,
        Some(v) => convert::dtype_arg(v)?,
    };
    match dtype {
        None => Ok(Value::Array(a.view())),
        Some(d) => view_as(&a, d).map(Value::Array),
    }
}

/// `a.view(dtype)`: the same bytes read as another dtype. A different
/// itemsize rescales the last axis, which must then be contiguous (or of
/// length 1, or the array empty).
pub fn view_as(a: &Array, dtype: crate::array::dtype::DType) -> PyResult<Array> {
    let data = a.data();
    let (old, new) = (data.dtype.itemsize(), dtype.itemsize());
    let mut shape = data.shape.clone();
    let mut strides = data.strides.clone();
    if old != new {
        let last = shape.len().checked_sub(1).ok_or_else(|| {
            value_error(
                "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
            )
        })?;
        let empty = shape.contains(&0);
        if shape[last] != 1 && !empty && strides[last] != old as isize {
            return Err(value_error(
                "To change to a dtype of a different size, the last axis must be contiguous",
            ));
        }
        if new < old {
            // Every supported itemsize divides the larger ones.
            shape[last] = shape[last]
                .checked_mul(old / new)
                .ok_or_else(|| value_error("array is too big"))?;
        } else {
            let bytes = shape[last]
                .checked_mul(old)
                .ok_or_else(|| value_error("array is too big"))?;
            if !bytes.is_multiple_of(new) {
                return Err(value_error("When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array."));
            }
            shape[last] = bytes / new;
        }
        strides[last] = new as isize;
    }
    let offset = data.offset;
    drop(data);
    Ok(a.view_with(dtype, shape, strides, offset))
}

/// `a.shape = value`: a new shape for the same object, refused when the
/// layout would need a copy.
pub fn set_shape(a: &Array, value: &Value) -> PyResult<()> {
    if matches!(value, Value::None) {
        return Err(type_error("Use () not None as shape arguments"));
    }
    let requested = convert::shape_arg(value)?;
    let plan = {
        let d = a.data();
        layout::plan_reshape(
            &d.shape,
            &d.strides,
            d.dtype.itemsize(),
            &requested,
            Order::C,
        )
        .map_err(|e| value_error(e.to_string()))?
    };
    let Some(strides) = plan.strides else {
        return Err(attribute_error("Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape."));
    };
    let mut d = a.data_mut();
    d.shape = plan.shape.into();
    d.strides = strides.into();
    Ok(())
}
