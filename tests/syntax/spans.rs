//! Every node's span is the exact source text it was parsed from.

use npview::syntax::ast::{Arg, Expr, ExprKind, FStringPart, Span, Stmt, StmtKind};
use npview::syntax::parse_program;

fn text(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

fn program(src: &str) -> Vec<Stmt> {
    match parse_program(src) {
        Ok(stmts) => stmts,
        Err(e) => panic!("{src:?}: {}", e.message),
    }
}

/// The first statement's expression (or assigned value).
fn first_expr(stmts: &[Stmt]) -> &Expr {
    match &stmts[0].kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { value, .. } => value,
        other => panic!("not an expression statement: {other:?}"),
    }
}

/// All sub-expressions in pre-order, with their source text.
fn walk<'a>(src: &'a str, e: &Expr, out: &mut Vec<&'a str>) {
    out.push(text(src, e.span));
    let mut visit = |c: &Expr| walk(src, c, out);
    match &e.kind {
        ExprKind::BinOp { left, right, .. } => {
            visit(left);
            visit(right);
        }
        ExprKind::UnaryOp { operand, .. } => visit(operand),
        ExprKind::Call { func, args } => {
            visit(func);
            for a in args {
                match a {
                    Arg::Positional(e) => visit(e),
                    Arg::Keyword { value, .. } => visit(value),
                }
            }
        }
        ExprKind::Subscript { value, index } => {
            visit(value);
            visit(index);
        }
        ExprKind::Attribute { value, .. } => visit(value),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(visit),
        ExprKind::Slice { lower, upper, step } => {
            for part in [lower, upper, step].into_iter().flatten() {
                visit(part);
            }
        }
        ExprKind::Compare { left, ops } => {
            visit(left);
            ops.iter().for_each(|(_, e)| visit(e));
        }
        ExprKind::BoolOp { values, .. } => values.iter().for_each(visit),
        ExprKind::Starred(e) => visit(e),
        ExprKind::FString(parts) => {
            for p in parts {
                if let FStringPart::Expr { expr, .. } = p {
                    visit(expr);
                }
            }
        }
        _ => {}
    }
}

fn spans(src: &str) -> Vec<&str> {
    let stmts = program(src);
    let mut out = Vec::new();
    walk(src, first_expr(&stmts), &mut out);
    out
}

#[test]
fn binary_operators_span_both_operands() {
    assert_eq!(spans("a + b * c"), ["a + b * c", "a", "b * c", "b", "c"]);
    assert_eq!(
        spans("(a + b) * c"),
        ["(a + b) * c", "a + b", "a", "b", "c"]
    );
    assert_eq!(spans("-x ** 2"), ["-x ** 2", "x ** 2", "x", "2"]);
}

#[test]
fn calls_subscripts_attributes() {
    assert_eq!(
        spans("np.arange(6, dtype=t)"),
        ["np.arange(6, dtype=t)", "np.arange", "np", "6", "t"]
    );
    assert_eq!(
        spans("a[1:2, ::3]"),
        ["a[1:2, ::3]", "a", "1:2, ::3", "1:2", "1", "2", "::3", "3"]
    );
    assert_eq!(spans("a[:]"), ["a[:]", "a", ":"]);
    assert_eq!(spans("a[1:]"), ["a[1:]", "a", "1:", "1"]);
    assert_eq!(spans("a[()]"), ["a[()]", "a", "()"]);
    assert_eq!(
        spans("f ( x ) [ 0 ]"),
        ["f ( x ) [ 0 ]", "f ( x )", "f", "x", "0"]
    );
}

#[test]
fn keyword_argument_span() {
    let src = "f(a, key = 1)";
    let stmts = program(src);
    let ExprKind::Call { args, .. } = &first_expr(&stmts).kind else {
        panic!()
    };
    let Arg::Keyword { span, .. } = &args[1] else {
        panic!()
    };
    assert_eq!(text(src, *span), "key = 1");
}

#[test]
fn tuples_and_comparisons() {
    assert_eq!(spans("(1, 2)"), ["(1, 2)", "1", "2"]);
    assert_eq!(spans("1, 2,"), ["1, 2,", "1", "2"]);
    assert_eq!(spans("a < b < c"), ["a < b < c", "a", "b", "c"]);
    assert_eq!(spans("a and b"), ["a and b", "a", "b"]);
    assert_eq!(spans("[*a]"), ["[*a]", "*a", "a"]);
}

#[test]
fn fstring_fields_point_into_the_source() {
    assert_eq!(
        spans("x = f'a{b + 1}c{d!r}'"),
        ["f'a{b + 1}c{d!r}'", "b + 1", "b", "1", "d"]
    );
    assert_eq!(spans("'s' f\"{ y }\""), ["'s' f\"{ y }\"", "y"]);
}

#[test]
fn statement_spans_exclude_the_newline() {
    let src = "x = 1  # c\nif a:\n    b = 2\nelse:\n    c\n\ndef f(p=1):\n    return p\ny; z\n";
    let stmts = program(src);
    let texts: Vec<_> = stmts.iter().map(|s| text(src, s.span)).collect();
    assert_eq!(
        texts,
        [
            "x = 1",
            "if a:\n    b = 2\nelse:\n    c",
            "def f(p=1):\n    return p",
            "y",
            "z"
        ]
    );
    let StmtKind::FunctionDef(def) = &stmts[2].kind else {
        panic!()
    };
    assert_eq!(text(src, def.span), "def f(p=1)");
    assert_eq!(text(src, def.params[0].span), "p=1");
    assert_eq!(text(src, def.body[0].span), "return p");
}

#[test]
fn try_and_handler_spans() {
    let src = "try:\n    a\nexcept E as e:\n    b\n";
    let stmts = program(src);
    assert_eq!(
        text(src, stmts[0].span),
        "try:\n    a\nexcept E as e:\n    b"
    );
    let StmtKind::Try { handlers, .. } = &stmts[0].kind else {
        panic!()
    };
    assert_eq!(text(src, handlers[0].span), "except E as e:\n    b");
}

#[test]
fn spans_are_byte_offsets_after_non_ascii_text() {
    let src = "s = 'é€'; t = a+b";
    let stmts = program(src);
    assert_eq!(text(src, stmts[1].span), "t = a+b");
}
