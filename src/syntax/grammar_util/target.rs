//! Which expressions may be assigned to or deleted, and Python's messages
//! for the ones that may not.

use crate::syntax::ast::{Expr, ExprKind, UnaryOp};
use crate::syntax::parser::SyntaxError;

/// How Python names an expression in "cannot assign to ..." messages.
pub fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Name(_) => "name",
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_) => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::None => "None",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Call { .. } => "function call",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } | ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Starred(_) => "starred",
    }
}

/// Checks an assignment target. `sole` is true for the only target of a
/// plain `target = value`, where Python suspects a mistyped `==`.
pub fn check_store(e: &Expr, sole: bool) -> Result<(), SyntaxError> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let stars = items
                .iter()
                .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                .count();
            if stars > 1 {
                return Err(SyntaxError::new(
                    "multiple starred expressions in assignment",
                    e.span,
                ));
            }
            items.iter().try_for_each(|item| match &item.kind {
                ExprKind::Starred(inner) => check_store(inner, false),
                _ => check_store(item, false),
            })
        }
        ExprKind::Starred(_) => Err(SyntaxError::new(
            "starred assignment target must be in a list or tuple",
            e.span,
        )),
        _ if sole && looks_like_comparison_operand(e) => Err(SyntaxError::new(
            format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                describe(e)
            ),
            e.span,
        )),
        _ => Err(SyntaxError::new(
            format!("cannot assign to {}", describe(e)),
            e.span,
        )),
    }
}

/// Python offers the `==` hint only for operands of a comparison, which
/// excludes comparisons themselves, boolean operators, `not`, conditional
/// expressions, lambdas, and the constants `True`, `False`, `None`.
fn looks_like_comparison_operand(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Bool(_)
            | ExprKind::None
    )
}

/// Checks a `del` target.
pub fn check_delete(e: &Expr) -> Result<(), SyntaxError> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(check_delete),
        _ => Err(SyntaxError::new(
            format!("cannot delete {}", describe(e)),
            e.span,
        )),
    }
}

/// Checks the target of an augmented assignment.
pub fn check_augmented(e: &Expr) -> Result<(), SyntaxError> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        _ => Err(SyntaxError::new(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                describe(e)
            ),
            e.span,
        )),
    }
}
