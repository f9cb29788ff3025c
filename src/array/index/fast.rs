//! Typed paths for the most common advanced indices: one boolean mask
//! (`a[a > 0.5]`) and one integer array (`a[idx]`). Anything else, and any
//! index these paths would reject, goes to the general code in `index.rs`,
//! which owns the error messages.

use super::IndexItem;
use crate::array::kernels::copy::{copy, Side};
use crate::array::kernels::select::{compress, count_true, gather_run, with_raw};
use crate::array::kernels::strided::{base_pointer, for_each_in_order, Borrowed};
use crate::array::kernels::{convert, with_dtype, Element};
use crate::array::layout::{self, Order};
use crate::array::ndarray::Array;
use crate::error::{index_error, PyResult};

/// `a[items]` by a typed path, or `None` to use the general one.
pub fn get(a: &Array, items: &[IndexItem]) -> PyResult<Option<Array>> {
    match items {
        [IndexItem::BoolArray(mask)] if mask.ndim() >= 1 => masked(a, mask),
        [IndexItem::IntArray(idx)] if a.ndim() >= 1 && idx.dtype().is_integer() => gathered(a, idx),
        _ => Ok(None),
    }
}

/// `a[mask]` for a mask covering the first `mask.ndim()` axes.
fn masked(a: &Array, mask: &Array) -> PyResult<Option<Array>> {
    let (ad, md) = (a.data(), mask.data());
    let k = md.shape.len();
    if k > ad.shape.len() || md.shape[..] != ad.shape[..k] {
        return Ok(None);
    }
    let c_order: Vec<usize> = (0..k).collect();
    let inner_shape = ad.shape[k..].to_vec();
    let inner_strides = ad.strides[k..].to_vec();
    let inner_size = layout::checked_size(&inner_shape).unwrap_or(0);
    let result = {
        let mut borrowed = Borrowed::new(None);
        let (mstart, mlen) = borrowed.input(&md.buffer);
        let mptr = base_pointer(mstart, mlen, &md.shape, &md.strides, md.offset, 1)?;
        let mut count = 0usize;
        // SAFETY: the mask layout was checked against its buffer.
        unsafe {
            for_each_in_order(&md.shape, [&md.strides], [mptr], &c_order, |p, n, s| {
                count += count_true(p[0], n, s[0]);
            });
        }
        let mut shape = vec![count];
        shape.extend_from_slice(&inner_shape);
        let result = Array::for_overwrite(ad.dtype, &shape, Order::C)?;
        {
            let rd = result.data();
            let mut rb = Borrowed::new(Some(&rd.buffer));
            let (ostart, olen) = rb.out();
            let optr = base_pointer(ostart, olen, &rd.shape, &rd.strides, 0, ad.dtype.itemsize())?;
            let (astart, alen) = rb.input(&ad.buffer);
            let aptr = base_pointer(
                astart,
                alen,
                &ad.shape,
                &ad.strides,
                ad.offset,
                ad.dtype.itemsize(),
            )?;
            let (mstart, mlen) = rb.input(&md.buffer);
            let mptr = base_pointer(mstart, mlen, &md.shape, &md.strides, md.offset, 1)?;
            let outer_strides = &ad.strides[..k];
            let item = ad.dtype.itemsize();
            let row_bytes = inner_size * item;
            let row_strides = layout::c_strides(&inner_shape, item).unwrap_or_default();
            let mut j = 0usize;
            // SAFETY: all three layouts were checked against their buffers;
            // at most `count` rows are written into a result of `count` rows.
            unsafe {
                for_each_in_order(
                    &md.shape,
                    [&md.strides, outer_strides],
                    [mptr, aptr],
                    &c_order,
                    |p, n, s| {
                        if inner_shape.is_empty() {
                            with_raw!(item, T => compress::<T>(n, p[0], s[0], p[1], s[1], optr, &mut j, count));
                        } else {
                            for i in 0..n {
                                if *p[0].wrapping_offset(i as isize * s[0]) == 0 || j >= count {
                                    continue;
                                }
                                copy(
                                    &inner_shape,
                                    Side {
                                        ptr: optr.wrapping_add(j * row_bytes),
                                        strides: &row_strides,
                                        dtype: ad.dtype,
                                    },
                                    Side {
                                        ptr: p[1].wrapping_offset(i as isize * s[1]),
                                        strides: &inner_strides,
                                        dtype: ad.dtype,
                                    },
                                );
                                j += 1;
                            }
                        }
                    },
                );
            }
        }
        result
    };
    Ok(Some(result))
}

/// `a[idx]` for one integer index array (along the first axis).
fn gathered(a: &Array, idx: &Array) -> PyResult<Option<Array>> {
    let (ad, xd) = (a.data(), idx.data());
    let axis_len = ad.shape[0];
    let inner_shape = ad.shape[1..].to_vec();
    let inner_strides = ad.strides[1..].to_vec();
    let inner_size = layout::checked_size(&inner_shape).unwrap_or(0);
    let mut shape = xd.shape.clone();
    shape.extend_from_slice(&inner_shape);
    let result = Array::for_overwrite(ad.dtype, &shape, Order::C)?;
    {
        let rd = result.data();
        let mut rb = Borrowed::new(Some(&rd.buffer));
        let (ostart, olen) = rb.out();
        let item = ad.dtype.itemsize();
        let optr = base_pointer(ostart, olen, &rd.shape, &rd.strides, 0, item)?;
        let (astart, alen) = rb.input(&ad.buffer);
        let aptr = base_pointer(astart, alen, &ad.shape, &ad.strides, ad.offset, item)?;
        let (xstart, xlen) = rb.input(&xd.buffer);
        let xptr = base_pointer(
            xstart,
            xlen,
            &xd.shape,
            &xd.strides,
            xd.offset,
            xd.dtype.itemsize(),
        )?;
        let c_order: Vec<usize> = (0..xd.shape.len()).collect();
        let row_stride = ad.strides[0];
        let row_bytes = inner_size * item;
        let row_strides = layout::c_strides(&inner_shape, item).unwrap_or_default();
        let mut bad: Option<i64> = None;
        let mut k = 0usize;
        // SAFETY: all layouts were checked against their buffers; every
        // index is bounds-checked before its row is read.
        unsafe {
            with_dtype!(xd.dtype, I => {
                for_each_in_order(&xd.shape, [&xd.strides], [xptr], &c_order, |p, n, s| {
                    if bad.is_some() {
                        return;
                    }
                    if inner_shape.is_empty() {
                        let out = optr.wrapping_add(k * item);
                        let done = with_raw!(item, T => gather_run::<I, T>(n, p[0], s[0], aptr, row_stride, axis_len, out));
                        if let Err(v) = done {
                            bad = Some(v);
                        }
                        k += n;
                        return;
                    }
                    for i in 0..n {
                        let raw = convert::<I, i64>(I::load(p[0].wrapping_offset(i as isize * s[0])));
                        let j = if raw < 0 { raw.wrapping_add(axis_len as i64) } else { raw };
                        if j < 0 || j >= axis_len as i64 {
                            bad = Some(raw);
                            return;
                        }
                        copy(
                            &inner_shape,
                            Side { ptr: optr.wrapping_add(k * row_bytes), strides: &row_strides, dtype: ad.dtype },
                            Side { ptr: aptr.wrapping_offset(j as isize * row_stride), strides: &inner_strides, dtype: ad.dtype },
                        );
                        k += 1;
                    }
                });
            });
        }
        if let Some(v) = bad {
            return Err(index_error(format!(
                "index {v} is out of bounds for axis 0 with size {axis_len}"
            )));
        }
    }
    Ok(Some(result))
}
