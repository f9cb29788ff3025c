//! `:mem`: a picture of each buffer and which of its elements each name
//! covers, one row per name, as in the tutorial's ASCII diagrams:
//!
//! ```text
//! buf#1: 48 bytes, 6 cells of 8 bytes
//!   a    ######
//!   b    .###..
//!   ev   #.#.#.
//! ```
//!
//! Large buffers are drawn at most `WIDTH` cells wide, each cell then
//! standing for several elements (`#` when the name touches any of them).

use super::labels::Labels;
use super::observe::{self, WrittenSet};
use super::trace::extent;
use crate::interp::Value;

const WIDTH: usize = 64;

/// The diagram of every buffer that `only` (or any global name) lives in.
pub fn diagram(
    globals: &crate::interp::Names<String>,
    only: Option<&str>,
    labels: &mut Labels,
) -> Vec<String> {
    let mut buffers: Vec<(u64, usize)> = Vec::new();
    for (name, v) in globals {
        let Value::Array(a) = v else { continue };
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let d = a.data();
        if !buffers.iter().any(|(id, _)| *id == d.buffer.id()) {
            buffers.push((d.buffer.id(), d.buffer.len()));
        }
    }
    let mut lines = Vec::new();
    for (id, len) in buffers {
        let names: Vec<(&String, crate::array::Array)> = globals
            .iter()
            .filter_map(|(n, v)| match v {
                Value::Array(a) if a.data().buffer.id() == id => Some((n, a.clone())),
                _ => None,
            })
            .collect();
        let unit = names
            .iter()
            .map(|(_, a)| a.dtype().itemsize())
            .min()
            .unwrap_or(1)
            .max(1);
        let elements = len / unit;
        let per_cell = elements.div_ceil(WIDTH).max(1);
        let cells = elements.div_ceil(per_cell);
        let label = labels.label(id);
        let cell_text = if per_cell == 1 {
            format!("{cells} cells of {unit} bytes")
        } else {
            format!("{cells} cells of {per_cell} × {unit} bytes")
        };
        lines.push(format!("{label}: {len} bytes, {cell_text}"));
        let width = names.iter().map(|(n, _)| n.len()).max().unwrap_or(1);
        for (name, a) in &names {
            let e = extent(a);
            let row: String = (0..cells)
                .map(|k| {
                    let start = k * per_cell * unit;
                    let end = ((k + 1) * per_cell * unit).min(len);
                    let cell = WrittenSet {
                        runs: vec![(start, end)],
                        exact: true,
                    };
                    match observe::seen_by(&cell, &e).count {
                        Some(0) => '.',
                        _ => '#',
                    }
                })
                .collect();
            lines.push(format!("  {name:<width$}  {row}"));
        }
    }
    if lines.is_empty() {
        lines.push(match only {
            Some(n) => format!("{n}: not an array name"),
            None => "no arrays".to_string(),
        });
    }
    lines
}

/// `:vars`: each global name with its type and, for arrays, what it is.
pub fn vars(
    globals: &crate::interp::Names<String>,
    ctx: &super::trace::Context,
    labels: &mut Labels,
) -> Vec<String> {
    let mut lines = Vec::new();
    for (name, v) in globals {
        match v {
            Value::Module(_) => continue,
            Value::Array(a) => {
                lines.push(format!(
                    "{name}: {}",
                    super::trace::describe(a, Some(name), ctx, labels)
                ));
            }
            other => lines.push(format!("{name}: {}", other.type_name())),
        }
    }
    if lines.is_empty() {
        lines.push("no names yet".to_string());
    }
    lines
}
