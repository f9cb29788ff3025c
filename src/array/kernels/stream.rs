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
    if std::arch::is_x86_feature_detected!("avx512f") {
        return copy_avx512(dst, src, nbytes);
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        return copy_avx(dst, src, nbytes);
    }
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

/// `copy` with 32-byte streaming stores.
///
/// # Safety
/// As for `copy`; the processor must have AVX.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn copy_avx(dst: *mut u8, src: *const u8, nbytes: usize) {
    use std::arch::x86_64::{__m256i, _mm256_loadu_si256, _mm256_stream_si256};
    let head = dst.align_offset(32).min(nbytes);
    std::ptr::copy_nonoverlapping(src, dst, head);
    let body = (nbytes - head) / 32;
    for i in 0..body {
        let at = head + 32 * i;
        let v = _mm256_loadu_si256(src.add(at).cast::<__m256i>());
        _mm256_stream_si256(dst.add(at).cast::<__m256i>(), v);
    }
    let done = head + 32 * body;
    std::ptr::copy_nonoverlapping(src.add(done), dst.add(done), nbytes - done);
}

/// `copy` with 64-byte (whole cache line) streaming stores.
///
/// # Safety
/// As for `copy`; the processor must have AVX-512F.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn copy_avx512(dst: *mut u8, src: *const u8, nbytes: usize) {
    use std::arch::x86_64::{__m512i, _mm512_loadu_si512, _mm512_stream_si512};
    let head = dst.align_offset(64).min(nbytes);
    std::ptr::copy_nonoverlapping(src, dst, head);
    let body = (nbytes - head) / 64;
    for i in 0..body {
        let at = head + 64 * i;
        let v = _mm512_loadu_si512(src.add(at).cast::<__m512i>());
        _mm512_stream_si512(dst.add(at).cast::<__m512i>(), v);
    }
    let done = head + 64 * body;
    std::ptr::copy_nonoverlapping(src.add(done), dst.add(done), nbytes - done);
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
