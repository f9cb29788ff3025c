//! Typed paths for the most common advanced indices: one boolean mask
//! (`a[a > 0.5]`) and one integer array (`a[idx]`). Anything else, and any
//! index these paths would reject, goes to the general code in `index.rs`,
//! which owns the error messages.

use super::IndexItem;
use crate::array::element;
use crate::array::kernels::copy::{copy, Side};
use crate::array::kernels::select::{compress, count_true, gather_run, with_raw};
use crate::array::kernels::strided::{base_pointer, for_each_in_order, Borrowed};
use crate::array::kernels::{convert, with_dtype, Element, MAX_ITEMSIZE};
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

/// `a[items] = values` by a typed path: one mask or one integer array,
/// with a single value or exactly one value per selected element. Returns
/// false (having checked and written nothing) for anything else.
pub fn set(a: &Array, items: &[IndexItem], values: &Array) -> PyResult<bool> {
    match items {
        [IndexItem::BoolArray(mask)] if mask.ndim() >= 1 => set_masked(a, mask, values),
        [IndexItem::IntArray(idx)] if a.ndim() >= 1 && idx.dtype().is_integer() => {
            set_indexed(a, idx, values)
        }
        _ => Ok(false),
    }
}

/// The values to write: one element (already in the destination dtype) or
/// a contiguous array of them.
enum Source {
    One([u8; MAX_ITEMSIZE]),
    Each(Array),
}

/// `values` prepared for writing `count` elements of dtype `dtype` into
/// `a`, or None when the general path must decide (broadcasting, errors).
fn source(a: &Array, values: &Array, count: usize, inner_empty: bool) -> PyResult<Option<Source>> {
    let dtype = a.dtype();
    if values.ndim() == 0 {
        let v = element::cast(values.get(&[]), dtype);
        let mut raw = [0u8; MAX_ITEMSIZE];
        with_dtype!(dtype, T => {
            // SAFETY: `raw` has room for any element.
            unsafe { T::store(raw.as_mut_ptr(), T::from_scalar(v)) };
        });
        return Ok(Some(Source::One(raw)));
    }
    if values.ndim() == 1 && inner_empty && values.shape()[0] == count {
        // A fresh C-ordered copy: converted, and separate from `a` even
        // when `values` views the same memory.
        return Ok(Some(Source::Each(values.copy_as(dtype, Order::C)?)));
    }
    Ok(None)
}

fn set_masked(a: &Array, mask: &Array, values: &Array) -> PyResult<bool> {
    let (shape, k) = (a.shape(), mask.ndim());
    let mshape = mask.shape();
    if k > shape.len() || mshape[..] != shape[..k] {
        return Ok(false);
    }
    if std::rc::Rc::ptr_eq(&a.buffer(), &mask.buffer()) {
        // A mask in the array's own memory: the general path reads it whole first.
        return Ok(false);
    }
    let inner_empty = shape.len() == k;
    let count = {
        let md = mask.data();
        let mut borrowed = Borrowed::new(None);
        let (mstart, mlen) = borrowed.input(&md.buffer);
        let mptr = base_pointer(mstart, mlen, &md.shape, &md.strides, md.offset, 1)?;
        let order: Vec<usize> = (0..k).collect();
        let mut count = 0usize;
        // SAFETY: the mask layout was checked against its buffer.
        unsafe {
            for_each_in_order(&md.shape, [&md.strides], [mptr], &order, |p, n, s| {
                count += count_true(p[0], n, s[0]);
            });
        }
        count
    };
    let Some(source) = source(a, values, count, inner_empty)? else {
        return Ok(false);
    };
    let ad = a.data();
    let md = mask.data();
    let sd = match &source {
        Source::Each(v) => Some(v.data()),
        Source::One(_) => None,
    };
    let item = ad.dtype.itemsize();
    let mut borrowed = Borrowed::new(Some(&ad.buffer));
    let (astart, alen) = borrowed.out();
    let aptr = base_pointer(astart, alen, &ad.shape, &ad.strides, ad.offset, item)?;
    let (mstart, mlen) = borrowed.input(&md.buffer);
    let mptr = base_pointer(mstart, mlen, &md.shape, &md.strides, md.offset, 1)?;
    let src = match (&source, &sd) {
        (Source::One(raw), _) => raw.as_ptr() as *mut u8,
        (Source::Each(_), Some(d)) => {
            let (start, len) = borrowed.input(&d.buffer);
            base_pointer(start, len, &d.shape, &d.strides, d.offset, item)?
        }
        _ => return Ok(false),
    };
    let rows = RowWriter::new(&ad, k, src, matches!(source, Source::One(_)));
    let order: Vec<usize> = (0..k).collect();
    let mut j = 0usize;
    // SAFETY: every layout was checked against its buffer; the source is a
    // separate array (or a local value), so writes cannot change it.
    unsafe {
        for_each_in_order(
            &md.shape,
            [&md.strides, &ad.strides[..k]],
            [mptr, aptr],
            &order,
            |p, n, s| {
                for i in 0..n {
                    if *p[0].wrapping_offset(i as isize * s[0]) == 0 {
                        continue;
                    }
                    rows.write(p[1].wrapping_offset(i as isize * s[1]), j);
                    j += 1;
                }
            },
        );
    }
    Ok(true)
}

