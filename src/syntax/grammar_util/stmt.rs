//! Building statements: assignments and their targets, blocks, function
//! definitions, imports, and the checks Python makes on them.

use std::collections::HashSet;
use std::rc::Rc;

use super::{expr::no_bare_star, fail, target, user, Node, Res};
use crate::syntax::ast::{BinOp, ExceptHandler, FunctionDef, Param, Span, Stmt, StmtKind};
use crate::syntax::parser::SyntaxError;

pub fn stmt(kind: StmtKind, lo: usize, hi: usize) -> Stmt {
    Stmt {
        kind,
        span: Span::new(lo, hi),
    }
}

/// Where a compound statement ends: with the last statement of its last
/// block (the header's end if the block is somehow empty).
fn end_of(block: &[Stmt], fallback: usize) -> usize {
    block.last().map_or(fallback, |s| s.span.end)
}

pub fn expr_stmt<'a>(e: Node, lo: usize, hi: usize) -> Res<'a, Stmt> {
    let e = no_bare_star(e)?;
    Ok(stmt(StmtKind::Expr(e.expr), lo, hi))
}

/// `t1 = t2 = ... = value`: `first` and `rest` are all the parts in order.
pub fn assign<'a>(first: Node, rest: Vec<Node>, lo: usize, hi: usize) -> Res<'a, Stmt> {
    let mut parts = super::prepend(first, rest);
    let Some(value) = parts.pop() else {
        return fail("invalid syntax", lo, hi);
    };
    let value = no_bare_star(value)?;
    let sole = parts.len() == 1;
    let mut targets = Vec::with_capacity(parts.len());
    for part in parts {
        target::check_store(&part.expr, sole).map_err(user)?;
        targets.push(part.expr);
    }
    let kind = StmtKind::Assign {
        targets,
        value: value.expr,
    };
    Ok(stmt(kind, lo, hi))
}

pub fn aug_assign<'a>(target: Node, op: BinOp, value: Node, lo: usize, hi: usize) -> Res<'a, Stmt> {
    target::check_augmented(&target.expr).map_err(user)?;
    let value = no_bare_star(value)?;
    let kind = StmtKind::AugAssign {
        target: target.expr,
        op,
        value: value.expr,
    };
    Ok(stmt(kind, lo, hi))
}

pub fn del<'a>(targets: Vec<Node>, lo: usize, hi: usize) -> Res<'a, Stmt> {
    let mut exprs = Vec::with_capacity(targets.len());
    for t in targets {
        target::check_delete(&t.expr).map_err(user)?;
        exprs.push(t.expr);
    }
    Ok(stmt(StmtKind::Del(exprs), lo, hi))
}

pub fn ret<'a>(value: Option<Node>, lo: usize, hi: usize) -> Res<'a, Stmt> {
    let value = value.map(no_bare_star).transpose()?;
    Ok(stmt(StmtKind::Return(value.map(|n| n.expr)), lo, hi))
}

pub fn raise(exc: Option<Node>, lo: usize, hi: usize) -> Stmt {
    stmt(StmtKind::Raise(exc.map(|n| n.expr)), lo, hi)
}

pub fn assert(test: Node, msg: Option<Node>, lo: usize, hi: usize) -> Stmt {
    let kind = StmtKind::Assert {
        test: test.expr,
        msg: msg.map(|n| n.expr),
    };
    stmt(kind, lo, hi)
}

pub fn global(names: Vec<&str>, lo: usize, hi: usize) -> Stmt {
    let names = names.into_iter().map(String::from).collect();
    stmt(StmtKind::Global(names), lo, hi)
}

pub fn import(module: Vec<&str>, alias: Option<&str>, lo: usize, hi: usize) -> Stmt {
    let kind = StmtKind::Import {
        module: module.into_iter().map(String::from).collect(),
        alias: alias.map(String::from),
    };
    stmt(kind, lo, hi)
}

pub fn import_from(
    module: Vec<&str>,
    names: Vec<(&str, Option<&str>)>,
    lo: usize,
    hi: usize,
) -> Stmt {
    let kind = StmtKind::ImportFrom {
        module: module.into_iter().map(String::from).collect(),
        names: names
            .into_iter()
            .map(|(n, a)| (n.to_string(), a.map(String::from)))
            .collect(),
    };
    stmt(kind, lo, hi)
}

