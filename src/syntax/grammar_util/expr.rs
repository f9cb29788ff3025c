//! Building expression nodes: operators, displays, calls, subscripts,
//! strings and f-strings, with their depth accounting and the checks
//! Python makes on them.

use std::collections::HashSet;

use super::{exprs, fail, leaf, node, target, user, Node, Res};
use crate::syntax::ast::{
    Arg, BinOp, BoolOp, CmpOp, Comprehension, ExprKind, FStringPart, Param, Span, UnaryOp,
};
use crate::syntax::fstring::FPiece;
use crate::syntax::literal::{Number, StrLit};
use crate::syntax::parser::parse_field;

pub fn name(name: &str, lo: usize, hi: usize) -> Node {
    leaf(ExprKind::Name(name.to_string()), lo, hi)
}

pub fn number(value: Number, lo: usize, hi: usize) -> Node {
    let kind = match value {
        Number::Int(v) => ExprKind::Int(v),
        Number::BigInt(v) => ExprKind::BigInt(v),
        Number::Float(v) => ExprKind::Float(v),
        Number::Imag(v) => ExprKind::Imag(v),
    };
    leaf(kind, lo, hi)
}

/// Adjacent string literals, joined; any f-string among them makes the
/// whole an f-string, whose fields are parsed here.
pub fn strings<'a>(src: &str, mut parts: Vec<StrLit>, lo: usize, hi: usize) -> Res<'a, Node> {
    if let [StrLit::Plain(only)] = parts.as_mut_slice() {
        return Ok(leaf(ExprKind::Str(std::mem::take(only)), lo, hi));
    }
    let mut text = String::new();
    let mut fields: Option<Vec<FStringPart>> = None;
    let mut depth = 1;
    for part in parts {
        let pieces = match part {
            StrLit::Plain(s) => {
                text.push_str(&s);
                continue;
            }
            StrLit::Format(pieces) => pieces,
        };
        let out = fields.get_or_insert_with(Vec::new);
        for piece in pieces {
            match piece {
                FPiece::Literal(s) => text.push_str(&s),
                FPiece::Field {
                    start,
                    end,
                    conversion,
                    spec,
                } => {
                    if !text.is_empty() {
                        out.push(FStringPart::Literal(std::mem::take(&mut text)));
                    }
                    let field = parse_field(src, start, end).map_err(user)?;
                    depth = depth.max(field.depth + 1);
                    out.push(FStringPart::Expr {
                        expr: field.expr,
                        conversion,
                        spec,
                    });
                }
            }
        }
    }
    match fields {
        None => Ok(leaf(ExprKind::Str(text), lo, hi)),
        Some(mut out) => {
            if !text.is_empty() {
                out.push(FStringPart::Literal(text));
            }
            node(ExprKind::FString(out), lo, hi, depth)
        }
    }
}

/// A tuple display; its span covers the parentheses when it has them.
pub fn tuple<'a>(items: Vec<Node>, lo: usize, hi: usize) -> Res<'a, Node> {
    let (items, depth) = exprs(items);
    node(ExprKind::Tuple(items), lo, hi, depth + 1)
}

pub fn list<'a>(items: Vec<Node>, lo: usize, hi: usize) -> Res<'a, Node> {
    let (items, depth) = exprs(items);
    node(ExprKind::List(items), lo, hi, depth + 1)
}

/// `(e)`: the parentheses only group, so `e` keeps its own span.
pub fn paren<'a>(e: Node) -> Res<'a, Node> {
    if let ExprKind::Starred(_) = e.expr.kind {
        let span = e.expr.span;
        return fail("cannot use starred expression here", span.start, span.end);
    }
    Ok(e)
}

/// Rejects a starred expression standing alone where a value is needed.
pub fn no_bare_star<'a>(e: Node) -> Res<'a, Node> {
    if let ExprKind::Starred(_) = e.expr.kind {
        let span = e.expr.span;
        return fail("can't use starred expression here", span.start, span.end);
    }
    Ok(e)
}

pub fn starred<'a>(value: Node, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = value.depth + 1;
    node(ExprKind::Starred(Box::new(value.expr)), lo, hi, depth)
}

/// One `for target in iter if cond...` clause, with its depth.
pub struct Clause {
    comprehension: Comprehension,
    depth: u32,
}

pub fn clause<'a>(target: Node, iter: Node, ifs: Vec<Node>) -> Res<'a, Clause> {
    target::check_store(&target.expr, false).map_err(user)?;
    let (ifs, ifs_depth) = exprs(ifs);
    let depth = target.depth.max(iter.depth).max(ifs_depth);
    let comprehension = Comprehension {
        target: target.expr,
        iter: iter.expr,
        ifs,
    };
    Ok(Clause {
        comprehension,
        depth,
    })
}

pub fn list_comp<'a>(elt: Node, clauses: Vec<Clause>, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = clauses.iter().map(|c| c.depth).fold(elt.depth, u32::max);
    let generators = clauses.into_iter().map(|c| c.comprehension).collect();
    let kind = ExprKind::ListComp {
        elt: Box::new(elt.expr),
        generators,
    };
    node(kind, lo, hi, depth + 1)
}

pub fn dict<'a>(pairs: Vec<(Node, Node)>, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = pairs
        .iter()
        .map(|(k, v)| k.depth.max(v.depth))
        .max()
        .unwrap_or(0);
    let pairs = pairs.into_iter().map(|(k, v)| (k.expr, v.expr)).collect();
    node(ExprKind::Dict(pairs), lo, hi, depth + 1)
}

