//! What npview tells about memory beyond what NumPy prints: where each
//! array came from (`provenance`), writes that go nowhere (`lost_write`,
//! shown through `warnings`), and the aliasing report after each statement
//! (`trace`, with `labels` for buffers and `observe` for exact element
//! overlap), plus the script helpers `aliases(x)` and `explain(x)`
//! (`helpers`).
//!
//! The interpreter owns one [`Session`] and calls in through small hooks;
//! nothing here evaluates code.

pub mod helpers;
pub mod labels;
pub mod lost_write;
pub mod mem;
pub mod observe;
pub mod provenance;
pub mod trace;
pub mod warnings;

use std::rc::Rc;

use crate::diagnostics::Style;

/// The report state of one interpreter.
pub struct Session {
    pub provenance: provenance::Provenance,
    pub warnings: warnings::Warnings,
    /// The text being run: spans recorded from now on index it.
    pub source: Rc<str>,
    /// The aliasing report, when on (`--trace`, the REPL).
    pub trace: Option<trace::Trace>,
    /// Buffer names shared by the report and `explain`.
    pub labels: labels::Labels,
    /// Lost writes into arrays a call returned: reported if the statement
    /// then discards the value.
    pub pending_discard: Vec<(crate::array::WeakArray, lost_write::LostWrite)>,
}

impl Session {
    pub fn new(sink: warnings::Sink, style: Style) -> Session {
        Session {
            provenance: provenance::Provenance::default(),
            warnings: warnings::Warnings::new(sink, style),
            source: Rc::from(""),
            trace: None,
            labels: labels::Labels::default(),
            pending_discard: Vec::new(),
        }
    }
}