/// The names of `from m import a, b`, which take a trailing comma only
/// inside parentheses.
pub fn no_trailing_comma<'a, T>(names: Vec<T>, comma: Option<(usize, usize)>) -> Res<'a, Vec<T>> {
    match comma {
        Some((lo, hi)) => fail(
            "trailing comma not allowed without surrounding parentheses",
            lo,
            hi,
        ),
        None => Ok(names),
    }
}

pub fn if_stmt(
    test: Node,
    body: Vec<Stmt>,
    elifs: Vec<(Node, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
    lo: usize,
) -> Stmt {
    let mut branches = Vec::with_capacity(elifs.len() + 1);
    branches.push((test.expr, body));
    branches.extend(elifs.into_iter().map(|(t, b)| (t.expr, b)));
    let hi = match &orelse {
        Some(block) => end_of(block, lo),
        None => branches.last().map_or(lo, |(_, b)| end_of(b, lo)),
    };
    stmt(StmtKind::If { branches, orelse }, lo, hi)
}

pub fn while_stmt(cond: Node, body: Vec<Stmt>, lo: usize) -> Stmt {
    let hi = end_of(&body, lo);
    let kind = StmtKind::While {
        cond: cond.expr,
        body,
    };
    stmt(kind, lo, hi)
}

pub fn for_stmt<'a>(target: Node, iter: Node, body: Vec<Stmt>, lo: usize) -> Res<'a, Stmt> {
    target::check_store(&target.expr, false).map_err(user)?;
    let iter = no_bare_star(iter)?;
    let hi = end_of(&body, lo);
    let kind = StmtKind::For {
        target: target.expr,
        iter: iter.expr,
        body,
    };
    Ok(stmt(kind, lo, hi))
}

pub fn handler(class: Option<(Node, Option<&str>)>, body: Vec<Stmt>, lo: usize) -> ExceptHandler {
    let (class, name) = match class {
        Some((c, n)) => (Some(c.expr), n.map(String::from)),
        None => (None, None),
    };
    let span = Span::new(lo, end_of(&body, lo));
    ExceptHandler {
        class,
        name,
        body,
        span,
    }
}

pub fn try_stmt<'a>(
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Option<Vec<Stmt>>,
    finally: Option<Vec<Stmt>>,
    lo: usize,
) -> Res<'a, Stmt> {
    let last = handlers.len().saturating_sub(1);
    if let Some(bare) = handlers.iter().take(last).find(|h| h.class.is_none()) {
        return fail(
            "default 'except:' must be last",
            bare.span.start,
            bare.span.end,
        );
    }
    let hi = [&finally, &orelse]
        .into_iter()
        .flatten()
        .next()
        .map(|block| end_of(block, lo))
        .or_else(|| handlers.last().map(|h| h.span.end))
        .unwrap_or_else(|| end_of(&body, lo));
    let kind = StmtKind::Try {
        body,
        handlers,
        orelse,
        finally,
    };
    Ok(stmt(kind, lo, hi))
}

pub fn param(name: &str, default: Option<Node>, lo: usize, hi: usize) -> Param {
    Param {
        name: name.to_string(),
        default: default.map(|n| n.expr),
        span: Span::new(lo, hi),
    }
}

/// Parameters: no duplicates, and no parameter without a default after
/// one with a default.
pub fn check_params(params: &[Param]) -> Result<(), SyntaxError> {
    let mut seen_default = false;
    let mut names = HashSet::with_capacity(params.len());
    for p in params {
        if !names.insert(p.name.as_str()) {
            let message = format!("duplicate argument '{}' in function definition", p.name);
            return Err(SyntaxError::new(message, p.span));
        }
        if p.default.is_some() {
            seen_default = true;
        } else if seen_default {
            let message = "non-default argument follows default argument";
            return Err(SyntaxError::new(message, p.span));
        }
    }
    Ok(())
}

/// `def name(params):` and its block; `header_hi` ends the `def` header.
pub fn func_def<'a>(
    name: &str,
    params: Vec<Param>,
    body: Vec<Stmt>,
    lo: usize,
    header_hi: usize,
) -> Res<'a, Stmt> {
    check_params(&params).map_err(user)?;
    let hi = end_of(&body, header_hi);
    let def = FunctionDef {
        name: name.to_string(),
        params,
        body,
        span: Span::new(lo, header_hi),
    };
    Ok(stmt(StmtKind::FunctionDef(Rc::new(def)), lo, hi))
}
