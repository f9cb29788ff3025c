//! The script helpers `aliases(x)` and `explain(x)`: npview extras (NumPy
//! has no such functions), documented in the README.
//!
//! - `aliases(x)`: the names in scope (locals first, then globals) whose
//!   arrays share memory with `x`, exactly (element overlap, as
//!   `np.shares_memory`), including names bound to `x` itself.
//! - `explain(x)`: what `x` is now, then the chain of operations that made
//!   it, oldest first, each a view, a copy or a new array, and why.

use super::labels::Labels;
use super::provenance::{Origin, Provenance, Relation};
use super::trace::{self, Context};
use crate::array::overlap;
use crate::array::Array;
use crate::interp::Value;

/// Names among `names` whose arrays share at least one byte with `x`.
pub fn aliases<'a>(
    names: impl IntoIterator<Item = (&'a str, &'a Value)>,
    x: &Array,
) -> Vec<String> {
    let xe = trace::extent(x);
    let xid = x.data().buffer.id();
    let mut out: Vec<String> = Vec::new();
    for (name, v) in names {
        let Value::Array(a) = v else { continue };
        if out.iter().any(|n| n == name) || a.data().buffer.id() != xid {
            continue;
        }
        let shares = a.same_object(x)
            || overlap::shares_memory(&xe, &trace::extent(a), None).unwrap_or(true);
        if shares {
            out.push(name.to_string());
        }
    }
    out
}

/// The lines `explain(x)` prints.
pub fn explain(x: &Array, name: &str, ctx: &Context, labels: &mut Labels) -> Vec<String> {
    let mut lines = vec![format!(
        "{name}: {}",
        trace::describe(x, Some(name), ctx, labels)
    )];
    let chain = chain_of(x, ctx.provenance);
    if chain.is_empty() {
        lines.push("  (no record of the operation that made it)".to_string());
        return lines;
    }
    lines.push("  made by:".to_string());
    for (k, o) in chain.iter().rev().enumerate() {
        let what = match o.relation {
            Relation::New => "new array",
            Relation::View => "view",
            Relation::Copy => "copy",
        };
        lines.push(format!("  {}. {}  ->  {what} ({})", k + 1, o.text(), o.why));
    }
    lines
}

/// `x`'s origin and its ancestors, newest first.
fn chain_of(x: &Array, provenance: &Provenance) -> Vec<std::rc::Rc<Origin>> {
    let mut chain = Vec::new();
    let mut next = provenance.get_or_base(x);
    while let Some(o) = next {
        next = o.parent.clone();
        chain.push(o);
        if chain.len() > 64 {
            break;
        }
    }
    chain
}
