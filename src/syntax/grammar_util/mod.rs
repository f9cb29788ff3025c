//! What the grammar's actions call: building AST nodes from parsed pieces,
//! with the checks Python makes while parsing.
//!
//! Actions in `grammar/grammar.lalrpop` stay one line long and delegate
//! here. Expressions travel through the parser as [`Node`]s, which carry the
//! depth of their tree, so that a pathologically deep expression is
//! rejected while it is being built rather than overflowing the stack when
//! it is later walked or dropped.

mod expr;
mod stmt;
mod target;

pub use expr::*;
pub use stmt::*;

use lalrpop_util::ParseError;

use super::ast::{Expr, ExprKind, Span};
use super::parser::SyntaxError;
use super::token::Token;

/// Expression trees may be at most this deep.
pub const MAX_EXPR_DEPTH: u32 = 1000;

/// The result type of a fallible grammar action.
pub type Res<'a, T> = Result<T, ParseError<usize, Token<'a>, SyntaxError>>;

/// An expression under construction, with the depth of its tree.
#[derive(Debug)]
pub struct Node {
    pub expr: Expr,
    pub depth: u32,
}

/// Fails a grammar action with a syntax error at `lo..hi`.
pub fn fail<'a, T>(message: impl Into<String>, lo: usize, hi: usize) -> Res<'a, T> {
    Err(user(SyntaxError::new(message, Span::new(lo, hi))))
}

/// Rejects a construct npview does not implement.
pub fn unsupported<'a, T>(what: &str, lo: usize, hi: usize) -> Res<'a, T> {
    fail(format!("{what} are not supported"), lo, hi)
}

pub(crate) fn user<'a>(error: SyntaxError) -> ParseError<usize, Token<'a>, SyntaxError> {
    ParseError::User { error }
}

/// A node whose children are `depth - 1` deep at most.
fn node<'a>(kind: ExprKind, lo: usize, hi: usize, depth: u32) -> Res<'a, Node> {
    if depth > MAX_EXPR_DEPTH {
        return fail("too complex expression", lo, hi);
    }
    let span = Span::new(lo, hi);
    Ok(Node {
        expr: Expr { kind, span },
        depth,
    })
}

/// A childless node.
pub fn leaf(kind: ExprKind, lo: usize, hi: usize) -> Node {
    Node {
        expr: Expr {
            kind,
            span: Span::new(lo, hi),
        },
        depth: 1,
    }
}

/// Unwraps nodes into expressions, with the depth of the deepest.
fn exprs(nodes: Vec<Node>) -> (Vec<Expr>, u32) {
    let depth = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    (nodes.into_iter().map(|n| n.expr).collect(), depth)
}

/// `items` then `last`, as one list (the shape of `a, b, c` with an
/// optional trailing element).
pub fn items<T>(mut items: Vec<T>, last: Option<T>) -> Vec<T> {
    items.extend(last);
    items
}

/// `list` with `item` appended.
pub fn push<T>(mut list: Vec<T>, item: T) -> Vec<T> {
    list.push(item);
    list
}

/// `list` followed by `more`.
pub fn extend<T>(mut list: Vec<T>, more: Vec<T>) -> Vec<T> {
    list.extend(more);
    list
}

/// `first` followed by `rest`.
pub fn prepend<T>(first: T, rest: Vec<T>) -> Vec<T> {
    let mut all = Vec::with_capacity(rest.len() + 1);
    all.push(first);
    all.extend(rest);
    all
}
