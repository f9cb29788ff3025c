//! Where each array object came from: a side table from object identity to
//! the operation that made it.
//!
//! The interpreter records an [`Origin`] when a subscript, attribute, call
//! or operator hands back an array: the expression's span, whether the
//! result is a new buffer, a view, or a copy of its input, and why. Entries
//! hold a weak reference, so the table never keeps an array alive nor
//! changes a reference count, and an entry whose array died is ignored (its
//! address cannot be reused while the weak reference exists). Origins link
//! to the origin of their input, which gives `explain(x)` its chain even
//! after the intermediate arrays are gone.
//!
//! This module does not decide *when* to record (the interpreter's hooks
//! do) and prints nothing.

use std::collections::HashMap;
use std::rc::Rc;

use crate::array::{Array, WeakArray};
use crate::syntax::ast::Span;

/// How an array relates to the array it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// A new buffer not made from another array (creation, arithmetic).
    New,
    /// Shares its input's buffer.
    View,
    /// A new buffer holding a copy of (some of) its input's elements.
    Copy,
}

impl Relation {
    pub fn word(self) -> &'static str {
        match self {
            Relation::New => "new",
            Relation::View => "view",
            Relation::Copy => "copy",
        }
    }
}

/// Facts about the making operation that a fix suggestion needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    None,
    /// Fancy indexing of the first axis by these integers (kept only when short).
    IntList(Vec<i64>),
    /// A boolean mask.
    Mask,
    /// Other advanced indexing (several index arrays, or mixed with slices).
    Fancy,
    /// `flatten()`/`ravel()` of an array of this shape, in C (or F) order.
    Flatten {
        shape: Vec<usize>,
        fortran: bool,
    },
}

/// The operation that made one array object.
#[derive(Clone, Debug)]
pub struct Origin {
    pub relation: Relation,
    /// Why it is a view, a copy or new, in a few words.
    pub why: String,
    /// The expression that made it.
    pub span: Span,
    /// The source text `span` (and `input`) index.
    pub source: Rc<str>,
    /// The sub-expression it was made from (`a` in `a[[1, 3]]`).
    pub input: Option<Span>,
    /// The origin of the array it was made from, when known.
    pub parent: Option<Rc<Origin>>,
    pub hint: Hint,
}

impl Origin {
    /// The source text of the making expression, on one line.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        one_line(span_text(&self.source, self.span))
    }

    /// The source text of the input expression, if any, on one line.
    pub fn input_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.input.map(|s| one_line(span_text(&self.source, s)))
    }
}

/// The text under `span`, or "" if it does not index `source`.
pub fn span_text(source: &str, span: Span) -> &str {
    source.get(span.start..span.end).unwrap_or("")
}

/// An expression written over several lines, as one line (reports and
/// fixes are one line each): each line break and the indentation after it
/// become one space, none after an opening or before a closing bracket.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        let line = if k == 0 { line } else { line.trim_start() };
        let line = line.trim_end().trim_end_matches('\\').trim_end();
        let joins = k > 0 && !line.is_empty() && !out.is_empty();
        if joins && !out.ends_with(['(', '[']) && !line.starts_with([')', ']']) {
            out.push(' ');
        }
        out.push_str(line);
    }
    std::borrow::Cow::Owned(out)
}

/// The side table: object identity -> (liveness, origin).
#[derive(Default)]
pub struct Provenance {
    entries: HashMap<usize, (WeakArray, Rc<Origin>)>,
    /// Size at which dead entries are swept next.
    sweep_at: usize,
}

/// Entries below this count are never swept.
const MIN_SWEEP: usize = 1024;

impl Provenance {
    /// Remembers that `a` was made by `origin`, replacing any older entry.
    pub fn record(&mut self, a: &Array, origin: Origin) -> Rc<Origin> {
        let origin = Rc::new(origin);
        if self.entries.len() >= self.sweep_at.max(MIN_SWEEP) {
            self.sweep();
        }
        self.entries
            .insert(a.object_id(), (a.downgrade(), origin.clone()));
        origin
    }

    /// The origin of `a`, if one was recorded for this very object.
    pub fn get(&self, a: &Array) -> Option<Rc<Origin>> {
        let (weak, origin) = self.entries.get(&a.object_id())?;
        weak.is_alive().then(|| origin.clone())
    }

    /// The origin of `a`'s data: `a`'s own record, else that of the first
    /// base on its chain that has one.
    pub fn get_or_base(&self, a: &Array) -> Option<Rc<Origin>> {
        if let Some(o) = self.get(a) {
            return Some(o);
        }
        let mut current = a.base();
        while let Some(b) = current {
            if let Some(o) = self.get(&b) {
                return Some(o);
            }
            current = b.base();
        }
        None
    }

    /// Forgets everything (a REPL `:reset`).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Drops the entries of dead objects; the next sweep waits until the
    /// table doubles, so recording stays O(1) amortised.
    fn sweep(&mut self) {
        self.entries.retain(|_, (weak, _)| weak.is_alive());
        self.sweep_at = self.entries.len() * 2;
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::dtype::DType;
    use crate::array::layout::Order;

    fn origin(why: &str) -> Origin {
        Origin {
            relation: Relation::Copy,
            why: why.to_string(),
            span: Span::new(0, 1),
            source: Rc::from("a"),
            input: None,
            parent: None,
            hint: Hint::None,
        }
    }

    #[test]
    fn dead_objects_have_no_origin_and_are_swept() {
        let mut p = Provenance::default();
        let keep = Array::zeros(DType::Int64, &[2], Order::C).unwrap();
        p.record(&keep, origin("kept"));
        for _ in 0..3000 {
            let t = Array::zeros(DType::Int64, &[2], Order::C).unwrap();
            p.record(&t, origin("temp"));
        }
        assert!(p.len() < 2100, "{}", p.len());
        assert_eq!(p.get(&keep).unwrap().why, "kept");
        let v = keep.view();
        assert_eq!(p.get_or_base(&v).unwrap().why, "kept");
        assert!(p.get(&v).is_none());
    }

    #[test]
    fn recording_does_not_change_reference_counts() {
        let mut p = Provenance::default();
        let a = Array::zeros(DType::Int64, &[2], Order::C).unwrap();
        p.record(&a, origin("x"));
        assert_eq!(a.ref_count(), 1);
    }
}
