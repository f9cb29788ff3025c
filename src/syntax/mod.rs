//! Source text to AST: tokens (logos), indentation, the LALRPOP grammar.
//!
//! `token` recognises raw tokens, with `literal` and `fstring` scanning
//! numbers and strings; `lexer` adds Python's line structure; the grammar
//! (`grammar/grammar.lalrpop`, helped by `grammar_util`) builds the tree;
//! `diagnose` words parse failures as CPython does; `check` applies the
//! rules Python enforces after parsing.

pub mod ast;
mod check;
mod diagnose;
mod fstring;
mod grammar_util;
mod lexer;
mod literal;
pub mod parser;
mod token;

pub use grammar_util::MAX_EXPR_DEPTH;
pub use parser::{parse_program, SyntaxError, SyntaxErrorKind};
