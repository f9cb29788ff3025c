//! The loop driver: n-d layouts of several operands become runs of a 1-d
//! inner loop.
//!
//! Axes are put in memory order (the key operand's largest stride outermost,
//! as NumPy's order K iteration does), length-1 axes are dropped and axes
//! that are contiguous for every operand are merged (`coalesce_axes`), so a
//! transposed or sliced operand still runs as few long loops as possible.
//! Element-wise results do not depend on the visiting order; callers whose
//! results do (reductions) choose the order themselves with `for_each_in_order`.
//!
//! It also owns the one safety check of the kernels: a layout's elements
//! must all lie inside its buffer (`base_pointer`).

use std::cell::{Ref, RefMut};

use crate::array::buffer::Buffer;
use crate::array::layout;
use crate::error::{PyErr, PyResult};

/// The base pointer of a layout over `bytes`, after checking that every
/// element it can reach lies inside the buffer (a layout that does not would
/// be a bug elsewhere; it is reported, never followed).
pub fn base_pointer(
    bytes: *mut u8,
    len: usize,
    shape: &[usize],
    strides: &[isize],
    offset: usize,
    itemsize: usize,
) -> PyResult<*mut u8> {
    let inside = match layout::checked_size(shape) {
        Some(0) => true,
        Some(_) => {
            layout::byte_extent(shape, strides, offset, itemsize).is_some_and(|(_, end)| end <= len)
        }
        None => false,
    };
    if !inside || offset > len {
        return Err(PyErr::new(
            crate::error::ExcKind::RuntimeError,
            "array layout reaches outside its buffer",
        ));
    }
    // In bounds (or empty): `offset <= len` keeps the pointer inside the
    // allocation or one past its end.
    Ok(bytes.wrapping_add(offset))
}

/// Borrows of the buffers one loop reads and writes: the output buffer
/// mutably, every other buffer shared. An input in the output's buffer uses
/// the output's borrow, so `a += a[::-1]`-style aliasing never double-borrows.
pub struct Borrowed<'a> {
    out: Option<RefMut<'a, Vec<u8>>>,
    out_buffer: Option<&'a Buffer>,
    shared: Vec<(&'a Buffer, Ref<'a, Vec<u8>>)>,
}

impl<'a> Borrowed<'a> {
    pub fn new(out: Option<&'a Buffer>) -> Borrowed<'a> {
        Borrowed {
            out: out.map(|b| b.bytes_mut()),
            out_buffer: out,
            shared: Vec::new(),
        }
    }

    /// The output buffer's start and length.
    pub fn out(&mut self) -> (*mut u8, usize) {
        match &mut self.out {
            Some(bytes) => (bytes.as_mut_ptr(), bytes.len()),
            None => (std::ptr::null_mut(), 0),
        }
    }

    /// An input buffer's start and length (read only through the pointer).
    pub fn input(&mut self, buffer: &'a Buffer) -> (*mut u8, usize) {
        if self.out_buffer.is_some_and(|o| std::ptr::eq(o, buffer)) {
            return self.out();
        }
        if let Some((_, bytes)) = self.shared.iter().find(|(b, _)| std::ptr::eq(*b, buffer)) {
            return (bytes.as_ptr() as *mut u8, bytes.len());
        }
        let bytes = buffer.bytes();
        let view = (bytes.as_ptr() as *mut u8, bytes.len());
        self.shared.push((buffer, bytes));
        view
    }
}

/// Axis order for visiting `shape`: outermost first, sorted by decreasing
/// absolute stride of the first operand whose strides tell the axes apart
/// (stable, so C order wins ties).
pub fn memory_order(shape: &[usize], strides: &[&[isize]]) -> Vec<usize> {
    let mut axes: Vec<usize> = (0..shape.len()).collect();
    axes.sort_by(|&x, &y| {
        for s in strides {
            let (a, b) = (s[x].unsigned_abs(), s[y].unsigned_abs());
            if a != 0 && b != 0 && a != b {
                return b.cmp(&a);
            }
        }
        std::cmp::Ordering::Equal
    });
    axes
}

/// Visits every element of `shape` for `N` operands in memory order,
/// calling `inner(pointers, n, strides)` for each run of `n` elements along
/// the innermost remaining axis.
///
/// # Safety
/// Every pointer plus every in-range index times its strides must address
/// a valid element (`base_pointer` checks this).
pub unsafe fn for_each<const N: usize>(
    shape: &[usize],
    strides: [&[isize]; N],
    ptrs: [*mut u8; N],
    inner: impl FnMut([*mut u8; N], usize, [isize; N]),
) {
    let order = memory_order(shape, &strides);
    for_each_in_order(shape, strides, ptrs, &order, inner)
}

/// `for_each` visiting the axes in the given order (outermost first).
///
/// # Safety
/// As for `for_each`.
pub unsafe fn for_each_in_order<const N: usize>(
    shape: &[usize],
    strides: [&[isize]; N],
    ptrs: [*mut u8; N],
    order: &[usize],
    mut inner: impl FnMut([*mut u8; N], usize, [isize; N]),
) {
    let Some(merged) = plan(shape, &strides, order) else {
        return;
    };
    let ndim = merged.shape.len();
    if ndim == 0 {
        inner(ptrs, 1, [0; N]);
        return;
    }
    if merged.shape.contains(&0) {
        return;
    }
    let n = merged.shape[ndim - 1];
    let inner_strides: [isize; N] = std::array::from_fn(|i| merged.strides[i][ndim - 1]);
    if ndim == 1 {
        inner(ptrs, n, inner_strides);
        return;
    }
    // Odometer over the outer axes, moving every pointer incrementally.
    let outer = &merged.shape[..ndim - 1];
    let mut index = vec![0usize; outer.len()];
    let mut p = ptrs;
    loop {
        inner(p, n, inner_strides);
        let mut axis = outer.len();
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            index[axis] += 1;
            for (i, ptr) in p.iter_mut().enumerate() {
                *ptr = ptr.wrapping_offset(merged.strides[i][axis]);
            }
            if index[axis] < outer[axis] {
                break;
            }
            let back = outer[axis] as isize;
            for (i, ptr) in p.iter_mut().enumerate() {
                *ptr = ptr.wrapping_offset(-merged.strides[i][axis] * back);
            }
            index[axis] = 0;
        }
    }
}

/// The axes of `shape` taken in `order` (outermost first) and merged where
/// every operand allows (`layout::coalesce_axes`).
pub fn plan(shape: &[usize], strides: &[&[isize]], order: &[usize]) -> Option<layout::Coalesced> {
    let pshape: Vec<usize> = order.iter().map(|&k| shape[k]).collect();
    let pstrides: Vec<Vec<isize>> = strides
        .iter()
        .map(|s| order.iter().map(|&k| s[k]).collect())
        .collect();
    let refs: Vec<&[isize]> = pstrides.iter().map(|s| s.as_slice()).collect();
    layout::coalesce_axes(&pshape, &refs)
}

/// Splits a run of `n` elements into blocks of at most `block`, calling
/// `f(pointers, len)` with the pointers advanced to each block.
#[inline(always)]
pub fn blocks<const N: usize>(
    ptrs: [*mut u8; N],
    n: usize,
    strides: [isize; N],
    block: usize,
    mut f: impl FnMut([*mut u8; N], usize),
) {
    let mut done = 0;
    let mut p = ptrs;
    while done < n {
        let len = block.min(n - done);
        f(p, len);
        for (ptr, &s) in p.iter_mut().zip(&strides) {
            *ptr = ptr.wrapping_offset(s * len as isize);
        }
        done += len;
    }
}
