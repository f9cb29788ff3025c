//! Where each array object came from: the operation that made it.
//!
//! The interpreter records an [`Origin`] when a subscript, attribute, call
//! or operator hands back an array: the expression's span, whether the
//! result is a new buffer, a view, or a copy of its input, and why. The
//! origin is kept as a note on the array object itself (not in a table
//! keyed by identity), so recording happens on every subscript at O(1)
//! cost, never keeps an array alive nor changes a reference count, and
//! dies with its array. Origins link to the origin of their input, which
//! gives `explain(x)` its chain even after the intermediate arrays are gone.
//!
//! This module does not decide *when* to record (the interpreter's hooks
//! do) and prints nothing.

use std::borrow::Cow;
use std::rc::Rc;

use crate::array::ndarray::Note;
use crate::array::Array;
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
    /// Why it is a view, a copy or new, in a few words (mostly fixed
    /// words: no allocation on the hot subscript path).
    pub why: Cow<'static, str>,
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

    /// Whether `other` says exactly what `self` says (parents compared by
    /// identity: the same chain, not merely an equal one).
    fn same_as(&self, other: &Origin) -> bool {
        let same_parent = match (&self.parent, &other.parent) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_parent
            && self.relation == other.relation
            && self.span == other.span
            && self.input == other.input
            && Rc::ptr_eq(&self.source, &other.source)
            && self.why == other.why
            && self.hint == other.hint
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

/// The side table: each array object's origin, kept as a note on the
/// object itself, so recording and looking up are O(1) and an origin goes
/// away with its array.
pub struct Provenance {
    /// Whose notes are this table's: unique per table and per `clear`, so
    /// notes from another interpreter, or from before a `:reset`, are not
    /// read as this table's.
    owner: u64,
    /// The origin recorded last. A loop making views at one place records
    /// the same origin each time: it is shared instead of allocated again.
    last: Option<Rc<Origin>>,
}

impl Default for Provenance {
    fn default() -> Provenance {
        Provenance {
            owner: fresh_owner(),
            last: None,
        }
    }
}

/// A process-wide unique owner tag.
fn fresh_owner() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Provenance {
    /// Remembers that `a` was made by `origin`, replacing any older entry.
    pub fn record(&mut self, a: &Array, origin: Origin) -> Rc<Origin> {
        let origin = match &self.last {
            Some(last) if last.same_as(&origin) => last.clone(),
            _ => {
                let fresh = Rc::new(origin);
                self.last = Some(fresh.clone());
                fresh
            }
        };
        a.set_note(Note {
            owner: self.owner,
            value: origin.clone(),
        });
        origin
    }

    /// `record` of a view origin with no hint, when it says exactly what
    /// the last recorded origin says: the note is attached without building
    /// the origin first (a loop making views at one place). Returns false,
    /// having recorded nothing, when it differs.
    pub fn record_view_again(
        &mut self,
        a: &Array,
        why: &'static str,
        span: Span,
        input: Option<Span>,
        source: &Rc<str>,
        parent_of: &Array,
    ) -> bool {
        let Some(last) = &self.last else {
            return false;
        };
        let matches = last.relation == Relation::View
            && last.span == span
            && last.input == input
            && last.hint == Hint::None
            && Rc::ptr_eq(&last.source, source)
            // The reason is nearly always the very same static text: its
            // address settles it without comparing bytes.
            && (matches!(&last.why, Cow::Borrowed(w) if std::ptr::eq(*w, why)) || last.why == why);
        if !matches {
            return false;
        }
        // What `record` compares after `get(parent_of)`, without the clone
        // and downcast: the parent's note is this table's and is the very
        // origin `last` names as its parent (an address held alive by
        // `last`, so no other value can have it).
        let same_parent = match &last.parent {
            Some(p) => parent_of.note_is(self.owner, Rc::as_ptr(p) as *const ()),
            None => self.get(parent_of).is_none(),
        };
        if !same_parent {
            return false;
        }
        a.set_note(Note {
            owner: self.owner,
            value: last.clone(),
        });
        true
    }

    /// The origin of `a`, if one was recorded for this very object.
    pub fn get(&self, a: &Array) -> Option<Rc<Origin>> {
        let note = a.note()?;
        if note.owner != self.owner {
            return None;
        }
        note.value.downcast::<Origin>().ok()
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

    /// Forgets everything (a REPL `:reset`): the notes already attached
    /// stay on their objects but no longer belong to this table.
    pub fn clear(&mut self) {
        self.owner = fresh_owner();
        self.last = None;
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
            why: Cow::Owned(why.to_string()),
            span: Span::new(0, 1),
            source: Rc::from("a"),
            input: None,
            parent: None,
            hint: Hint::None,
        }
    }

    #[test]
    fn origins_belong_to_their_object_and_table() {
        let mut p = Provenance::default();
        let keep = Array::zeros(DType::Int64, &[2], Order::C).unwrap();
        p.record(&keep, origin("kept"));
        for _ in 0..3000 {
            let t = Array::zeros(DType::Int64, &[2], Order::C).unwrap();
            p.record(&t, origin("temp"));
        }
        assert_eq!(p.get(&keep).unwrap().why, "kept");
        assert!(Provenance::default().get(&keep).is_none());
        let v = keep.view();
        assert_eq!(p.get_or_base(&v).unwrap().why, "kept");
        assert!(p.get(&v).is_none());
        p.clear();
        assert!(p.get(&keep).is_none());
    }

    #[test]
    fn recording_does_not_change_reference_counts() {
        let mut p = Provenance::default();
        let a = Array::zeros(DType::Int64, &[2], Order::C).unwrap();
        p.record(&a, origin("x"));
        assert_eq!(a.ref_count(), 1);
    }
}
