//! The aliasing report: after a top-level statement, what each new or
//! rebound name is (owner of a buffer, view of which array, the same object
//! as another name, a copy and why), which elements a write changed and
//! which other names see them, and buffers that live on only through views.
//!
//! Costs: a binding line looks at the name's array object, its base chain
//! and the global names (no element is read); a write line costs the size
//! of the written region per name on that buffer (see `observe`). Nothing
//! is printed for a statement that bound and wrote nothing.
//!
//! This module builds the lines; the interpreter decides where they go.

use std::rc::{Rc, Weak};

use super::labels::Labels;
use super::observe::{self, WrittenSet};
use super::provenance::{Origin, Provenance, Relation};
use crate::array::buffer::{self, Buffer};
use crate::array::overlap::Extent;
use crate::array::writes::{self, WriteRecord};
use crate::array::{Array, WeakArray};
use crate::interp::Value;

/// What a name was bound to before this statement rebound it.
struct Old {
    array: WeakArray,
    buffer: Weak<Buffer>,
    owned: bool,
}

/// The report's state between statements.
#[derive(Default)]
pub struct Trace {
    /// Start each report with the statement's line (scripts; the REPL
    /// user just typed it).
    pub header: bool,
    /// Buffers with ids from here on were made by the current statement.
    watermark: u64,
    /// Global names (re)bound or deleted by the current statement, first
    /// old value kept.
    rebinds: Vec<(String, Option<Old>)>,
}

/// What the report needs from the interpreter after a statement.
pub struct Context<'a> {
    pub globals: &'a crate::interp::Names<String>,
    pub provenance: &'a Provenance,
    /// The name the statement wrote through (`b` in `b[0] = 1`), if any.
    pub writer: Option<&'a str>,
    /// How the statement's value was written when it is a plain name or a
    /// call (`b = a`, `b = np.asarray(a)`), for "same object" lines.
    pub value_kind: ValueKind,
    /// The statement's value expression as written.
    pub value_text: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Name,
    Call,
    /// `a = b = value`.
    Chained,
    Other,
}

impl Trace {
    pub fn new() -> Trace {
        writes::start();
        Trace::default()
    }

    /// Called before a top-level statement runs.
    pub fn begin(&mut self) {
        self.watermark = buffer::next_id();
        self.rebinds.clear();
        writes::drain();
    }

    /// A global name is about to be bound or deleted; `old` is its value.
    pub fn note_rebind(&mut self, name: &str, old: Option<&Value>) {
        if self.rebinds.iter().any(|(n, _)| n == name) {
            return;
        }
        let old = match old {
            Some(Value::Array(a)) => Some(Old {
                array: a.downgrade(),
                buffer: Rc::downgrade(&a.buffer()),
                owned: a.base().is_none(),
            }),
            _ => None,
        };
        self.rebinds.push((name.to_string(), old));
    }

    /// The report lines for the statement that just ran.
    pub fn finish(&mut self, ctx: &Context, labels: &mut Labels) -> Vec<String> {
        let mut lines = Vec::new();
        let rebinds = std::mem::take(&mut self.rebinds);
        for (k, (name, old)) in rebinds.iter().enumerate() {
            let later: Vec<&str> = rebinds[k + 1..].iter().map(|(n, _)| n.as_str()).collect();
            if let (Some(_), Some(v)) = (old, ctx.globals.get(name)) {
                if !matches!(v, Value::Array(_)) {
                    lines.push(format!("{name}: now {}, no longer an array", v.type_name()));
                    continue;
                }
            }
            // `b += 1` rebinds b to the same object: nothing new to say.
            let old_object = old.as_ref().and_then(|o| o.array.upgrade());
            let unchanged = match (old_object, ctx.globals.get(name)) {
                (Some(o), Some(Value::Array(x))) => o.same_object(x),
                _ => false,
            };
            if unchanged {
                continue;
            }
            if let Some(line) = binding_line(name, &later, ctx, labels) {
                lines.push(line);
            }
        }
        lines.extend(self.write_lines(ctx, labels));
        for (name, old) in &rebinds {
            if let Some(line) = old
                .as_ref()
                .and_then(|o| kept_alive_line(name, o, ctx, labels))
            {
                lines.push(line);
            }
        }
        lines
    }
}

