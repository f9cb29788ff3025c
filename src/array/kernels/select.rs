//! Selection loops: boolean-mask compress (`a[mask]`) and integer gather
//! (`a[idx]`). Elements are moved as raw bytes of the element's size.

/// A raw element of 1, 2, 4, 8 or 16 bytes.
pub trait Raw: Copy {}
impl Raw for u8 {}
impl Raw for u16 {}
impl Raw for u32 {}
impl Raw for u64 {}
impl Raw for u128 {}

/// Calls `$body` with `$t` the raw element type of `$itemsize` bytes.
macro_rules! with_raw {
    ($itemsize:expr, $t:ident => $body:expr) => {
        match $itemsize {
            1 => {
                type $t = u8;
                $body
            }
            2 => {
                type $t = u16;
                $body
            }
            4 => {
                type $t = u32;
                $body
            }
            8 => {
                type $t = u64;
                $body
            }
            _ => {
                type $t = u128;
                $body
            }
        }
    };
}
pub(crate) use with_raw;

/// How many of `n` mask bytes (stride `stride`) are nonzero.
///
/// # Safety
/// The `n` bytes must be readable.
pub unsafe fn count_true(mask: *const u8, n: usize, stride: isize) -> usize {
    if stride == 1 {
        let bytes = std::slice::from_raw_parts(mask, n);
        // Summed in chunks so the per-chunk counters cannot overflow.
        bytes
            .chunks(255)
            .map(|c| c.iter().map(|&b| (b != 0) as u8).sum::<u8>() as usize)
            .sum()
    } else {
        (0..n)
            .filter(|&i| *mask.wrapping_offset(i as isize * stride) != 0)
            .count()
    }
}

/// Appends to `out` (at element `*j`, advanced) every element of `src`
/// whose mask byte is nonzero, stopping once `limit` elements are written.
/// Branch-free: each element is written, and the position only advances
/// past selected ones.
///
/// # Safety
/// `n` mask bytes and elements must be readable; `out` must have room for
/// `limit` elements.
#[allow(clippy::too_many_arguments)]
pub unsafe fn compress<T: Raw>(
    n: usize,
    mask: *const u8,
    mask_stride: isize,
    src: *const u8,
    src_stride: isize,
    out: *mut u8,
    j: &mut usize,
    limit: usize,
) {
    let size = size_of::<T>();
    let mut k = *j;
    for i in 0..n {
        if k >= limit {
            break;
        }
        let v = src
            .wrapping_offset(i as isize * src_stride)
            .cast::<T>()
            .read_unaligned();
        out.wrapping_add(k * size).cast::<T>().write_unaligned(v);
        k += (*mask.wrapping_offset(i as isize * mask_stride) != 0) as usize;
    }
    *j = k;
}

/// `out[k] = src[index[k]]` for element offsets already checked to be in
/// range (`offsets[k]` in bytes from `src`).
///
/// # Safety
/// Every offset must address a readable element; `out` must have room for
/// `offsets.len()` elements.
pub unsafe fn gather<T: Raw>(offsets: &[isize], src: *const u8, out: *mut u8) {
    let size = size_of::<T>();
    for (k, &off) in offsets.iter().enumerate() {
        let v = src.wrapping_offset(off).cast::<T>().read_unaligned();
        out.wrapping_add(k * size).cast::<T>().write_unaligned(v);
    }
}

/// `out[i] = src[idx[i]]` along one axis of `axis_len` rows (`row_stride`
/// bytes apart), for `n` indices of type `I` (negative ones count from the
/// end). Stops at the first index out of range and returns it.
///
/// # Safety
/// `n` indices must be readable, every in-range row must address a
/// readable element, and `out` must have room for `n` elements.
pub unsafe fn gather_run<I: super::Element, T: Raw>(
    n: usize,
    idx: *const u8,
    idx_stride: isize,
    src: *const u8,
    row_stride: isize,
    axis_len: usize,
    out: *mut u8,
) -> Result<(), i64> {
    let size = size_of::<T>();
    let index = |i: usize| -> i64 {
        let raw = super::convert::<I, i64>(I::load(idx.wrapping_offset(i as isize * idx_stride)));
        if raw < 0 {
            raw.wrapping_add(axis_len as i64)
        } else {
            raw
        }
    };
    for i in 0..n {
        // Ask for the row needed a few steps ahead, so that many cache
        // misses are in flight at once (random gathers wait on memory).
        if i + PREFETCH < n {
            let j = index(i + PREFETCH);
            if j >= 0 && (j as u64) < axis_len as u64 {
                prefetch(src.wrapping_offset(j as isize * row_stride));
            }
        }
        let raw = super::convert::<I, i64>(I::load(idx.wrapping_offset(i as isize * idx_stride)));
        let j = if raw < 0 {
            raw.wrapping_add(axis_len as i64)
        } else {
            raw
        };
        if j < 0 || j as u64 >= axis_len as u64 {
            return Err(raw);
        }
        let v = src
            .wrapping_offset(j as isize * row_stride)
            .cast::<T>()
            .read_unaligned();
        out.wrapping_add(i * size).cast::<T>().write_unaligned(v);
    }
    Ok(())
}

/// How many indices ahead `gather_run` prefetches.
const PREFETCH: usize = 16;

#[inline(always)]
fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
