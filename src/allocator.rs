//! The binary's global allocator: mimalloc for small blocks, the system
//! allocator for everything else.
//!
//! The interpreter makes and frees a few small objects on nearly every
//! statement (array objects, their shapes and strides, index lists), where
//! mimalloc takes a fraction of glibc malloc's instructions. Array buffers
//! are large and few: they stay with the system allocator, whose policy
//! (fresh zeroed pages from the OS, memory returned on free) keeps the peak
//! memory of big-array workloads as it was. mimalloc's own regions may
//! use transparent huge pages: making thousands of views then faults in a
//! few 2 MiB pages instead of hundreds of 4 KiB ones (10,000 views: 1.1 ms
//! instead of 2 ms the first time), for about 5 MiB more resident memory.
//!
//! Blocks of `LARGE_MIN` bytes or more are mapped straight from the
//! operating system (see `large`): page-aligned, where glibc's mmap'd
//! chunks start 16 bytes into a page, so the element loops over large
//! arrays never split vector loads across cache lines. The pages still come
//! zeroed lazily, and are returned on free.

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

/// Blocks at least this large (with at most page alignment) are mapped by
/// `large`.
const LARGE_MIN: usize = 4 << 20;

fn is_large(layout: Layout) -> bool {
    cfg!(target_os = "linux") && layout.size() >= LARGE_MIN && layout.align() <= large::PAGE
}

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
// by its size (and alignment, for `large`), which `dealloc` and `realloc` receive unchanged from the
// caller (GlobalAlloc's contract); a block changing class in `realloc` is
// moved by allocating in the new class, copying and freeing the old one.
// Both allocators honour the layout's alignment.
unsafe impl GlobalAlloc for SmallFast {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        unsafe {
            if is_small(layout) {
                mi_alloc(layout, false)
            } else if is_large(layout) {
                large::map(layout.size())
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
            } else if is_large(layout) {
                // Fresh anonymous pages read as zero.
                large::map(layout.size())
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated with `layout`, so by the allocator its
        // size (and alignment) selects.
        unsafe {
            if is_small(layout) {
                mi_free(ptr.cast())
            } else if is_large(layout) {
                large::unmap(ptr, layout.size())
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
        // size and alignment select; a move between classes copies the bytes both
        // blocks hold before freeing the old one.
        unsafe {
            let class = |l: Layout| (is_small(l), is_large(l));
            match (class(layout), class(new_layout)) {
                ((true, _), (true, _)) if layout.align() <= MI_MIN_ALIGN => {
                    mi_realloc(ptr.cast(), new_size).cast()
                }
                ((false, false), (false, false)) => System.realloc(ptr, layout, new_size),
                ((_, true), (_, true)) => large::remap(ptr, layout.size(), new_size),
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

/// Large blocks as private anonymous mappings of their own.
#[cfg(target_os = "linux")]
mod large {
    /// The mapping granularity (and so the alignment of every block).
    pub const PAGE: usize = 4096;

    /// A fresh zeroed mapping of `size` bytes, or null.
    ///
    /// # Safety
    /// None beyond a nonzero `size`; unsafe for symmetry with `unmap`.
    pub unsafe fn map(size: usize) -> *mut u8 {
        // SAFETY: an anonymous private mapping at an address of the
        // kernel's choosing touches no existing memory.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            p.cast()
        }
    }

    /// Returns a block made by `map` (or `remap`) with this `size`.
    ///
    /// # Safety
    /// `ptr` and `size` describe one such block, not used afterwards.
    pub unsafe fn unmap(ptr: *mut u8, size: usize) {
        // SAFETY: the range is exactly one of our mappings (the kernel
        // rounds the length up to whole pages, as it did when mapping).
        unsafe {
            libc::munmap(ptr.cast(), size);
        }
    }

    /// Resizes a block made by `map`, moving it if need be; null (the old
    /// block left intact) on failure.
    ///
    /// # Safety
    /// As for `unmap`, with `old` its current size.
    pub unsafe fn remap(ptr: *mut u8, old: usize, new: usize) -> *mut u8 {
        // SAFETY: the range is one of our mappings; MREMAP_MAYMOVE lets the
        // kernel pick a new address, keeping the contents, and on failure
        // the old mapping stays as it was.
        let p = unsafe { libc::mremap(ptr.cast(), old, new, libc::MREMAP_MAYMOVE) };
        if p == libc::MAP_FAILED {
            std::ptr::null_mut()
        } else {
            p.cast()
        }
    }
}

/// Elsewhere `is_large` is always false and these are never called.
#[cfg(not(target_os = "linux"))]
mod large {
    pub const PAGE: usize = 4096;

    pub unsafe fn map(_: usize) -> *mut u8 {
        std::ptr::null_mut()
    }

    pub unsafe fn unmap(_: *mut u8, _: usize) {}

    pub unsafe fn remap(_: *mut u8, _: usize, _: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_blocks_are_zeroed_page_aligned_and_resizable() {
        let layout = Layout::from_size_align(LARGE_MIN + 10, 8).unwrap();
        // SAFETY: nonzero layout; the block is freed with the layout (and
        // size after `realloc`) it has.
        unsafe {
            let p = SmallFast.alloc_zeroed(layout);
            assert!(!p.is_null());
            if cfg!(target_os = "linux") {
                assert_eq!(p as usize % 4096, 0);
            }
            let bytes = std::slice::from_raw_parts_mut(p, layout.size());
            assert!(bytes.iter().all(|&b| b == 0));
            bytes[layout.size() - 1] = 7;
            let bigger = 2 * LARGE_MIN;
            let q = SmallFast.realloc(p, layout, bigger);
            assert!(!q.is_null());
            assert_eq!(*q.add(layout.size() - 1), 7);
            // Shrinking into the system allocator's class keeps the bytes.
            let big_layout = Layout::from_size_align(bigger, 8).unwrap();
            let r = SmallFast.realloc(q, big_layout, 100_000);
            assert!(!r.is_null());
            assert_eq!(*r, 0);
            SmallFast.dealloc(r, Layout::from_size_align(100_000, 8).unwrap());
        }
    }
}
