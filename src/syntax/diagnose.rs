//! Wording a parse failure the way CPython 3.11 does.
//!
//! The generated parser only says which token it did not expect and which
//! terminals it would have accepted. To say more (`expected ':'`, `expected
//! an indented block after 'if' statement on line 3`, `Perhaps you forgot a
//! comma?`), the source is lexed again up to the failing token to recover
//! its context: the token before it, the first token of its line, the open
//! brackets. Lexing goes on to the end, because, as in CPython, a later
//! lexical error (an unterminated string, a bracket never closed) is the
//! more useful report. Failures are rare, so this costs nothing on the
//! happy path.

use std::mem::discriminant;

use lalrpop_util::ParseError;

use super::ast::Span;
use super::lexer::{line_of, Lexer, Spanned};
use super::parser::{SyntaxError, SyntaxErrorKind};
use super::token::Token;

/// What was being parsed when the failure happened.
#[derive(Clone, Copy, Debug)]
pub enum Origin {
    Program,
    /// The expression of an f-string field at `start..end`.
    Field {
        start: usize,
        end: usize,
    },
}

type Failure<'a> = ParseError<usize, Token<'a>, SyntaxError>;

/// The syntax error to report for a failed parse of `src`.
pub fn describe(src: &str, origin: Origin, failure: Failure) -> SyntaxError {
    let target = match &failure {
        ParseError::UnrecognizedToken { token, .. } | ParseError::ExtraToken { token } => {
            Some(token.clone())
        }
        _ => None,
    };
    let scan = Scan::run(src, origin, target.as_ref());
    let primary = match failure {
        ParseError::User { error } => error,
        ParseError::UnrecognizedEof { location, expected } => {
            at_end(src, &scan.context, location, &expected)
        }
        ParseError::UnrecognizedToken { token, expected } => {
            unexpected(src, &scan.context, &token, &expected)
        }
        ParseError::InvalidToken { location } => {
            SyntaxError::new("invalid syntax", Span::new(location, location))
        }
        ParseError::ExtraToken { token: (l, _, r) } => {
            SyntaxError::new("invalid syntax", Span::new(l, r))
        }
    };
    let Some(later) = scan.later else {
        return primary;
    };
    if matches!(
        primary.message.as_str(),
        "unexpected indent" | "unexpected unindent"
    ) {
        return primary;
    }
    if !later.message.ends_with("was never closed") {
        return later;
    }
    // An unclosed bracket explains a failure on a later line. On its own
    // line, it explains a failure inside it, or just before it, where an
    // expression could begin: CPython reads on from there, trying to parse
    // one, and runs out of input inside the bracket.
    let bracket = later.span.start;
    let expression_could_start = target.as_ref().is_some_and(|t| t.1.starts_expression());
    let reaches_bracket = match &target {
        Some((start, _, _)) => bracket <= *start || Some(bracket) == scan.next_start,
        None => false,
    };
    if line_of(src, bracket) < line_of(src, primary.span.start)
        || (expression_could_start && reaches_bracket)
    {
        later
    } else {
        primary
    }
}

/// An open bracket: which one, and does it hold a call's arguments?
#[derive(Clone, Copy, Debug)]
struct Open {
    brace: bool,
    call: bool,
}

/// The surroundings of the failing token.
#[derive(Clone, Debug, Default)]
struct Context<'a> {
    /// The token just before it.
    prev: Option<Spanned<'a>>,
    /// The first token of its logical line, or of the line before when it
    /// begins a line itself.
    head: Option<Spanned<'a>>,
    /// It is the first token of a logical line.
    line_start: bool,
    /// Brackets open before it (an f-string field counts as one).
    brackets: Vec<Open>,
    field: bool,
}

impl Context<'_> {
    fn depth(&self) -> usize {
        self.brackets.len() + usize::from(self.field)
    }
}

struct Scan<'a> {
    context: Context<'a>,
    /// Where the token after the failing one starts.
    next_start: Option<usize>,
    /// The first lexical error anywhere in the input.
    later: Option<SyntaxError>,
}

impl<'a> Scan<'a> {
    fn run(src: &'a str, origin: Origin, target: Option<&Spanned>) -> Self {
        let (mut lexer, field) = match origin {
            Origin::Program => (Lexer::new(src), false),
            Origin::Field { start, end } => (Lexer::for_field(src, start, end), true),
        };
        let mut now = Context {
            line_start: !field,
            field,
            ..Context::default()
        };
        let mut found = None;
        let mut next_start = None;
        let mut later = None;
        for item in &mut lexer {
            let (l, token, r) = match item {
                Ok(t) => t,
                Err(e) => {
                    later = Some(e);
                    break;
                }
            };
            if found.is_some() && next_start.is_none() {
                next_start = Some(l);
            }
            if found.is_none() && target.is_some_and(|t| same(t, &(l, token.clone(), r))) {
                found = Some(now.clone());
            }
            match token {
                Token::Newline => now.line_start = true,
                Token::Indent | Token::Dedent => {}
                _ if now.line_start => {
                    now.head = Some((l, token.clone(), r));
                    now.line_start = false;
                }
                _ => {}
            }
            match token {
                Token::LPar | Token::LSqb | Token::LBrace => {
                    let call = token == Token::LPar
                        && now.prev.as_ref().is_some_and(|p| p.1.ends_expression());
                    let brace = token == Token::LBrace;
                    now.brackets.push(Open { brace, call });
                }
                Token::RPar | Token::RSqb | Token::RBrace => {
                    now.brackets.pop();
                }
                _ => {}
            }
            now.prev = Some((l, token, r));
        }
        Scan {
            context: found.unwrap_or(now),
            next_start,
            later,
        }
    }
}

