//! The binary's global allocator: mimalloc for small blocks, the system
//! allocator for everything else.
//!
//! The interpreter makes and frees a few small objects on nearly every
//! statement (array objects, their shapes and strides, index lists), where
//! mimalloc takes a fraction of glibc malloc's instructions. Array buffers
//! are large and few: they stay with the system allocator, whose policy
//! (fresh zeroed pages from the OS, memory returned on free) keeps the peak
//! memory of big-array workloads as it was.

use std::alloc::{GlobalAlloc, Layout, System};

use mimalloc::MiMalloc;

/// Blocks up to this many bytes go to mimalloc.
const SMALL_MAX: usize = 4096;

pub struct SmallFast;

fn is_small(layout: Layout) -> bool {
    layout.size() <= SMALL_MAX
}

// SAFETY: every block is allocated and freed by the same allocator, chosen
// by its size, which `dealloc` and `realloc` receive unchanged from the
// caller (GlobalAlloc's contract); a block changing class in `realloc` is
// moved by allocating in the new class, copying and freeing the old one.
// Both allocators honour the layout's alignment.
unsafe impl GlobalAlloc for SmallFast {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        unsafe {
            if is_small(layout) {
                MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if is_small(layout) {
                MiMalloc.alloc_zeroed(layout)
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated with `layout`, so by the allocator its
        // size selects.
        unsafe {
            if is_small(layout) {
                MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: GlobalAlloc::realloc's contract: `new_size`, rounded up
        // to the alignment, does not overflow isize.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: `ptr` was allocated with `layout` by the allocator its
        // size selects; a move between classes copies the bytes both
        // blocks hold before freeing the old one.
        unsafe {
            match (is_small(layout), is_small(new_layout)) {
                (true, true) => MiMalloc.realloc(ptr, layout, new_size),
                (false, false) => System.realloc(ptr, layout, new_size),
                _ => {
                    let new = self.alloc(new_layout);
                    if !new.is_null() {
                        let kept = layout.size().min(new_size);
                        std::ptr::copy_nonoverlapping(ptr, new, kept);
                        self.dealloc(ptr, layout);
                    }
                    new
                }
            }
        }
    }
}
