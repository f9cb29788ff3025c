//! Copies between layouts of the same shape.
//!
//! Same-dtype copies move raw elements: contiguous runs with one `memmove`,
//! and layouts that walk memory in different orders (`a.T.copy()`) through
//! `transpose`'s tiles, plane by plane. Copies between dtypes convert with
//! `cast`'s loops.

use super::cast::cast_fn;
use super::strided::{for_each, memory_order, plan};
use super::transpose::{transpose, Plane};
use crate::array::dtype::DType;

/// One side of a copy: base pointer, byte strides over the shape, dtype.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub ptr: *mut u8,
    pub strides: &'a [isize],
    pub dtype: DType,
}

/// Copies every element of `src` into `dst`, converting the dtype.
///
/// # Safety
/// Both sides must address valid elements over `shape`, and must not
/// overlap unless they are the same layout.
pub unsafe fn copy(shape: &[usize], dst: Side, src: Side) {
    if dst.dtype != src.dtype {
        let cast = cast_fn(src.dtype, dst.dtype);
        for_each(
            shape,
            [dst.strides, src.strides],
            [dst.ptr, src.ptr],
            |p, n, s| cast(n, p[1], s[1], p[0], s[0]),
        );
        return;
    }
    match dst.dtype.itemsize() {
        1 => raw::<u8>(shape, dst, src),
        2 => raw::<u16>(shape, dst, src),
        4 => raw::<u32>(shape, dst, src),
        8 => raw::<u64>(shape, dst, src),
        _ => raw::<u128>(shape, dst, src),
    }
}

unsafe fn raw<T: Copy>(shape: &[usize], dst: Side, src: Side) {
    let size = size_of::<T>() as isize;
    let order = memory_order(shape, &[dst.strides, src.strides]);
    if let Some(merged) = plan(shape, &[dst.strides, src.strides], &order) {
        let nd = merged.shape.len();
        // The source's unit-stride axis, when it is not the destination's.
        let across = (0..nd.saturating_sub(1)).find(|&k| merged.strides[1][k] == size);
        if nd >= 2 && merged.strides[0][nd - 1] == size && merged.strides[1][nd - 1] != size {
            if let Some(q) = across {
                tiled::<T>(
                    &merged.shape,
                    &merged.strides[0],
                    &merged.strides[1],
                    q,
                    dst,
                    src,
                );
                return;
            }
        }
    }
    for_each(
        shape,
        [dst.strides, src.strides],
        [dst.ptr, src.ptr],
        |p, n, s| {
            if s == [size; 2] {
                std::ptr::copy(p[1], p[0], n * size as usize);
            } else {
                let (mut d, mut r) = (p[0], p[1]);
                for _ in 0..n {
                    d.cast::<T>()
                        .write_unaligned(r.cast::<T>().read_unaligned());
                    d = d.wrapping_offset(s[0]);
                    r = r.wrapping_offset(s[1]);
                }
            }
        },
    );
}

/// A copy where the destination is contiguous along the last axis and the
/// source along axis `q`: the plane of those two axes is transposed by
/// `transpose`, the other axes walked one position at a time.
unsafe fn tiled<T: Copy>(
    shape: &[usize],
    dstrides: &[isize],
    sstrides: &[isize],
    q: usize,
    dst: Side,
    src: Side,
) {
    let last = shape.len() - 1;
    let (rows, cols) = (shape[q], shape[last]);
    // The destination is contiguous along the last axis, the source along
    // `q` (checked by the caller): only the other two strides vary.
    let (dr, sc) = (dstrides[q], sstrides[last]);
    let rest: Vec<usize> = (0..last).filter(|&k| k != q).collect();
    let outer: Vec<usize> = rest.iter().map(|&k| shape[k]).collect();
    let mut index = vec![0usize; rest.len()];
    loop {
        let (mut d0, mut s0) = (dst.ptr, src.ptr);
        for (i, &k) in rest.iter().enumerate() {
            d0 = d0.wrapping_offset(dstrides[k] * index[i] as isize);
            s0 = s0.wrapping_offset(sstrides[k] * index[i] as isize);
        }
        let plane = Plane {
            dst: d0,
            dst_row: dr,
            src: s0,
            src_row: sc,
            rows,
            cols,
        };
        transpose::<T>(plane);
        // Next position of the other axes (odometer).
        let mut axis = rest.len();
        loop {
            if axis == 0 {
                return;
            }
            axis -= 1;
            index[axis] += 1;
            if index[axis] < outer[axis] {
                break;
            }
            index[axis] = 0;
        }
    }
}
