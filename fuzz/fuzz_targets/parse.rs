//! The front end on arbitrary bytes: it must return statements or a
//! SyntaxError, never panic, hang or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = npview::syntax::parse_program(source);
    }
});
