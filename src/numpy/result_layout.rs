//! Memory layout of new results: which axis order NumPy gives an array it
//! allocates (order 'K' copies, iterator outputs, concatenation), and the
//! helpers that allocate such an array and fill it from values in C order.
//!
//! NumPy keeps the memory order of the inputs: `np.sort(m.T)` is
//! Fortran-ordered, `np.where(x.T > 0, x.T, 0)` too. Three rules exist in
//! NumPy's C core and each is reproduced here: one array's strides sorted
//! by size (`PyArray_CreateSortedStridePerm`), several arrays' strides
//! merged with C order winning conflicts (`PyArray_CreateMultiSortedStridePerm`,
//! used by `concatenate`), and the iterator's own ordering, which ignores
//! broadcast (zero) strides.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::Order;
use crate::array::ndarray::StridedOffsets;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::PyResult;

/// Axes from outermost to innermost, by decreasing |stride| (stable).
pub fn sorted_stride_perm(strides: &[isize]) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..strides.len()).collect();
    perm.sort_by_key(|&k| std::cmp::Reverse(strides[k].unsigned_abs()));
    perm
}

/// NumPy's stable insertion sort of axes by |stride| (decreasing, or
/// increasing when `ascending`): an axis moves past an earlier one only
/// when every operand that can decide agrees, so the earlier order wins
/// conflicts. `decides(op, axis)` says whether operand `op` has a say.
fn merged_perm(
    ndim: usize,
    strides: &[Vec<isize>],
    decides: impl Fn(usize, usize) -> bool,
    ascending: bool,
) -> Vec<usize> {
    let refs: Vec<&[isize]> = strides.iter().map(Vec::as_slice).collect();
    crate::array::layout::sort_axes_by_stride((0..ndim).collect(), &refs, decides, ascending)
}

/// `concatenate`'s axis order: arrays vote with their strides, length-1
/// axes abstain, C order wins conflicts.
pub fn concatenate_perm(arrays: &[Array], ndim: usize) -> Vec<usize> {
    let shapes: Vec<Vec<usize>> = arrays.iter().map(Array::shape).collect();
    let strides: Vec<Vec<isize>> = arrays.iter().map(|a| a.data().strides.to_vec()).collect();
    merged_perm(ndim, &strides, |op, ax| shapes[op][ax] != 1, false)
}

/// The axis order of an element-wise iteration over `operands` broadcast
/// to `shape`: broadcast and length-1 axes abstain.
pub fn iterator_perm(operands: &[&Array], shape: &[usize]) -> Vec<usize> {
    let ndim = shape.len();
    let strides: Vec<Vec<isize>> = operands
        .iter()
        .map(|a| {
            let d = a.data();
            let lead = ndim.saturating_sub(d.shape.len());
            (0..ndim)
                .map(|k| match k.checked_sub(lead) {
                    Some(j) if shape[k] != 1 && d.shape[j] != 1 => d.strides[j],
                    _ => 0,
                })
                .collect()
        })
        .collect();
    // NumPy's iterator keeps its axes innermost-first and sorts them by
    // increasing stride; doing the same on the reversed axes keeps its
    // tie-breaking.
    let reversed: Vec<Vec<isize>> = strides
        .iter()
        .map(|s| s.iter().rev().copied().collect())
        .collect();
    let mut perm: Vec<usize> = merged_perm(ndim, &reversed, |op, ax| reversed[op][ax] != 0, true)
        .into_iter()
        .map(|k| ndim - 1 - k)
        .collect();
    perm.reverse();
    perm
}

/// Contiguous strides that lay `shape` out with `perm[0]` outermost.
fn strides_for_perm(shape: &[usize], itemsize: usize, perm: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut stride = itemsize as isize;
    for &k in perm.iter().rev() {
        strides[k] = stride;
        stride = stride.saturating_mul(shape[k].max(1) as isize);
    }
    strides
}

/// A new zero-filled array that owns its data, laid out in `perm` order.
pub fn alloc_with_perm(dtype: DType, shape: &[usize], perm: &[usize]) -> PyResult<Array> {
    let out = Array::zeros(dtype, shape, Order::C)?;
    let strides = strides_for_perm(shape, dtype.itemsize(), perm);
    out.data_mut().strides = strides.into();
    Ok(out)
}

/// `np.empty_like(a, dtype, order='K')`: C when `a` is C-contiguous or at
/// most 1-d, F when F-contiguous, else `a`'s stride order.
pub fn alloc_like(a: &Array, dtype: DType, shape: &[usize]) -> PyResult<Array> {
    if a.ndim() <= 1 || a.is_c_contiguous() {
        return Array::zeros(dtype, shape, Order::C);
    }
    if a.is_f_contiguous() {
        return Array::zeros(dtype, shape, Order::F);
    }
    let perm = sorted_stride_perm(&a.data().strides);
    alloc_with_perm(dtype, shape, &perm)
}

/// A new C-ordered array of `shape` and an empty vector with room for its
/// values: sizes that come from user input fail with NumPy's MemoryError
/// rather than aborting the process.
pub fn alloc_with_room(dtype: DType, shape: &[usize]) -> PyResult<(Array, Vec<Scalar>)> {
    let out = Array::zeros(dtype, shape, Order::C)?;
    let mut values = Vec::new();
    values.try_reserve_exact(out.size()).map_err(|_| {
        let nbytes = (out.size() as u128) * dtype.itemsize() as u128;
        crate::error::memory_error(crate::array::buffer::alloc_error_message(
            nbytes, shape, dtype,
        ))
    })?;
    Ok((out, values))
}

/// Writes `values` (C order, any dtype) into every element of `dst`.
pub fn fill(dst: &Array, values: &[Scalar]) {
    fill_from(dst, values.iter().copied());
}

/// [`fill`] from values made one at a time. They must not be read from
/// `dst`'s buffer, which is borrowed for writing throughout.
pub fn fill_from(dst: &Array, values: impl IntoIterator<Item = Scalar>) {
    let d = dst.data();
    let mut bytes = d.buffer.bytes_mut();
    for (off, v) in StridedOffsets::new(&d.shape, &d.strides, d.offset).zip(values) {
        element::write(d.dtype, &mut bytes, off, element::cast(v, d.dtype));
    }
    crate::array::writes::record(&d);
}

/// A new array shaped and ordered like `a` (order 'K') holding `values`.
pub fn new_like(a: &Array, dtype: DType, values: &[Scalar]) -> PyResult<Array> {
    let out = alloc_like(a, dtype, &a.shape())?;
    fill(&out, values);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_array_sorts_by_stride() {
        assert_eq!(sorted_stride_perm(&[8, 24]), vec![1, 0]);
        assert_eq!(sorted_stride_perm(&[32, 96, 8]), vec![1, 0, 2]);
        assert_eq!(sorted_stride_perm(&[8, 8]), vec![0, 1]);
    }

    #[test]
    fn merged_order_prefers_c_on_conflict() {
        let s = vec![vec![8, 16], vec![16, 8]];
        assert_eq!(merged_perm(2, &s, |_, _| true, false), vec![0, 1]);
        let f = vec![vec![8, 16], vec![8, 16]];
        assert_eq!(merged_perm(2, &f, |_, _| true, false), vec![1, 0]);
    }

    #[test]
    fn strides_follow_perm() {
        assert_eq!(strides_for_perm(&[2, 3], 8, &[1, 0]), vec![8, 16]);
        assert_eq!(strides_for_perm(&[3, 2, 4], 8, &[1, 0, 2]), vec![32, 96, 8]);
    }
}
