//! Ctrl-C: SIGINT sets a flag that running loops and calls poll, so an
//! endless loop stops with `KeyboardInterrupt` and the REPL keeps its state.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{ExcKind, PyErr, PyResult};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Routes SIGINT to the flag. Call once, from the binary.
pub fn install_handler() {
    // Without a handler Ctrl-C still ends the process, which is the
    // right fallback if one cannot be installed.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
}

/// Raises `KeyboardInterrupt` if Ctrl-C was pressed since the last check.
/// Runs before every statement: a plain load decides, and only a pending
/// Ctrl-C pays for the atomic swap (a locked instruction, tens of cycles).
#[inline]
pub fn check() -> PyResult<()> {
    if INTERRUPTED.load(Ordering::Relaxed) && INTERRUPTED.swap(false, Ordering::SeqCst) {
        return Err(PyErr::new(ExcKind::KeyboardInterrupt, ""));
    }
    Ok(())
}

/// Forgets a Ctrl-C that arrived while nothing was running.
pub fn clear() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}
