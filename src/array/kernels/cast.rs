//! Conversion loops between any two dtypes, with `element::cast`'s values.

use super::{convert, with_dtype, Element};
use crate::array::dtype::DType;

/// Converts `n` elements from `src` (stride `ss`) to `dst` (stride `ds`).
pub type CastFn = unsafe fn(n: usize, src: *const u8, ss: isize, dst: *mut u8, ds: isize);

/// The loop converting `from` elements to `to` elements.
pub fn cast_fn(from: DType, to: DType) -> CastFn {
    with_dtype!(from, A => with_dtype!(to, B => cast_loop::<A, B> as CastFn))
}

/// # Safety
/// `src`/`dst` with their strides must address `n` valid elements each.
unsafe fn cast_loop<A: Element, B: Element>(
    n: usize,
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
) {
    let (ia, ib) = (size_of::<A>(), size_of::<B>());
    if ss == ia as isize && ds == ib as isize {
        for i in 0..n {
            B::store(dst.add(i * ib), convert::<A, B>(A::load(src.add(i * ia))));
        }
    } else {
        let (mut s, mut d) = (src, dst);
        for _ in 0..n {
            B::store(d, convert::<A, B>(A::load(s)));
            s = s.wrapping_offset(ss);
            d = d.wrapping_offset(ds);
        }
    }
}