fn binding_line(name: &str, later: &[&str], ctx: &Context, labels: &mut Labels) -> Option<String> {
    let Some(value) = ctx.globals.get(name) else {
        return Some(format!("{name}: deleted"));
    };
    let Value::Array(x) = value else {
        return None;
    };
    // Another name for the very same object?
    let same = ctx.globals.iter().find(|(n, v)| {
        n.as_str() != name
            && !later.contains(&n.as_str())
            && matches!(v, Value::Array(y) if y.same_object(x))
    });
    if let Some((other, _)) = same {
        let why = match ctx.value_kind {
            ValueKind::Name => " (a second name: no copy, no view)".to_string(),
            ValueKind::Call => format!(" ({} returned it unchanged)", ctx.value_text),
            ValueKind::Chained => " (one value, several names)".to_string(),
            ValueKind::Other => String::new(),
        };
        return Some(format!("{name}: same object as {other}{why}"));
    }
    Some(format!("{name}: {}", describe(x, Some(name), ctx, labels)))
}

/// What `x` is: an owner, a view of which array, or a copy and why.
pub fn describe(x: &Array, name: Option<&str>, ctx: &Context, labels: &mut Labels) -> String {
    let origin = ctx.provenance.get(x);
    let label = labels.label(x.data().buffer.id());
    let layout = layout_text(x);
    let from = |o: &Origin| match o.input_text() {
        Some(input) if !input.is_empty() => format!("of {input} ({})", o.why),
        _ => format!("({})", o.why),
    };
    let Some(owner) = owner_of(x) else {
        return match &origin {
            Some(o) if o.relation == Relation::Copy => {
                format!("copy {}, owns {label} [{layout}]", from(o))
            }
            Some(o) => format!("new array from {}, owns {label} [{layout}]", o.text()),
            None => format!("owns {label} [{layout}]"),
        };
    };
    if let Some(o) = origin.as_ref().filter(|o| o.relation == Relation::Copy) {
        return format!("copy {}, on new {label} [{layout}]", from(o));
    }
    let owner_name = named(ctx.globals, &owner, name);
    let input = origin
        .as_ref()
        .and_then(|o| o.input_text())
        .filter(|t| !t.is_empty());
    let owner_origin = ctx.provenance.get(&owner);
    let owner_text = match (&owner_name, &owner_origin) {
        (Some(n), _) => n.clone(),
        (None, Some(o)) => format!("the unnamed result of {}", o.text()),
        (None, None) => "an unnamed array".to_string(),
    };
    let input_is_owner = |i: &str| {
        Some(i) == owner_name.as_deref()
            || (owner_name.is_none() && owner_origin.as_ref().is_some_and(|o| o.text() == i))
    };
    let what = match input.as_deref() {
        Some(i) if input_is_owner(i) => owner_text,
        Some(i) => {
            let i = if Some(i) == name {
                format!("the old {i}")
            } else {
                i.to_string()
            };
            format!("{i}, whose data belongs to {owner_text}")
        }
        None => owner_text,
    };
    let why = origin
        .as_ref()
        .map(|o| format!(" ({})", o.why))
        .unwrap_or_default();
    let offset = x.data().offset;
    format!("view of {what}{why} on {label} at byte {offset} [{layout}]")
}

impl Trace {
    fn write_lines(&mut self, ctx: &Context, labels: &mut Labels) -> Vec<String> {
        let records = writes::drain();
        let mut buffers: Vec<u64> = Vec::new();
        for r in &records {
            if r.buffer < self.watermark && !buffers.contains(&r.buffer) {
                buffers.push(r.buffer);
            }
        }
        buffers
            .into_iter()
            .map(|id| {
                let mine: Vec<&WriteRecord> = records.iter().filter(|r| r.buffer == id).collect();
                write_line(id, &WrittenSet::from_records(mine), ctx, labels)
            })
            .collect()
    }
}

