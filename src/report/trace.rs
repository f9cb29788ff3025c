//! (in progress)
pub struct Trace;
