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

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_zalloc, mi_zalloc_aligned,
};

/// Blocks up to this many bytes go to mimalloc.
const SMALL_MAX: usize = 4096;

/// The alignment every `mi_malloc` block has: its size classes are whole
/// machine words (larger alignments depend on the size class, so they go
/// through the aligned calls).
const MI_MIN_ALIGN: usize = std::mem::size_of::<usize>();

pub struct SmallFast;

fn is_small(layout: Layout) -> bool {
    layout.size() <= SMALL_MAX
}

/// A block from mimalloc, zeroed if asked.
///
/// # Safety
/// `layout` has a non-zero size (GlobalAlloc's contract).
unsafe fn mi_alloc(layout: Layout, zeroed: bool) -> *mut u8 {
    // SAFETY: plain C allocation calls; any size and power-of-two alignment
    // is accepted.
    unsafe {
        let p = match (layout.align() <= MI_MIN_ALIGN, zeroed) {
            (true, false) => mi_malloc(layout.size()),
            (true, true) => mi_zalloc(layout.size()),
            (false, false) => mi_malloc_aligned(layout.size(), layout.align()),
            (false, true) => mi_zalloc_aligned(layout.size(), layout.align()),
        };
        p.cast()
    }
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
                mi_alloc(layout, false)
            } else {
                System.alloc(layout)
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if is_small(layout) {
                mi_alloc(layout, true)
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
                mi_free(ptr.cast())
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
                (true, true) if layout.align() <= MI_MIN_ALIGN => {
                    mi_realloc(ptr.cast(), new_size).cast()
                }
                (false, false) => System.realloc(ptr, layout, new_size),
                // Across classes, or an over-aligned block: move it.
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
