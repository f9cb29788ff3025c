//! Lost writes: stores into a temporary array that nothing can see again.
//!
//! `a[[1, 3]][0] = 99` writes into the copy that `a[[1, 3]]` made; once the
//! statement ends nothing refers to that copy, so the write is lost (NumPy
//! says nothing). Detection here is exact, from reference counts rather than
//! from the shape of the code: the target array object is held only by the
//! statement's own temporaries, every array on its base chain is held only
//! by the array before it, and the buffer is held by exactly those array
//! objects. Then no name, list, or other array can reach the written bytes.
//!
//! This module decides and words the warning; the interpreter's hooks call
//! it at each store and `diagnostics` draws it.

use std::rc::Rc;

use super::provenance::{span_text, Hint, Origin, Relation};
use crate::array::Array;
use crate::syntax::ast::Span;

/// Whether the bytes of `target` become unreachable once the caller drops
/// the `held` references it holds to `target`.
pub fn is_unreachable(target: &Array, held: usize) -> bool {
    if target.ref_count() != held {
        return false;
    }
    let mut chain = 1usize;
    let mut current = target.base();
    while let Some(base) = current {
        // Held by the array before it on the chain and by `base` here.
        if base.ref_count() != 2 {
            return false;
        }
        chain += 1;
        current = base.base();
    }
    // Every array object holds one reference; `buffer()` adds ours.
    Rc::strong_count(&target.buffer()) == chain + 1
}

/// The index of an item store, as far as a fix suggestion needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sub {
    Int(i64),
    /// `[:]` or `[...]`: the whole array.
    Whole,
    Other,
}

/// How the lost write was made.
#[derive(Clone, Debug)]
pub enum Store<'a> {
    /// `target[index] op value` (`op` is `=` or `+=` and friends).
    Item {
        sub: Sub,
        op: &'a str,
        value_text: &'a str,
    },
    /// `target.name(args)`: `fill`, `sort`, ...
    Method { name: &'a str, args_text: &'a str },
    /// `f(..., out=target)` or `np.copyto(target, ...)`.
    Argument { what: &'a str },
}

/// A warning ready to draw: a message, labelled spans and a fix.
#[derive(Clone, Debug)]
pub struct LostWrite {
    pub message: String,
    pub labels: Vec<(Span, String)>,
    pub help: String,
    /// The text the spans index.
    pub source: Rc<str>,
    /// Where the write happened (a warning is shown once per place).
    pub site: Span,
}

/// Words the warning for a lost write at `site` (in `source`), into an
/// array made by `origin` (None when nothing was recorded).
pub fn describe(origin: Option<&Origin>, store: &Store, site: Span, source: &Rc<str>) -> LostWrite {
    // The write may go through views of the temporary (`a[[1, 2]][::2][0]`):
    // name the operation that made the buffer, and suggest no index fix,
    // since the written index is then the view's, not the copy's.
    let mut origin = origin;
    let mut through_view = false;
    while let Some(o) = origin.filter(|o| o.relation == Relation::View) {
        origin = o.parent.as_deref();
        through_view = true;
    }
    let is_argument = matches!(store, Store::Argument { .. });
    let generic_store = Store::Argument { what: "" };
    let store = if through_view { &generic_store } else { store };
    // An origin recorded while running other text (an earlier REPL input is
    // a prefix of the session text) can only be drawn if its span is there.
    let same_text = |o: &&Origin| {
        Rc::ptr_eq(&o.source, source)
            || source.get(o.span.start..o.span.end) == o.source.get(o.span.start..o.span.end)
    };
    let Some(origin) = origin.filter(same_text) else {
        return LostWrite {
            message: "this write goes into a temporary array and is lost".to_string(),
            labels: vec![(
                site,
                "nothing refers to this array after the statement".into(),
            )],
            help: "bind the array to a name before writing to it, or write into the original"
                .to_string(),
            source: source.clone(),
            site,
        };
    };
    let made = origin.text();
    let input = origin.input_text().unwrap_or_default();
    let (message, label) = match origin.relation {
        Relation::Copy => (
            "this write goes into a temporary copy and is lost",
            if input.is_empty() {
                format!("{} makes a copy", origin.why)
            } else {
                format!("{} makes a copy of `{input}`", origin.why)
            },
        ),
        Relation::New | Relation::View => (
            "this write goes into a temporary array and is lost",
            format!("{} is a new array ({})", made, origin.why),
        ),
    };
    let mut labels = vec![(origin.span, label)];
    let into = match origin.relation {
        Relation::Copy => "writes only into that copy",
        _ => "writes only into that array",
    };
    // Label the rest of the write (`[0] = 99`, `.fill(0)`) when it follows
    // the making expression on the same line.
    let inside = site.start <= origin.span.start && origin.span.end < site.end;
    if inside && !is_argument {
        let rest = Span::new(origin.span.end, site.end);
        if !span_text(source, rest).contains('\n') {
            labels.push((rest, into.to_string()));
        }
    } else if site.start >= origin.span.end || site.end <= origin.span.start {
        labels.push((site, into.to_string()));
    }
    LostWrite {
        message: message.to_string(),
        labels,
        help: fix(origin, store),
        source: source.clone(),
        site,
    }
}

/// The index part of the making subscript: `[[1, 3]]` in `a[[1, 3]]`.
fn index_part(origin: &Origin) -> Option<&str> {
    let input = origin.input?;
    let span = Span::new(input.end, origin.span.end);
    let text = span_text(&origin.source, span).trim();
    (text.starts_with('[') && text.ends_with(']')).then_some(text)
}

