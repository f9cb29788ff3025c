//! `a.resize(new_shape, refcheck=True)`, which changes an array in place
//! (reallocating when the byte count changes), and `np.resize`, which
//! builds a new array by repeating the elements.
//!
//! NumPy refuses to reallocate memory that something else may point at:
//! an array that does not own its data, or one with any reference besides
//! the one the call was made through. npview counts references exactly as
//! CPython does for this purpose (a view holds its base, a list its
//! items, a name its value), so the same scripts pass and fail.

use crate::array::buffer::{alloc_error_message, Buffer};
use crate::array::element;
use crate::array::layout::{self, Order};
use crate::array::ndarray::StridedOffsets;
use crate::array::Array;
use crate::error::{type_error, value_error, ExcKind, PyErr, PyResult};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};
use crate::numpy::methods::receiver;

use super::flat::ravel;
use super::order::Requested;

/// References to the array the interpreter itself holds during
/// `a.resize(...)`: the bound method's receiver and the method's own handle.
const CALL_REFERENCES: usize = 2;

fn referenced_error() -> PyErr {
    value_error(
        "cannot resize an array that references or is referenced\nby another object in this way.\nUse the np.resize function to get a new resized copy or\n set refcheck=False to disable this check",
    )
}

fn memory_error(shape: &[usize], a: &Array) -> PyErr {
    PyErr::new(
        ExcKind::MemoryError,
        alloc_error_message(u128::MAX, shape, a.dtype()),
    )
}

/// `a.resize(shape)` once the arguments are parsed; `extra_refs` is how
/// many references exist besides the caller's own.
pub fn resize_in_place(
    a: &Array,
    shape: &[i64],
    refcheck: bool,
    extra_refs: usize,
) -> PyResult<()> {
    if !(a.is_c_contiguous() || a.is_f_contiguous()) {
        return Err(value_error("resize only works on single-segment arrays"));
    }
    if shape.iter().any(|&n| n < 0) {
        return Err(value_error("negative dimensions not allowed"));
    }
    let new_shape: Vec<usize> = shape
        .iter()
        .map(|&n| usize::try_from(n).map_err(|_| value_error("negative dimensions not allowed")))
        .collect::<PyResult<_>>()?;
    let itemsize = a.dtype().itemsize();
    let new_bytes =
        layout::checked_nbytes(&new_shape, itemsize).ok_or_else(|| memory_error(&new_shape, a))?;
    let old_bytes = a.size() * itemsize;
    let fortran = a.is_f_contiguous() && !a.is_c_contiguous();
    let order = if fortran { Order::F } else { Order::C };
    let strides = layout::view_strides(&new_shape, itemsize, order)
        .ok_or_else(|| memory_error(&new_shape, a))?;
    if new_bytes != old_bytes {
        if !a.data().owndata {
            return Err(value_error(
                "cannot resize this array: it does not own its data",
            ));
        }
        if refcheck && (extra_refs > 1 || a.base().is_some()) {
            return Err(referenced_error());
        }
        let fresh = Buffer::zeroed(new_bytes).map_err(|_| memory_error(&new_shape, a))?;
        let mut d = a.data_mut();
        {
            let old = d.buffer.bytes();
            let mut new = fresh.bytes_mut();
            let keep = old_bytes.min(new_bytes);
            let start = d.offset;
            if let (Some(src), Some(dst)) = (old.get(start..start + keep), new.get_mut(..keep)) {
                dst.copy_from_slice(src);
            }
        }
        // Arrays still holding the old buffer (after refcheck=False) keep it.
        d.buffer = fresh;
        d.offset = 0;
    }
    let mut d = a.data_mut();
    d.shape = new_shape.into();
    d.strides = strides.into();
    Ok(())
}

pub fn resize_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let extra_refs = a.ref_count().saturating_sub(CALL_REFERENCES);
    if args.keywords.len() > 1 {
        return Err(type_error(format!(
            "function takes at most 1 keyword argument ({} given)",
            args.keywords.len()
        )));
    }
    let mut refcheck = true;
    if let Some((name, v)) = args.keywords.first() {
        if name != "refcheck" {
            return Err(type_error(format!(
                "'{name}' is an invalid keyword argument for this function"
            )));
        }
        refcheck = convert::index_value(v)? != 0;
    }
    let shape = match args.positional.as_slice() {
        [] | [Value::None] => return Ok(Value::None),
        [single] => convert::shape_arg(single)?,
        many => many
            .iter()
            .map(convert::index_value)
            .collect::<PyResult<_>>()?,
    };
    resize_in_place(&a, &shape, refcheck, extra_refs)?;
    Ok(Value::None)
}

/// `np.resize(a, new_shape)`: a new array of the given shape filled by
/// repeating `a`'s elements in C order (zeros if either side is empty),
/// returned as NumPy returns it: a reshaped view of the repeated data.
pub fn np_resize(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("resize", &["a", "new_shape"])?;
    let a = super::array_param(&slots[0], "resize", "a")?;
    let shape = convert::shape_arg(
        slots[1]
            .as_ref()
            .ok_or_else(|| super::missing("resize", "new_shape"))?,
    )?;
    if shape.iter().any(|&n| n < 0) {
        return Err(value_error(
            "all elements of `new_shape` must be non-negative",
        ));
    }
    let new_shape: Vec<usize> = shape.iter().map(|&n| n as usize).collect();
    let flat = ravel(&a, Requested::C)?;
    let dtype = a.dtype();
    let new_size = layout::checked_size(&new_shape).ok_or_else(|| memory_error(&new_shape, &a))?;
    if flat.size() == 0 || new_size == 0 {
        return Ok(Value::Array(Array::zeros(dtype, &new_shape, Order::C)?));
    }
    let old_size = flat.size();
    let repeats = new_size.div_ceil(old_size);
    let total = repeats
        .checked_mul(old_size)
        .ok_or_else(|| memory_error(&new_shape, &a))?;
    let repeated = Array::zeros(dtype, &[total], Order::C)?;
    {
        let src = flat.data();
        let dst = repeated.data();
        let from = src.buffer.bytes();
        let mut to = dst.buffer.bytes_mut();
        let itemsize = dtype.itemsize();
        let offsets: Vec<usize> =
            StridedOffsets::new(&src.shape, &src.strides, src.offset).collect();
        for (i, &off) in offsets.iter().cycle().take(new_size).enumerate() {
            element::write(
                dtype,
                &mut to,
                i * itemsize,
                element::read(dtype, &from, off),
            );
        }
    }
    let strides = layout::view_strides(&new_shape, dtype.itemsize(), Order::C)
        .ok_or_else(|| memory_error(&new_shape, &a))?;
    Ok(Value::Array(repeated.view_with(
        dtype,
        new_shape.into(),
        strides.into(),
        0,
    )))
}
