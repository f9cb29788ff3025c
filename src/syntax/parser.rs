//! Entry point of the front end: source text to a list of statements.
//!
//! Glue only: the lexer feeds the generated LALRPOP parser, parse failures
//! are described by `diagnose`, and the finished tree goes through the
//! checks Python makes after parsing (`check`).

use super::ast::{Span, Stmt};
use super::check;
use super::diagnose::{self, Origin};
use super::grammar_util::Node;
use super::lexer::Lexer;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused_parens, dead_code)]
    grammar
);

/// Which Python exception a syntax problem is reported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

#[derive(Clone, Debug)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    pub span: Span,
    /// True when more input could complete the program (an open bracket, a
    /// block header without a body): the REPL then asks for another line.
    pub incomplete: bool,
}

impl SyntaxError {
    /// A plain `SyntaxError` that more input would not fix.
    pub(crate) fn new(message: impl Into<String>, span: Span) -> Self {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            message: message.into(),
            span,
            incomplete: false,
        }
    }

    pub(crate) fn with_kind(self, kind: SyntaxErrorKind) -> Self {
        SyntaxError { kind, ..self }
    }

    pub(crate) fn incomplete(self) -> Self {
        SyntaxError {
            incomplete: true,
            ..self
        }
    }
}

/// Parses a whole program.
pub fn parse_program(src: &str) -> Result<Vec<Stmt>, SyntaxError> {
    let stmts = grammar::ProgramParser::new()
        .parse(src, Lexer::new(src))
        .map_err(|e| continuation_at_end(src, diagnose::describe(src, Origin::Program, e)))?;
    check::check_program(&stmts)?;
    Ok(stmts)
}

/// A `\` joining the last line to nothing: CPython reports the end of input,
/// and more input (in the REPL) would complete it.
fn continuation_at_end(src: &str, error: SyntaxError) -> SyntaxError {
    let body = src.trim_end_matches(['\n', '\r']);
    let joins_nothing = body.len() < src.len() && body.ends_with('\\');
    if joins_nothing && error.span.start + 1 >= body.len() {
        let at = Span::new(body.len() - 1, body.len());
        return SyntaxError::new("unexpected EOF while parsing", at).incomplete();
    }
    error
}

/// Parses the expression of an f-string field, `src[start..end]`, as if it
/// were parenthesised. Spans are offsets into `src`.
pub(crate) fn parse_field(src: &str, start: usize, end: usize) -> Result<Node, SyntaxError> {
    grammar::FieldParser::new()
        .parse(src, Lexer::for_field(src, start, end))
        .map_err(|e| {
            let mut error = diagnose::describe(src, Origin::Field { start, end }, e);
            if !error.message.starts_with("f-string") {
                error.message = format!("f-string: {}", error.message);
            }
            error.incomplete = false;
            error
        })
}