fn write_line(id: u64, written: &WrittenSet, ctx: &Context, labels: &mut Labels) -> String {
    let label = labels.label(id);
    let mut seen_by = Vec::new();
    let mut unseen = Vec::new();
    let mut changed = None;
    for (name, v) in ctx.globals {
        let Value::Array(a) = v else { continue };
        if a.data().buffer.id() != id {
            continue;
        }
        let seen = observe::seen_by(written, &extent(a));
        if seen.is_empty() {
            unseen.push(name.clone());
            continue;
        }
        let text = seen_text(name, &seen);
        if Some(name.as_str()) == ctx.writer && changed.is_none() {
            changed = Some(text);
        } else {
            seen_by.push(text);
        }
    }
    let mut line = match &changed {
        Some(c) => format!("write to {label}: {c}"),
        None => format!("write to {label} ({} bytes)", written.bytes()),
    };
    match (seen_by.is_empty(), changed.is_some()) {
        (false, true) => line.push_str(&format!("; also seen by {}", seen_by.join(", "))),
        (false, false) => line.push_str(&format!(": seen by {}", seen_by.join(", "))),
        (true, true) if !unseen.is_empty() => line.push_str("; seen by no other name"),
        (true, false) => line.push_str(": seen by no name"),
        (true, true) => {}
    }
    if !unseen.is_empty() {
        line.push_str(&format!("; not seen by {}", unseen.join(", ")));
    }
    if !written.exact {
        line.push_str(" (large write: elements bounded, not listed exactly)");
    }
    line
}

fn kept_alive_line(name: &str, old: &Old, ctx: &Context, labels: &mut Labels) -> Option<String> {
    if !old.owned {
        return None;
    }
    let buf = old.buffer.upgrade()?;
    if let Some(a) = old.array.upgrade() {
        // Still named elsewhere: nothing is "kept alive only by views".
        if named(ctx.globals, &a, None).is_some() {
            return None;
        }
    }
    let viewers: Vec<&str> = ctx
        .globals
        .iter()
        .filter(|(_, v)| matches!(v, Value::Array(a) if a.data().buffer.id() == buf.id()))
        .map(|(n, _)| n.as_str())
        .collect();
    if viewers.is_empty() {
        return None;
    }
    let label = labels.label(buf.id());
    Some(format!(
        "{label} (the old {name}) stays alive through view{} {}",
        if viewers.len() == 1 { "" } else { "s" },
        viewers.join(", ")
    ))
}

/// The array at the end of `x`'s base chain, if `x` has a base.
pub fn owner_of(x: &Array) -> Option<Array> {
    let mut current = x.base()?;
    while let Some(next) = current.base() {
        current = next;
    }
    Some(current)
}

/// The first global name bound to exactly `x`, other than `except`.
pub fn named(
    globals: &crate::interp::Names<String>,
    x: &Array,
    except: Option<&str>,
) -> Option<String> {
    globals
        .iter()
        .find(|(n, v)| {
            Some(n.as_str()) != except && matches!(v, Value::Array(y) if y.same_object(x))
        })
        .map(|(n, _)| n.clone())
}

/// `int64 (2, 3) strides (24, 8)`.
pub fn layout_text(x: &Array) -> String {
    let d = x.data();
    format!(
        "{} {} strides {}",
        d.dtype.name(),
        crate::array::layout::tuple_repr(&d.shape),
        strides_text(&d.strides)
    )
}

fn strides_text(strides: &[isize]) -> String {
    match strides {
        [s] => format!("({s},)"),
        _ => {
            let parts: Vec<String> = strides.iter().map(|s| s.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

pub fn extent(a: &Array) -> Extent {
    let d = a.data();
    Extent::new(d.offset, &d.shape, &d.strides, d.dtype.itemsize())
}

/// `b[0], b[2]`, or `b (1000 elements)` when many.
fn seen_text(name: &str, seen: &observe::Seen) -> String {
    match seen.count {
        // With broadcast axes one listed index (`b[:, 2]`) stands for several elements.
        Some(n)
            if (n <= observe::LIST && seen.first.len() == n)
                || (seen.first.len() < observe::LIST
                    && seen.first.iter().any(|i| i.contains(&None))) =>
        {
            seen.first
                .iter()
                .map(|i| observe::index_text(name, i))
                .collect::<Vec<_>>()
                .join(", ")
        }
        Some(n) => format!("{name} ({n} elements)"),
        None => format!("{name} (overlaps; not counted)"),
    }
}
