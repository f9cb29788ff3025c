//! Streaming (non-temporal) stores for large outputs.
//!
//! A result much larger than the caches is written once and not read back
//! soon; ordinary stores first read each cache line they fill, so writing
//! it costs twice its size in memory traffic. Streaming stores skip that
//! read. Loops compute a block into a small cached scratch area and
//! `copy` streams it out.

/// Outputs at least this large are streamed.
pub const MIN_BYTES: usize = 8 << 20;

/// Copies `nbytes` from `src` (cached scratch) to `dst` with streaming
/// stores where `dst` is 16-byte aligned, ordinary copies at the edges.
///
/// # Safety
/// Both ranges must be valid and must not overlap.
pub unsafe fn copy(dst: *mut u8, src: *const u8, nbytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
        let head = dst.align_offset(16).min(nbytes);
        std::ptr::copy_nonoverlapping(src, dst, head);
        let body = (nbytes - head) / 16;
        for i in 0..body {
            let at = head + 16 * i;
            let v = _mm_loadu_si128(src.add(at).cast::<__m128i>());
            _mm_stream_si128(dst.add(at).cast::<__m128i>(), v);
        }
        let done = head + 16 * body;
        std::ptr::copy_nonoverlapping(src.add(done), dst.add(done), nbytes - done);
    }
    #[cfg(not(target_arch = "x86_64"))]
    std::ptr::copy_nonoverlapping(src, dst, nbytes);
}

/// Makes streamed stores visible in order with later ones (call once after
/// a loop that streamed).
pub fn fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a store fence has no preconditions.
    unsafe {
        std::arch::x86_64::_mm_sfence();
    }
}
