//! Where warnings go and what `-W` does to them.
//!
//! As with Python's default warning filter, a warning is shown once per
//! place in the source (a loop that loses a write a thousand times shows it
//! once); every firing is counted, and a run that fired more than a few ends
//! with a one-line summary. `-W error` turns a warning into an exception at
//! the write, `-W ignore` skips the check altogether.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::rc::Rc;

use super::lost_write::LostWrite;
use crate::diagnostics::{self, Style};

/// What to do with a warning (`-W default|error|ignore`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Policy {
    #[default]
    Show,
    Error,
    Ignore,
}

impl Policy {
    /// Parses a `-W` argument.
    pub fn parse(text: &str) -> Option<Policy> {
        match text {
            "default" | "once" | "always" => Some(Policy::Show),
            "error" => Some(Policy::Error),
            "ignore" => Some(Policy::Ignore),
            _ => None,
        }
    }
}

/// Where warning text is written.
#[derive(Clone)]
pub enum Sink {
    Stderr,
    Capture(Rc<RefCell<String>>),
}

/// More firings than this earn a summary at the end of a run.
const SUMMARY_AFTER: usize = 3;

/// The warning state of one run.
pub struct Warnings {
    pub policy: Policy,
    pub sink: Sink,
    pub style: Style,
    pub filename: Rc<str>,
    /// Places already shown: (source text address, span start).
    shown: HashSet<(usize, usize)>,
    fired: usize,
}

impl Warnings {
    pub fn new(sink: Sink, style: Style) -> Warnings {
        Warnings {
            policy: Policy::Show,
            sink,
            style,
            filename: Rc::from("<string>"),
            shown: HashSet::new(),
            fired: 0,
        }
    }

    /// Counts a lost write and shows it unless this place was shown before.
    pub fn emit(&mut self, w: &LostWrite) {
        self.fired += 1;
        let place = (Rc::as_ptr(&w.source) as *const u8 as usize, w.site.start);
        if !self.shown.insert(place) {
            return;
        }
        let text = diagnostics::render_lost_write(w, &self.filename, self.style);
        self.write(&text);
    }

    /// How many warnings fired, shown or not.
    pub fn fired(&self) -> usize {
        self.fired
    }

    /// The closing summary, when more than a few warnings fired.
    pub fn summary(&self) -> Option<String> {
        (self.fired > SUMMARY_AFTER).then(|| {
            let places = self.shown.len();
            format!(
                "CopyWarning summary: {} writes went into temporary copies and were lost, at {} place{} (each place is shown once)\n",
                self.fired,
                places,
                if places == 1 { "" } else { "s" }
            )
        })
    }

    /// Writes the summary, if any, to the sink.
    pub fn finish(&mut self) {
        if let Some(s) = self.summary() {
            self.write(&s);
        }
    }

    fn write(&self, text: &str) {
        match &self.sink {
            Sink::Stderr => {
                // Keep the warning next to the output that preceded it.
                let _ = std::io::stdout().flush();
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
            Sink::Capture(buf) => buf.borrow_mut().push_str(text),
        }
    }
}
