//! Whole programs on arbitrary text, with a step budget so endless loops
//! end: evaluation must finish with a value or a Python exception.
#![no_main]

use libfuzzer_sys::fuzz_target;
use npview::interp::{Interp, Output};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let sink = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut interp = Interp::new(Output::Capture(sink));
    interp.set_step_budget(10_000);
    let _ = interp.run_source(source);
});
