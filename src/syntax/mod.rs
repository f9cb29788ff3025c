//! Source text to AST: tokens (logos), indentation, the LALRPOP grammar.

pub mod ast;
pub mod parser;

pub use parser::{parse_program, SyntaxError, SyntaxErrorKind};
