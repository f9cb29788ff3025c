//! Glue between array objects and the loops: result layouts in NumPy's
//! order K, overlap between an output and its inputs, and whole-array
//! copies.

use super::copy::{copy, Side};
use super::strided::{base_pointer, Borrowed};
use crate::array::dtype::DType;
use crate::array::layout::{self, Order};
use crate::array::ndarray::{Array, ArrayData};
use crate::error::PyResult;

/// Byte strides of a new array of `shape` laid out in NumPy's order K for
/// operands with the given (broadcast) strides: axes sorted as NumPy's
/// iterator sorts them (an axis moves inward past another only when every
/// operand that tells them apart agrees), then packed densely from the
/// innermost axis out. Negative strides count by their size, so the new
/// array's strides are all positive.
pub fn order_k_strides(shape: &[usize], operands: &[&[isize]], itemsize: usize) -> Vec<isize> {
    let ndim = shape.len();
    // `perm[0]` is the innermost axis, as in NumPy's iterator; a zero
    // stride (a broadcast axis) has no say.
    let perm = layout::sort_axes_by_stride(
        (0..ndim).rev().collect(),
        operands,
        |op, axis| operands[op][axis] != 0,
        true,
    );
    let mut strides = vec![0isize; ndim];
    let mut running = itemsize as isize;
    for &axis in &perm {
        strides[axis] = running;
        running = running.saturating_mul(shape[axis] as isize);
    }
    strides
}

/// A new array for a result that every element of will be written:
/// order K for `operands` when the result is not empty, else `fallback`.
pub fn new_result(
    dtype: DType,
    shape: &[usize],
    operands: &[&[isize]],
    fallback: Order,
) -> PyResult<Array> {
    let empty = layout::checked_size(shape).is_none_or(|n| n == 0);
    if empty || operands.is_empty() || shape.len() < 2 {
        return Array::for_overwrite(dtype, shape, fallback);
    }
    let strides = order_k_strides(shape, operands, dtype.itemsize());
    Array::for_overwrite_strided(dtype, shape, strides)
}

/// Whether writing `dst` element by element while reading `src` (same
/// shape, `src_strides` broadcast to it) could read an element already
/// written: they share bytes and are not the very same layout.
pub fn conflicts(dst: &ArrayData, src: &ArrayData, src_strides: &[isize]) -> bool {
    if !std::rc::Rc::ptr_eq(&dst.buffer, &src.buffer) {
        return false;
    }
    let same_layout = dst.offset == src.offset
        && dst.dtype.itemsize() == src.dtype.itemsize()
        && dst.strides.as_slice() == src_strides;
    if same_layout {
        return false;
    }
    let d = layout::byte_extent(&dst.shape, &dst.strides, dst.offset, dst.dtype.itemsize());
    let s = layout::byte_extent(&dst.shape, src_strides, src.offset, src.dtype.itemsize());
    match (d, s) {
        (Some((d0, d1)), Some((s0, s1))) => d0 < s1 && s0 < d1,
        _ => false,
    }
}

/// Copies `src` (broadcast to `dst`'s shape by `src_strides`) into `dst`,
/// converting the dtype. Overlapping memory behaves as if `src` had been
/// copied first.
pub fn copy_into(src: &Array, src_strides: &[isize], dst: &Array) -> PyResult<()> {
    let conflict = {
        let (d, s) = (dst.data(), src.data());
        conflicts(&d, &s, src_strides)
    };
    if conflict {
        // Materialise the (broadcast) source first, in a fresh array.
        let tmp = Array::for_overwrite(src.dtype(), &dst.shape(), Order::C)?;
        copy_into(src, src_strides, &tmp)?;
        let strides = tmp.data().strides.clone();
        return copy_into(&tmp, &strides, dst);
    }
    let d = dst.data();
    let s = src.data();
    let mut borrowed = Borrowed::new(Some(&d.buffer));
    let (out, out_len) = borrowed.out();
    let (inp, in_len) = borrowed.input(&s.buffer);
    let itemsize = d.dtype.itemsize();
    let dp = base_pointer(out, out_len, &d.shape, &d.strides, d.offset, itemsize)?;
    let sp = base_pointer(
        inp,
        in_len,
        &d.shape,
        src_strides,
        s.offset,
        s.dtype.itemsize(),
    )?;
    // SAFETY: both layouts were checked against their buffers above, and
    // overlapping layouts were separated by a temporary copy.
    unsafe {
        copy(
            &d.shape,
            Side {
                ptr: dp,
                strides: &d.strides,
                dtype: d.dtype,
            },
            Side {
                ptr: sp,
                strides: src_strides,
                dtype: s.dtype,
            },
        );
    }
    Ok(())
}
