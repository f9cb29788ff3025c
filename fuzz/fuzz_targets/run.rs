//! Whole programs on arbitrary text, with a step budget so endless loops
//! end: evaluation must finish with a value or a Python exception.
//!
//! Single allocations above 256 MiB fail here, as on a small machine: the
//! interpreter must turn that into a MemoryError (fallible allocation),
//! never abort.
#![no_main]

use std::alloc::{GlobalAlloc, Layout, System};

use libfuzzer_sys::fuzz_target;
use npview::interp::{Interp, Output};

struct Capped;

const CAP: usize = 256 << 20;

unsafe impl GlobalAlloc for Capped {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > CAP {
            return std::ptr::null_mut();
        }
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > CAP {
            return std::ptr::null_mut();
        }
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > CAP {
            return std::ptr::null_mut();
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Capped = Capped;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let sink = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut interp = Interp::new(Output::Capture(sink));
    interp.set_step_budget(10_000);
    let _ = interp.run_source(source);
});