fn same(a: &Spanned, b: &Spanned) -> bool {
    a.0 == b.0 && a.2 == b.2 && discriminant(&a.1) == discriminant(&b.1)
}

/// A terminal as the grammar spells it, without the quotes lalrpop adds.
fn terminal(expected: &str) -> &str {
    expected
        .strip_prefix('"')
        .and_then(|e| e.strip_suffix('"'))
        .unwrap_or(expected)
}

fn expects(expected: &[String], wanted: &str) -> bool {
    expected.iter().any(|e| terminal(e) == wanted)
}

/// The parser wanted more input than there was.
fn at_end(src: &str, cx: &Context, location: usize, expected: &[String]) -> SyntaxError {
    let span = Span::new(location, location);
    if cx.field {
        // A field's text is complete; running out of it is just bad syntax.
        return SyntaxError::new("invalid syntax", span);
    }
    let error = if expects(expected, "INDENT") {
        block_expected(src, cx, span)
    } else if expects(expected, "except") || expects(expected, "finally") {
        SyntaxError::new("expected 'except' or 'finally' block", span)
    } else {
        SyntaxError::new("unexpected EOF while parsing", span)
    };
    error.incomplete()
}

/// The parser met a token it could not use.
fn unexpected(src: &str, cx: &Context, token: &Spanned, expected: &[String]) -> SyntaxError {
    let (l, tok, r) = token;
    let span = Span::new(*l, *r);
    let error = |message: &str| SyntaxError::new(message, span);
    match tok {
        Token::Indent => {
            return error("unexpected indent").with_kind(SyntaxErrorKind::IndentationError)
        }
        _ if expects(expected, "INDENT") => return block_expected(src, cx, span),
        Token::Dedent => {
            return error("unexpected unindent").with_kind(SyntaxErrorKind::IndentationError)
        }
        Token::Unsupported(word) => return error(&format!("npview does not support '{word}'")),
        Token::Walrus => return error("npview does not support ':='"),
        Token::At if cx.line_start => return error("decorators are not supported"),
        _ => {}
    }
    let starts_statement = expects(expected, "pass");
    if expects(expected, "else") && !expects(expected, "elif") && !starts_statement {
        return error("expected 'else' after 'if' expression");
    }
    let prev = cx.prev.as_ref().map(|p| &p.1);
    if *tok == Token::Assign {
        if cx.brackets.last().is_some_and(|b| b.call) {
            return error("expression cannot contain assignment, perhaps you meant \"==\"?");
        }
        if matches!(prev, Some(Token::Name(_))) {
            return error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        }
    }
    if (expects(expected, "except") || expects(expected, "finally")) && !starts_statement {
        return error("expected 'except' or 'finally' block");
    }
    let in_header = cx
        .head
        .as_ref()
        .is_some_and(|h| h.1.block_keyword().is_some());
    let only_colon = expected.iter().all(|e| matches!(terminal(e), ":" | "->"));
    if expects(expected, ":") && ((*tok == Token::Newline && in_header) || only_colon) {
        if cx.brackets.last().is_some_and(|b| b.brace) {
            return error("':' expected after dictionary key");
        }
        return error("expected ':'");
    }
    // `print x`: the statement's first token is `print`, the failing one
    // the second.
    if let (Some((at, Token::Name(word @ ("print" | "exec")), _)), Some(before)) =
        (&cx.head, &cx.prev)
    {
        if *at == before.0 && !cx.line_start && tok.starts_operand() {
            let message =
                format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?");
            return SyntaxError::new(message, Span::new(*at, *r));
        }
    }
    let name_then_string = matches!(prev, Some(Token::Name(_))) && matches!(tok, Token::Str(_));
    if cx.depth() > 0
        && prev.is_some_and(Token::ends_expression)
        && tok.starts_operand()
        && !name_then_string
    {
        return error("invalid syntax. Perhaps you forgot a comma?");
    }
    error("invalid syntax")
}

/// `expected an indented block after 'if' statement on line 3`.
fn block_expected(src: &str, cx: &Context, span: Span) -> SyntaxError {
    let message = match &cx.head {
        Some((start, head, _)) => {
            let what = match head.block_keyword() {
                Some("def") => "function definition".to_string(),
                Some(word) => format!("'{word}' statement"),
                None => "this statement".to_string(),
            };
            format!(
                "expected an indented block after {what} on line {}",
                line_of(src, *start)
            )
        }
        None => "expected an indented block".to_string(),
    };
    SyntaxError::new(message, span).with_kind(SyntaxErrorKind::IndentationError)
}