/// A suggestion that does the intended write.
fn fix(origin: &Origin, store: &Store) -> String {
    let input = origin.input_text().unwrap_or_default();
    let made = origin.text();
    let generic = || {
        if input.is_empty() || origin.relation != Relation::Copy {
            format!("bind it to a name first if you want the result: `tmp = {made}`")
        } else {
            format!("write into `{input}` itself, or bind the copy to a name first: `c = {made}`")
        }
    };
    match (store, &origin.hint) {
        (
            Store::Item {
                sub,
                op,
                value_text,
            },
            Hint::IntList(list),
        ) => match sub {
            Sub::Int(j) => match pick(list, *j) {
                Some(i) => format!("index once: {input}[{i}] {op} {value_text}"),
                None => generic(),
            },
            Sub::Whole => format!("index once: {made} {op} {value_text}"),
            Sub::Other => generic(),
        },
        (
            Store::Item {
                sub,
                op,
                value_text,
            },
            Hint::Mask | Hint::Fancy,
        ) => match (sub, index_part(origin)) {
            (Sub::Whole, _) => format!("index once: {made} {op} {value_text}"),
            (Sub::Int(j), Some(idx)) if origin.hint == Hint::Mask => {
                let mask = &idx[1..idx.len() - 1];
                format!("index once: {input}[np.flatnonzero({mask})[{j}]] {op} {value_text}")
            }
            _ => generic(),
        },
        (
            Store::Item {
                sub,
                op,
                value_text,
            },
            Hint::Flatten { shape, fortran },
        ) => match sub {
            Sub::Int(j) => match unravel(*j, shape, *fortran) {
                Some(index) => format!("index once: {input}[{index}] {op} {value_text}"),
                None => generic(),
            },
            Sub::Whole => format!("write through the original: {input}[...] {op} {value_text}"),
            Sub::Other => generic(),
        },
        (Store::Method { name, args_text }, hint) => match (*name, hint) {
            ("fill", Hint::IntList(_) | Hint::Mask | Hint::Fancy) => {
                format!("assign through `{input}`: {made} = {args_text}")
            }
            ("fill", Hint::Flatten { .. }) => {
                format!("fill the original: {input}.fill({args_text})")
            }
            ("sort", Hint::IntList(_) | Hint::Mask | Hint::Fancy) => {
                format!("assign the sorted values back: {made} = np.sort({made})")
            }
            _ => generic(),
        },
        (Store::Argument { what }, Hint::IntList(_) | Hint::Mask | Hint::Fancy)
            if !what.is_empty() =>
        {
            format!("assign the result instead of passing a copy as {what}: {made} = ...")
        }
        _ => generic(),
    }
}

/// `list[j]` with Python's negative indexing.
fn pick(list: &[i64], j: i64) -> Option<i64> {
    let n = i64::try_from(list.len()).ok()?;
    let k = if j < 0 { j.checked_add(n)? } else { j };
    usize::try_from(k).ok().and_then(|k| list.get(k)).copied()
}

/// The multi-index of flat position `j` in `shape`, as `i, k`.
fn unravel(j: i64, shape: &[usize], fortran: bool) -> Option<String> {
    let size = shape
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n))?;
    let size_i = i64::try_from(size).ok()?;
    let j = if j < 0 { j.checked_add(size_i)? } else { j };
    let mut rest = usize::try_from(j).ok().filter(|&j| j < size)?;
    let mut index = vec![0usize; shape.len()];
    let axes: Vec<usize> = if fortran {
        (0..shape.len()).collect()
    } else {
        (0..shape.len()).rev().collect()
    };
    for axis in axes {
        let n = shape[axis].max(1);
        index[axis] = rest % n;
        rest /= n;
    }
    if index.is_empty() {
        return None;
    }
    Some(
        index
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::dtype::DType;
    use crate::array::layout::Order;

    fn zeros(n: usize) -> Array {
        Array::zeros(DType::Int64, &[n], Order::C).unwrap()
    }

    #[test]
    fn a_lone_temporary_is_unreachable() {
        let t = zeros(3);
        assert!(is_unreachable(&t, 1));
        let other = t.clone();
        assert!(!is_unreachable(&t, 1));
        drop(other);
        assert!(is_unreachable(&t, 1));
    }

    #[test]
    fn a_view_of_a_named_array_is_reachable() {
        let named = zeros(4);
        let v = named.view();
        assert!(!is_unreachable(&v, 1));
        drop(named);
        // The owner is now held only by the view's base: unreachable.
        assert!(is_unreachable(&v, 1));
    }

    #[test]
    fn a_second_view_keeps_the_buffer_reachable() {
        let owner = zeros(4);
        let v1 = owner.view();
        let v2 = owner.view();
        drop(owner);
        assert!(!is_unreachable(&v1, 1));
        drop(v2);
        assert!(is_unreachable(&v1, 1));
    }

    #[test]
    fn unravel_in_both_orders() {
        assert_eq!(unravel(5, &[2, 3], false).as_deref(), Some("1, 2"));
        assert_eq!(unravel(5, &[2, 3], true).as_deref(), Some("1, 2"));
        assert_eq!(unravel(1, &[2, 3], true).as_deref(), Some("1, 0"));
        assert_eq!(unravel(-1, &[2, 3], false).as_deref(), Some("1, 2"));
        assert_eq!(unravel(6, &[2, 3], false), None);
        assert_eq!(pick(&[1, 3], -1), Some(3));
        assert_eq!(pick(&[1, 3], 2), None);
    }
}