fn set_indexed(a: &Array, idx: &Array, values: &Array) -> PyResult<bool> {
    let inner_empty = a.ndim() == 1;
    let count = idx.size();
    if values.ndim() != 0 && (values.shape() != idx.shape() || !inner_empty) {
        return Ok(false);
    }
    let axis_len = a.shape()[0];
    // Every index is checked before anything is written.
    let positions: Vec<usize> = {
        let xd = idx.data();
        let mut borrowed = Borrowed::new(None);
        let (xstart, xlen) = borrowed.input(&xd.buffer);
        let xptr = base_pointer(
            xstart,
            xlen,
            &xd.shape,
            &xd.strides,
            xd.offset,
            xd.dtype.itemsize(),
        )?;
        let order: Vec<usize> = (0..xd.shape.len()).collect();
        let mut positions = Vec::with_capacity(count);
        let mut bad: Option<i64> = None;
        // SAFETY: the index layout was checked against its buffer.
        unsafe {
            with_dtype!(xd.dtype, I => {
                for_each_in_order(&xd.shape, [&xd.strides], [xptr], &order, |p, n, s| {
                    for i in 0..n {
                        if bad.is_some() {
                            return;
                        }
                        let raw = convert::<I, i64>(I::load(p[0].wrapping_offset(i as isize * s[0])));
                        let j = if raw < 0 { raw.wrapping_add(axis_len as i64) } else { raw };
                        if j < 0 || j >= axis_len as i64 {
                            bad = Some(raw);
                            return;
                        }
                        positions.push(j as usize);
                    }
                });
            });
        }
        if let Some(v) = bad {
            return Err(index_error(format!(
                "index {v} is out of bounds for axis 0 with size {axis_len}"
            )));
        }
        positions
    };
    let Some(source) = source(a, values, count, inner_empty)? else {
        return Ok(false);
    };
    let ad = a.data();
    let sd = match &source {
        Source::Each(v) => Some(v.data()),
        Source::One(_) => None,
    };
    let item = ad.dtype.itemsize();
    let mut borrowed = Borrowed::new(Some(&ad.buffer));
    let (astart, alen) = borrowed.out();
    let aptr = base_pointer(astart, alen, &ad.shape, &ad.strides, ad.offset, item)?;
    let src = match (&source, &sd) {
        (Source::One(raw), _) => raw.as_ptr() as *mut u8,
        (Source::Each(_), Some(d)) => {
            let (start, len) = borrowed.input(&d.buffer);
            base_pointer(start, len, &d.shape, &d.strides, d.offset, item)?
        }
        _ => return Ok(false),
    };
    let rows = RowWriter::new(&ad, 1, src, matches!(source, Source::One(_)));
    let row = ad.strides[0];
    // SAFETY: positions are in range and layouts were checked; the source
    // is separate from `a`. Repeated indices: the last write wins.
    unsafe {
        for (k, &j) in positions.iter().enumerate() {
            rows.write(aptr.wrapping_offset(j as isize * row), k);
        }
    }
    Ok(true)
}

/// Writes the source into one selected row (the sub-array left after the
/// first `axes` axes) of the destination, for masked and integer-array
/// assignment alike.
struct RowWriter<'a> {
    dtype: crate::array::dtype::DType,
    item: usize,
    /// The source: one value for every row, or one element per row when
    /// rows are single elements.
    src: *mut u8,
    one: bool,
    /// The layout of a row; empty when rows are single elements.
    inner_shape: &'a [usize],
    inner_strides: &'a [isize],
    zero_strides: Vec<isize>,
}

impl<'a> RowWriter<'a> {
    fn new(
        dest: &'a super::super::ndarray::ArrayData,
        axes: usize,
        src: *mut u8,
        one: bool,
    ) -> Self {
        let inner_shape = &dest.shape[axes..];
        RowWriter {
            dtype: dest.dtype,
            item: dest.dtype.itemsize(),
            src,
            one,
            inner_shape,
            inner_strides: &dest.strides[axes..],
            zero_strides: vec![0; inner_shape.len()],
        }
    }

