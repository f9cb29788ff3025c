//! Rules Python enforces on a parsed program before running it: `return`
//! only inside a function, `break` and `continue` only inside a loop.
//!
//! These are reported as syntax errors before anything runs, so a script
//! with a misplaced `break` prints nothing, as under CPython.

use super::ast::{Stmt, StmtKind};
use super::parser::SyntaxError;

/// What encloses a statement.
#[derive(Clone, Copy)]
struct Scope {
    in_function: bool,
    in_loop: bool,
}

/// Checks a whole program; the first problem in source order wins.
pub fn check_program(stmts: &[Stmt]) -> Result<(), SyntaxError> {
    let top = Scope {
        in_function: false,
        in_loop: false,
    };
    check_block(stmts, top)
}

fn check_block(stmts: &[Stmt], scope: Scope) -> Result<(), SyntaxError> {
    stmts.iter().try_for_each(|s| check_stmt(s, scope))
}

fn check_stmt(stmt: &Stmt, scope: Scope) -> Result<(), SyntaxError> {
    let in_loop = Scope {
        in_loop: true,
        ..scope
    };
    match &stmt.kind {
        StmtKind::Return(_) if !scope.in_function => {
            Err(SyntaxError::new("'return' outside function", stmt.span))
        }
        StmtKind::Break if !scope.in_loop => {
            Err(SyntaxError::new("'break' outside loop", stmt.span))
        }
        StmtKind::Continue if !scope.in_loop => Err(SyntaxError::new(
            "'continue' not properly in loop",
            stmt.span,
        )),
        StmtKind::If { branches, orelse } => {
            for (_, body) in branches {
                check_block(body, scope)?;
            }
            orelse.iter().try_for_each(|b| check_block(b, scope))
        }
        StmtKind::While { body, .. } | StmtKind::For { body, .. } => check_block(body, in_loop),
        StmtKind::FunctionDef(def) => {
            let inner = Scope {
                in_function: true,
                in_loop: false,
            };
            check_block(&def.body, inner)
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finally,
        } => {
            check_block(body, scope)?;
            for h in handlers {
                check_block(&h.body, scope)?;
            }
            orelse.iter().try_for_each(|b| check_block(b, scope))?;
            finally.iter().try_for_each(|b| check_block(b, scope))
        }
        _ => Ok(()),
    }
}
