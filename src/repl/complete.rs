//! Tab completion at the prompt: names in scope, `np.` members, array
//! attributes and methods after `name.`, and `:` meta-commands.
//!
//! The completer never evaluates code: after each input the loop hands it
//! a snapshot of the global names (with, for arrays, nothing but the fact
//! that they are arrays), and `np.`/array members are checked against the
//! interpreter's own registries.

use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::array::dtype::DType;
use crate::array::layout::Order;
use crate::array::Array;

/// The meta-commands, for completion and `:help`.
pub const COMMANDS: [&str; 8] = [
    ":help", ":vars", ":mem", ":report", ":load", ":reset", ":quit", ":exit",
];

/// Array attributes and methods worth offering.
const ARRAY_CANDIDATES: &[&str] = &[
    "T",
    "base",
    "copy",
    "dtype",
    "fill",
    "flags",
    "flatten",
    "item",
    "itemsize",
    "max",
    "mean",
    "min",
    "nbytes",
    "ndim",
    "ravel",
    "reshape",
    "shape",
    "size",
    "sort",
    "strides",
    "sum",
    "tolist",
    "transpose",
    "view",
    "astype",
    "setflags",
    "prod",
    "any",
    "all",
    "argmin",
    "argmax",
    "round",
    "real",
    "imag",
    "swapaxes",
    "squeeze",
    "resize",
    "std",
    "var",
    "cumsum",
    "diagonal",
    "nonzero",
    "clip",
    "take",
    "repeat",
    "dot",
];

/// What the completer knows about the session, refreshed after each input.
#[derive(Default)]
pub struct Names {
    /// Global and builtin names.
    pub all: Vec<String>,
    /// The global names bound to arrays.
    pub arrays: Vec<String>,
}

pub struct ReplHelper {
    pub names: Rc<RefCell<Names>>,
    /// Syntax colours on (a terminal without `NO_COLOR`).
    pub colour: bool,
}

impl ReplHelper {
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        if before.trim_start().starts_with(':') && !before.trim_start().contains(' ') {
            let start = before.len() - before.trim_start().len();
            let word = &before[start..];
            return (start, filter(COMMANDS.iter().copied(), word));
        }
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        match word.rfind('.') {
            Some(dot) => {
                let (owner, partial) = (&word[..dot], &word[dot + 1..]);
                let members = self.members(owner);
                let at = start + dot + 1;
                (at, filter(members.iter().map(String::as_str), partial))
            }
            None => {
                let names = self.names.borrow();
                (start, filter(names.all.iter().map(String::as_str), word))
            }
        }
    }

    fn members(&self, owner: &str) -> Vec<String> {
        if owner == "np" || owner == "numpy" {
            return crate::numpy::implemented_members()
                .into_iter()
                .map(String::from)
                .collect();
        }
        if self.names.borrow().arrays.iter().any(|n| n == owner) {
            // Ask the array attribute registry with a throwaway array.
            if let Ok(probe) = Array::zeros(DType::Float64, &[1], Order::C) {
                return ARRAY_CANDIDATES
                    .iter()
                    .filter(|n| matches!(crate::numpy::methods::array_attr(&probe, n), Ok(Some(_))))
                    .map(|n| n.to_string())
                    .collect();
            }
        }
        Vec::new()
    }
}

fn filter<'a>(items: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = items
        .filter(|c| c.starts_with(prefix))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, found) = self.candidates(line, pos);
        let pairs = found
            .into_iter()
            .map(|c| Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> std::borrow::Cow<'l, str> {
        if self.colour {
            super::highlight::highlight(line)
        } else {
            std::borrow::Cow::Borrowed(line)
        }
    }

    fn highlight_char(
        &self,
        _line: &str,
        _pos: usize,
        _kind: rustyline::highlight::CmdKind,
    ) -> bool {
        self.colour
    }
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn helper() -> ReplHelper {
        let names = Names {
            all: vec!["alpha".into(), "abs".into(), "arr".into(), "np".into()],
            arrays: vec!["arr".into()],
        };
        ReplHelper {
            names: Rc::new(RefCell::new(names)),
            colour: false,
        }
    }

    #[test]
    fn completes_names_members_and_commands() {
        let h = helper();
        assert_eq!(h.candidates("al", 2), (0, vec!["alpha".to_string()]));
        let (at, np) = h.candidates("x = np.ara", 10);
        assert_eq!((at, np), (7, vec!["arange".to_string()]));
        let (at, attrs) = h.candidates("arr.sh", 6);
        assert_eq!((at, attrs), (4, vec!["shape".to_string()]));
        assert_eq!(h.candidates(":re", 3).1, vec![":report", ":reset"]);
    }
}
