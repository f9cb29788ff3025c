//! Where buffer memory comes from and goes back to.
//!
//! Fresh memory is asked of the allocator already zeroed: for large sizes
//! the operating system hands out pages that are zeroed only when first
//! touched, and such regions are marked for transparent huge pages so that
//! touching them takes one fault per 2 MiB rather than per 4 KiB.
//!
//! Freed large buffers are kept for reuse by results of the same size
//! (`c = a + b` in a loop then writes into warm memory instead of faulting
//! in fresh pages every time). To never hold more memory than a program
//! without the pool would at its peak, the kept buffers are released before
//! any fresh large allocation.

use std::alloc::{alloc_zeroed, Layout};
use std::cell::RefCell;

/// Buffers smaller than this are not kept: the allocator reuses them well.
const MIN_POOLED: usize = 64 << 10;
/// At most this many freed buffers are kept.
const MAX_POOLED: usize = 4;
/// Below this size, fresh buffers are zeroed by hand.
const SMALL: usize = 256;
/// Fresh regions at least this large are offered huge pages.
const HUGE_PAGE_MIN: usize = 4 << 20;

thread_local! {
    static POOL: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// A freed buffer of exactly `nbytes`, if one is kept.
pub fn take(nbytes: usize) -> Option<Vec<u8>> {
    if nbytes < MIN_POOLED {
        return None;
    }
    POOL.try_with(|pool| {
        let mut pool = pool.borrow_mut();
        let at = pool.iter().position(|b| b.len() == nbytes)?;
        Some(pool.swap_remove(at))
    })
    .ok()
    .flatten()
}

/// Takes back the bytes of a dropped buffer.
pub fn give(bytes: Vec<u8>) {
    if bytes.len() < MIN_POOLED {
        return;
    }
    let _ = POOL.try_with(|pool| {
        let mut pool = pool.borrow_mut();
        if pool.len() >= MAX_POOLED {
            pool.remove(0);
        }
        pool.push(bytes);
    });
}

/// Releases every kept buffer.
fn release_all() {
    let _ = POOL.try_with(|pool| pool.borrow_mut().clear());
}

/// `nbytes` fresh zeroed bytes, or None when the allocator refuses.
pub fn fresh(nbytes: usize) -> Option<Vec<u8>> {
    if nbytes == 0 {
        return Some(Vec::new());
    }
    if nbytes < SMALL {
        // Small buffers (scalars, short rows): malloc and a short memset
        // beat calloc's bookkeeping.
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(nbytes).ok()?;
        bytes.resize(nbytes, 0);
        return Some(bytes);
    }
    if nbytes >= MIN_POOLED {
        release_all();
    }
    let layout = Layout::array::<u8>(nbytes).ok()?;
    // SAFETY: the layout has a nonzero size; a null result is handled.
    let ptr = unsafe { alloc_zeroed(layout) };
    if ptr.is_null() {
        return None;
    }
    if nbytes >= HUGE_PAGE_MIN {
        advise_huge_pages(ptr, nbytes);
    }
    // SAFETY: `ptr` was allocated by the global allocator with the layout
    // of a `Vec<u8>` of capacity `nbytes`, and all its bytes are zeroed.
    Some(unsafe { Vec::from_raw_parts(ptr, nbytes, nbytes) })
}

#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: *mut u8, nbytes: usize) {
    const PAGE: usize = 4096;
    let start = ptr as usize & !(PAGE - 1);
    let len = nbytes + (ptr as usize - start);
    // SAFETY: advice only; the range lies within pages of this allocation
    // (its first page may be shared with allocator metadata, which huge
    // page advice does not change).
    unsafe {
        libc::madvise(start as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_: *mut u8, _: usize) {}
