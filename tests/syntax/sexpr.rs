//! A compact S-expression rendering of the AST, so that tests can state the
//! shape of a parse in one readable line.

use npview::syntax::ast::{
    Arg, BinOp, BoolOp, CmpOp, ExceptHandler, Expr, ExprKind, FStringPart, Param, Stmt, StmtKind,
    UnaryOp,
};

pub fn stmts(stmts: &[Stmt]) -> String {
    stmts.iter().map(stmt).collect::<Vec<_>>().join(" ")
}

fn block(body: &[Stmt]) -> String {
    format!("[{}]", stmts(body))
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn opt(e: &Option<Expr>) -> String {
    e.as_ref().map_or("_".to_string(), expr)
}

fn params(ps: &[Param]) -> String {
    let ps: Vec<_> = ps
        .iter()
        .map(|p| match &p.default {
            Some(d) => format!("({} {})", p.name, expr(d)),
            None => p.name.clone(),
        })
        .collect();
    format!("({})", ps.join(" "))
}

pub fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => expr(e),
        StmtKind::Assign { targets, value } => format!("(= {} {})", list(targets), expr(value)),
        StmtKind::AugAssign { target, op, value } => {
            format!("({}= {} {})", op.symbol(), expr(target), expr(value))
        }
        StmtKind::Del(targets) => format!("(del {})", list(targets)),
        StmtKind::Pass => "pass".into(),
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::If { branches, orelse } => {
            let mut parts: Vec<String> = branches
                .iter()
                .map(|(c, b)| format!("{} {}", expr(c), block(b)))
                .collect();
            if let Some(b) = orelse {
                parts.push(format!("else {}", block(b)));
            }
            format!("(if {})", parts.join(" "))
        }
        StmtKind::While { cond, body } => format!("(while {} {})", expr(cond), block(body)),
        StmtKind::For { target, iter, body } => {
            format!("(for {} {} {})", expr(target), expr(iter), block(body))
        }
        StmtKind::FunctionDef(def) => {
            format!(
                "(def {} {} {})",
                def.name,
                params(&def.params),
                block(&def.body)
            )
        }
        StmtKind::Return(v) => match v {
            Some(v) => format!("(return {})", expr(v)),
            None => "(return)".into(),
        },
        StmtKind::Assert { test, msg } => format!("(assert {} {})", expr(test), opt(msg)),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            let mut parts = vec![block(body)];
            parts.extend(handlers.iter().map(handler));
            if let Some(b) = orelse {
                parts.push(format!("else {}", block(b)));
            }
            if let Some(b) = finally {
                parts.push(format!("finally {}", block(b)));
            }
            format!("(try {})", parts.join(" "))
        }
        StmtKind::Raise(e) => match e {
            Some(e) => format!("(raise {})", expr(e)),
            None => "(raise)".into(),
        },
        StmtKind::Import { module, alias } => match alias {
            Some(a) => format!("(import {} as {a})", module.join(".")),
            None => format!("(import {})", module.join(".")),
        },
        StmtKind::ImportFrom { module, names } => {
            let names: Vec<_> = names
                .iter()
                .map(|(n, a)| match a {
                    Some(a) => format!("({n} {a})"),
                    None => n.clone(),
                })
                .collect();
            format!("(from {} {})", module.join("."), names.join(" "))
        }
        StmtKind::Global(names) => format!("(global {})", names.join(" ")),
    }
}

fn handler(h: &ExceptHandler) -> String {
    let class = h.class.as_ref().map_or("_".to_string(), expr);
    let name = h.name.clone().unwrap_or_else(|| "_".into());
    format!("(except {class} {name} {})", block(&h.body))
}

fn binop(op: BinOp) -> &'static str {
    op.symbol()
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is-not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not-in",
    }
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Int(v) => v.to_string(),
        ExprKind::BigInt(v) => v.to_string(),
        ExprKind::Float(v) => format!("{v:?}"),
        ExprKind::Imag(v) => format!("{v:?}j"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::FString(parts) => {
            let parts: Vec<_> = parts
                .iter()
                .map(|p| match p {
                    FStringPart::Literal(s) => format!("{s:?}"),
                    FStringPart::Expr {
                        expr: e,
                        conversion,
                        spec,
                    } => {
                        let mut out = format!("{{{}", expr(e));
                        if let Some(c) = conversion {
                            out.push_str(&format!(" !{c}"));
                        }
                        if let Some(s) = spec {
                            out.push_str(&format!(" :{s}"));
                        }
                        out.push('}');
                        out
                    }
                })
                .collect();
            format!("(f {})", parts.join(" "))
        }
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.into(),
        ExprKind::None => "None".into(),
        ExprKind::Ellipsis => "...".into(),
        ExprKind::List(items) => format!("(list {})", list(items)).replace(" )", ")"),
        ExprKind::Tuple(items) => format!("(tuple {})", list(items)).replace(" )", ")"),
        ExprKind::Dict(pairs) => {
            let pairs: Vec<_> = pairs
                .iter()
                .map(|(k, v)| format!("({} {})", expr(k), expr(v)))
                .collect();
            format!("(dict {})", pairs.join(" ")).replace(" )", ")")
        }
        ExprKind::ListComp { elt, generators } => {
            let gens: Vec<_> = generators
                .iter()
                .map(|g| {
                    let ifs: String = g.ifs.iter().map(|c| format!(" (if {})", expr(c))).collect();
                    format!("(for {} {}{ifs})", expr(&g.target), expr(&g.iter))
                })
                .collect();
            format!("(listcomp {} {})", expr(elt), gens.join(" "))
        }
        ExprKind::Attribute { value, attr } => format!("(. {} {attr})", expr(value)),
        ExprKind::Subscript { value, index } => format!("(sub {} {})", expr(value), expr(index)),
        ExprKind::Slice { lower, upper, step } => {
            let part = |p: &Option<Box<Expr>>| p.as_deref().map_or("_".to_string(), expr);
            format!("(slice {} {} {})", part(lower), part(upper), part(step))
        }
        ExprKind::Call { func, args } => {
            let mut out = format!("(call {}", expr(func));
            for a in args {
                out.push(' ');
                out.push_str(&match a {
                    Arg::Positional(e) => expr(e),
                    Arg::Keyword { name, value, .. } => format!("({name}= {})", expr(value)),
                });
            }
            out.push(')');
            out
        }
        ExprKind::BinOp { op, left, right } => {
            format!("({} {} {})", binop(*op), expr(left), expr(right))
        }
        ExprKind::UnaryOp { op, operand } => {
            let op = match op {
                UnaryOp::Neg => "neg",
                UnaryOp::Pos => "pos",
                UnaryOp::Invert => "~",
                UnaryOp::Not => "not",
            };
            format!("({op} {})", expr(operand))
        }
        ExprKind::BoolOp { op, values } => {
            let op = match op {
                BoolOp::And => "and",
                BoolOp::Or => "or",
            };
            format!("({op} {})", list(values))
        }
        ExprKind::Compare { left, ops } => {
            let rest: String = ops
                .iter()
                .map(|(op, e)| format!(" {} {}", cmpop(*op), expr(e)))
                .collect();
            format!("(cmp {}{rest})", expr(left))
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("(ifexp {} {} {})", expr(test), expr(body), expr(orelse))
        }
        ExprKind::Lambda { params: ps, body } => format!("(lambda {} {})", params(ps), expr(body)),
        ExprKind::Starred(e) => format!("(* {})", expr(e)),
    }
}