pub fn bin<'a>(left: Node, op: BinOp, right: Node, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = left.depth.max(right.depth) + 1;
    let kind = ExprKind::BinOp {
        op,
        left: Box::new(left.expr),
        right: Box::new(right.expr),
    };
    node(kind, lo, hi, depth)
}

pub fn unary<'a>(op: UnaryOp, operand: Node, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = operand.depth + 1;
    let kind = ExprKind::UnaryOp {
        op,
        operand: Box::new(operand.expr),
    };
    node(kind, lo, hi, depth)
}

pub fn bool_op<'a>(
    op: BoolOp,
    first: Node,
    rest: Vec<Node>,
    lo: usize,
    hi: usize,
) -> Res<'a, Node> {
    let (values, depth) = exprs(super::prepend(first, rest));
    node(ExprKind::BoolOp { op, values }, lo, hi, depth + 1)
}

pub fn compare<'a>(left: Node, rest: Vec<(CmpOp, Node)>, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = rest.iter().map(|(_, n)| n.depth).fold(left.depth, u32::max);
    let ops = rest.into_iter().map(|(op, n)| (op, n.expr)).collect();
    let kind = ExprKind::Compare {
        left: Box::new(left.expr),
        ops,
    };
    node(kind, lo, hi, depth + 1)
}

pub fn if_exp<'a>(body: Node, test: Node, orelse: Node, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = body.depth.max(test.depth).max(orelse.depth) + 1;
    let kind = ExprKind::IfExp {
        test: Box::new(test.expr),
        body: Box::new(body.expr),
        orelse: Box::new(orelse.expr),
    };
    node(kind, lo, hi, depth)
}

pub fn lambda<'a>(params: Vec<Param>, body: Node, lo: usize, hi: usize) -> Res<'a, Node> {
    super::stmt::check_params(&params).map_err(user)?;
    let depth = body.depth + 1;
    let kind = ExprKind::Lambda {
        params,
        body: Box::new(body.expr),
    };
    node(kind, lo, hi, depth)
}

pub fn attribute<'a>(value: Node, attr: &str, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = value.depth + 1;
    let kind = ExprKind::Attribute {
        value: Box::new(value.expr),
        attr: attr.to_string(),
    };
    node(kind, lo, hi, depth)
}

pub fn subscript<'a>(value: Node, index: Node, lo: usize, hi: usize) -> Res<'a, Node> {
    let depth = value.depth.max(index.depth) + 1;
    let kind = ExprKind::Subscript {
        value: Box::new(value.expr),
        index: Box::new(index.expr),
    };
    node(kind, lo, hi, depth)
}

/// A lone index; `a[*b]` means `a[(*b,)]`.
pub fn index<'a>(index: Node) -> Res<'a, Node> {
    if let ExprKind::Starred(_) = index.expr.kind {
        let span = index.expr.span;
        return tuple(vec![index], span.start, span.end);
    }
    Ok(index)
}

pub fn slice<'a>(
    lower: Option<Node>,
    upper: Option<Node>,
    step: Option<Option<Node>>,
    lo: usize,
    hi: usize,
) -> Res<'a, Node> {
    let step = step.flatten();
    let depth = [&lower, &upper, &step]
        .iter()
        .filter_map(|n| n.as_ref().map(|n| n.depth))
        .max()
        .unwrap_or(0);
    let boxed = |n: Option<Node>| n.map(|n| Box::new(n.expr));
    let kind = ExprKind::Slice {
        lower: boxed(lower),
        upper: boxed(upper),
        step: boxed(step),
    };
    node(kind, lo, hi, depth + 1)
}

/// One argument of a call, as written.
pub enum ArgItem {
    Positional(Node),
    Keyword(String, Node, Span),
    /// A form npview does not implement, named for the error message.
    Unsupported(&'static str, Span),
}

pub fn keyword(name: &str, value: Node, lo: usize, hi: usize) -> ArgItem {
    ArgItem::Keyword(name.to_string(), value, Span::new(lo, hi))
}

pub fn unsupported_arg(what: &'static str, lo: usize, hi: usize) -> ArgItem {
    ArgItem::Unsupported(what, Span::new(lo, hi))
}

pub fn call<'a>(func: Node, items: Vec<ArgItem>, lo: usize, hi: usize) -> Res<'a, Node> {
    let mut depth = func.depth;
    let mut args = Vec::with_capacity(items.len());
    let mut keywords = HashSet::new();
    for item in items {
        match item {
            ArgItem::Positional(n) => {
                let starred = matches!(n.expr.kind, ExprKind::Starred(_));
                if !keywords.is_empty() && !starred {
                    let span = n.expr.span;
                    let message = "positional argument follows keyword argument";
                    return fail(message, span.start, span.end);
                }
                depth = depth.max(n.depth);
                args.push(Arg::Positional(n.expr));
            }
            ArgItem::Keyword(name, value, span) => {
                if !keywords.insert(name.clone()) {
                    let message = format!("keyword argument repeated: {name}");
                    return fail(message, span.start, span.end);
                }
                depth = depth.max(value.depth);
                args.push(Arg::Keyword {
                    name,
                    value: value.expr,
                    span,
                });
            }
            ArgItem::Unsupported(what, span) => {
                return super::unsupported(what, span.start, span.end);
            }
        }
    }
    let kind = ExprKind::Call {
        func: Box::new(func.expr),
        args,
    };
    node(kind, lo, hi, depth + 1)
}