    /// Writes row number `k` of the selection, which starts at `dst`.
    ///
    /// # Safety
    /// `dst` must start a row of the checked destination layout, and the
    /// source must hold element `k` (or be one value) and not overlap it.
    unsafe fn write(&self, dst: *mut u8, k: usize) {
        if self.inner_shape.is_empty() {
            let from = if self.one {
                self.src
            } else {
                self.src.wrapping_add(k * self.item)
            };
            std::ptr::copy_nonoverlapping(from, dst, self.item);
        } else {
            let to = Side {
                ptr: dst,
                strides: self.inner_strides,
                dtype: self.dtype,
            };
            let from = Side {
                ptr: self.src,
                strides: &self.zero_strides,
                dtype: self.dtype,
            };
            copy(self.inner_shape, to, from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{get_advanced, set_advanced, IndexItem};
    use crate::array::dtype::DType;
    use crate::array::ndarray::Array;
    use crate::array::scalar::Scalar;
    use smallvec::smallvec;

    fn ints(dtype: DType, shape: &[usize], f: impl Fn(usize) -> i64) -> Array {
        let n: usize = shape.iter().product();
        let values: Vec<Scalar> = (0..n).map(|i| Scalar::Int(f(i))).collect();
        Array::from_scalars(dtype, shape, &values).unwrap()
    }

    /// Arrays to index: 1-d, 2-d C, 2-d transposed view, 1-d reversed view.
    fn targets(dtype: DType) -> Vec<Array> {
        let base = ints(dtype, &[6, 5], |i| (i * 7 % 23) as i64 - 9);
        let item = dtype.itemsize() as isize;
        vec![
            ints(dtype, &[11], |i| i as i64 * 3 - 5),
            base.clone(),
            base.view_with(dtype, smallvec![5, 6], smallvec![item, 5 * item], 0),
            base.view_with(dtype, smallvec![30], smallvec![-item], (29 * item) as usize),
        ]
    }

    fn masks(shape: &[usize]) -> Vec<Array> {
        let mut out = vec![];
        for k in 1..=shape.len() {
            let m = ints(DType::Bool, &shape[..k], |i| ((i * 5 + 1) % 3 == 0) as i64);
            out.push(m);
        }
        out
    }

    fn indices(len: usize) -> Vec<Array> {
        let n = len as i64;
        vec![
            ints(DType::Int64, &[7], |i| (i as i64 * 3) % n - 2),
            ints(DType::Int32, &[2, 3], |i| (i as i64 * 5) % n),
            ints(DType::UInt8, &[4], |i| (i as i64 * 2) % n),
            ints(DType::Int64, &[3], |i| if i == 1 { n + 4 } else { 0 }),
        ]
    }

    #[test]
    fn fast_get_matches_definition() {
        for dtype in [DType::Float64, DType::Int8, DType::Complex128, DType::Bool] {
            for a in targets(dtype) {
                let mut items: Vec<Vec<IndexItem>> = masks(&a.shape())
                    .into_iter()
                    .map(|m| vec![IndexItem::BoolArray(m)])
                    .collect();
                items.extend(
                    indices(a.shape()[0])
                        .into_iter()
                        .map(|x| vec![IndexItem::IntArray(x)]),
                );
                for item in items {
                    let want = get_advanced(&a, &item);
                    let got = super::get(&a, &item).map(|r| r.expect("a fast path"));
                    match (got, want) {
                        (Ok(g), Ok(w)) => {
                            assert_eq!(g.shape(), w.shape());
                            assert_eq!(g.to_scalars(), w.to_scalars());
                        }
                        (Err(g), Err(w)) => assert_eq!(g.message, w.message),
                        (g, w) => panic!("{:?} vs {:?}", g.is_ok(), w.is_ok()),
                    }
                }
            }
        }
    }

    #[test]
    fn fast_set_matches_definition() {
        let mut fast = 0;
        for dtype in [DType::Float64, DType::Int16, DType::Complex64] {
            for t in 0..4 {
                let shape = targets(dtype)[t].shape();
                let mut items: Vec<Vec<IndexItem>> = masks(&shape)
                    .into_iter()
                    .map(|m| vec![IndexItem::BoolArray(m)])
                    .collect();
                items.extend(
                    indices(shape[0])
                        .into_iter()
                        .map(|x| vec![IndexItem::IntArray(x)]),
                );
                for item in items {
                    // One value, and one value per selected element.
                    let count = get_advanced(&targets(dtype)[t], &item)
                        .map(|r| r.shape()[0])
                        .unwrap_or(0);
                    let value_sets = [
                        ints(DType::Float64, &[], |_| 42),
                        ints(DType::Int64, &[count], |i| 100 + i as i64),
                    ];
                    for values in value_sets {
                        let (a, b) = (targets(dtype).remove(t), targets(dtype).remove(t));
                        let got = super::set(&a, &item, &values);
                        let want = set_advanced(&b, &item, &values);
                        match (got, want) {
                            (Ok(true), Ok(())) => {
                                assert_eq!(a.to_scalars(), b.to_scalars());
                                fast += 1;
                            }
                            (Ok(false), _) => {}
                            (Err(g), Err(w)) => {
                                assert_eq!(g.message, w.message);
                                assert_eq!(a.to_scalars(), b.to_scalars(), "nothing written");
                            }
                            (g, w) => panic!("{:?} vs {:?}", g.is_ok(), w.is_ok()),
                        }
                    }
                }
            }
        }
        assert!(fast > 40, "only {fast} cases took the fast path");
    }
}
