//! The token stream the grammar reads: raw logos tokens plus Python's
//! line structure.
//!
//! This layer owns logical lines and blocks: it turns line starts into
//! `Indent`/`Dedent` through a stack of indentation levels, drops newlines
//! inside brackets and on blank lines, checks bracket pairing, and ends the
//! input with a final `Newline` and the outstanding `Dedent`s. It does not
//! know what statements are; the grammar does.

use std::collections::VecDeque;

use logos::Logos;

use super::ast::Span;
use super::parser::{SyntaxError, SyntaxErrorKind};
use super::token::{LexError, Token};

/// A token with its absolute byte range, as the grammar consumes it.
pub type Spanned<'a> = (usize, Token<'a>, usize);

/// Brackets nest at most this deep (CPython's limit).
pub const MAX_BRACKET_DEPTH: usize = 200;
/// Blocks nest less deep than this (CPython's limit).
pub const MAX_INDENT_DEPTH: usize = 100;

/// The 1-based line number of a byte offset.
pub fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    let bytes = &src.as_bytes()[..end];
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && src.as_bytes().get(i + 1) != Some(&b'\n'))
        .count();
    1 + lf + lone_cr
}

/// The width of an indentation, measured twice: with tabs to the next
/// multiple of 8, and with tabs as one column. Python calls the mix
/// inconsistent when the two measures disagree about the order of levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Indentation {
    col: usize,
    alt: usize,
}

#[derive(Clone, Copy, Debug)]
struct Bracket {
    open: char,
    start: usize,
}

/// Whether the lexer reads a whole program or the expression of an
/// f-string field (which reads as if it were inside parentheses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Program,
    Field,
}

pub struct Lexer<'a> {
    src: &'a str,
    inner: logos::Lexer<'a, Token<'a>>,
    mode: Mode,
    pending: VecDeque<Spanned<'a>>,
    indents: Vec<Indentation>,
    brackets: Vec<Bracket>,
    /// The next token begins a logical line.
    at_line_start: bool,
    /// Where the current physical line begins.
    line_start: usize,
    finished: bool,
    /// The error that ended the input, reported once the tokens queued
    /// before it (a line's `Indent` or `Dedent`s) have been read.
    failure: Option<SyntaxError>,
}

impl<'a> Lexer<'a> {
    /// A lexer for a whole program.
    pub fn new(src: &'a str) -> Self {
        let mut inner = Token::lexer(src);
        // Editors on Windows may start a UTF-8 file with a byte order mark,
        // which Python ignores.
        let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
        inner.bump(bom);
        let mut lexer = Self::with_mode(src, inner, Mode::Program);
        lexer.line_start = bom;
        lexer
    }

    /// A lexer for the f-string field expression `src[start..end]`; spans
    /// stay absolute offsets into `src`.
    pub fn for_field(src: &'a str, start: usize, end: usize) -> Self {
        let end = end.min(src.len());
        let mut inner = Token::lexer(src.get(..end).unwrap_or(""));
        if start <= end && src.is_char_boundary(start) {
            inner.bump(start);
        }
        Self::with_mode(src, inner, Mode::Field)
    }

    fn with_mode(src: &'a str, inner: logos::Lexer<'a, Token<'a>>, mode: Mode) -> Self {
        Lexer {
            src,
            inner,
            mode,
            pending: VecDeque::new(),
            indents: vec![Indentation { col: 0, alt: 0 }],
            brackets: Vec::new(),
            at_line_start: mode == Mode::Program,
            line_start: 0,
            finished: false,
            failure: None,
        }
    }

    /// Reads raw tokens until at least one token is queued or the input ends.
    fn advance(&mut self) -> Result<(), SyntaxError> {
        loop {
            let Some(next) = self.inner.next() else {
                return self.end_of_input();
            };
            let span = self.inner.span();
            let is_newline = matches!(next, Ok(Token::Newline));
            if self.at_line_start && !is_newline {
                // The line's indentation comes before anything wrong in it.
                self.at_line_start = false;
                self.indent(span.start)?;
            }
            let token = match next {
                Ok(token) => token,
                Err(e) => return Err(self.lex_error(e, span.start, span.end)),
            };
            if is_newline {
                if !self.brackets.is_empty() || self.mode == Mode::Field {
                    continue;
                }
                if !self.at_line_start {
                    self.pending
                        .push_back((span.start, Token::Newline, span.end));
                    self.at_line_start = true;
                    self.line_start = span.end;
                    return Ok(());
                }
                // A blank or comment-only line.
                self.line_start = span.end;
                continue;
            }
            self.track_brackets(&token, span.start)?;
            self.pending.push_back((span.start, token, span.end));
            return Ok(());
        }
    }

    /// Compares the indentation of the line whose first token is at
    /// `first` with the block stack, queueing `Indent` or `Dedent`s.
    fn indent(&mut self, first: usize) -> Result<(), SyntaxError> {
        let here = measure(self.src.get(self.line_start..first).unwrap_or(""));
        let span = Span::new(self.line_start, first);
        let top = self
            .indents
            .last()
            .copied()
            .unwrap_or(Indentation { col: 0, alt: 0 });
        if here.col > top.col {
            if here.alt <= top.alt {
                return Err(tab_error(span));
            }
            if self.indents.len() >= MAX_INDENT_DEPTH {
                return Err(indentation_error("too many levels of indentation", span));
            }
            self.indents.push(here);
            self.pending
                .push_back((span.start, Token::Indent, span.end));
            return Ok(());
        }
        while self.indents.len() > 1 && self.indents.last().is_some_and(|t| here.col < t.col) {
            self.indents.pop();
            self.pending.push_back((first, Token::Dedent, first));
        }
        let top = self
            .indents
            .last()
            .copied()
            .unwrap_or(Indentation { col: 0, alt: 0 });
        if here.col != top.col {
            let message = "unindent does not match any outer indentation level";
            return Err(indentation_error(message, span));
        }
        if here.alt != top.alt {
            return Err(tab_error(span));
        }
        Ok(())
    }

    fn track_brackets(&mut self, token: &Token, start: usize) -> Result<(), SyntaxError> {
        let open = match token {
            Token::LPar => '(',
            Token::LSqb => '[',
            Token::LBrace => '{',
            Token::RPar | Token::RSqb | Token::RBrace => return self.close(token, start),
            _ => return Ok(()),
        };
        if self.brackets.len() >= MAX_BRACKET_DEPTH {
            let span = Span::new(start, start + 1);
            return Err(syntax_error("too many nested parentheses", span));
        }
        self.brackets.push(Bracket { open, start });
        Ok(())
    }

    fn close(&mut self, token: &Token, start: usize) -> Result<(), SyntaxError> {
        let close = match token {
            Token::RPar => ')',
            Token::RSqb => ']',
            _ => '}',
        };
        let span = Span::new(start, start + 1);
        let Some(open) = self.brackets.pop() else {
            return Err(syntax_error(format!("unmatched '{close}'"), span));
        };
        let expected = match open.open {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        if close == expected {
            return Ok(());
        }
        let mut message = format!(
            "closing parenthesis '{close}' does not match opening parenthesis '{}'",
            open.open
        );
        let open_line = line_of(self.src, open.start);
        if open_line != line_of(self.src, start) {
            message.push_str(&format!(" on line {open_line}"));
        }
        Err(syntax_error(message, span))
    }

    fn end_of_input(&mut self) -> Result<(), SyntaxError> {
        self.finished = true;
        let end = self.inner.span().end;
        if let Some(open) = self.brackets.last() {
            let span = Span::new(open.start, open.start + 1);
            let message = format!("'{}' was never closed", open.open);
            return Err(syntax_error(message, span).incomplete());
        }
        if self.mode == Mode::Field {
            return Ok(());
        }
        if !self.at_line_start {
            self.pending.push_back((end, Token::Newline, end));
        }
        for _ in 1..self.indents.len() {
            self.pending.push_back((end, Token::Dedent, end));
        }
        self.indents.truncate(1);
        Ok(())
    }

    /// Turns a logos-level error into a syntax error with Python's message.
    fn lex_error(&self, error: LexError, start: usize, end: usize) -> SyntaxError {
        match error {
            LexError::At {
                message,
                start,
                end,
                incomplete,
            } => SyntaxError {
                incomplete,
                ..syntax_error(message, Span::new(start, end))
            },
            LexError::Unrecognized => {
                let text = self.src.get(start..).unwrap_or("");
                let ch = text.chars().next().unwrap_or('\0');
                let span = Span::new(start, start + ch.len_utf8().max(end - start).max(1));
                if ch == '\\' {
                    let rest = text.get(1..).unwrap_or("");
                    if rest.trim().is_empty() {
                        return syntax_error("unexpected EOF while parsing", span).incomplete();
                    }
                    let message = "unexpected character after line continuation character";
                    return syntax_error(message, span);
                }
                syntax_error(unknown_char_message(ch), span)
            }
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<Spanned<'a>, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(token) = self.pending.pop_front() {
                return Some(Ok(token));
            }
            if self.finished {
                return self.failure.take().map(Err);
            }
            if let Err(e) = self.advance() {
                self.finished = true;
                self.failure = Some(e);
            }
        }
    }
}

fn measure(indent: &str) -> Indentation {
    let mut here = Indentation { col: 0, alt: 0 };
    for ch in indent.chars() {
        match ch {
            ' ' => {
                here.col += 1;
                here.alt += 1;
            }
            '\t' => {
                here.col = (here.col / 8 + 1) * 8;
                here.alt += 1;
            }
            '\x0c' => here = Indentation { col: 0, alt: 0 },
            _ => break,
        }
    }
    here
}

fn unknown_char_message(ch: char) -> String {
    if ch.is_ascii_graphic() {
        // `$`, `?`, `!` and the like: CPython reports them as plain
        // syntax errors.
        return "invalid syntax".to_string();
    }
    if ch.is_control() || ch.is_whitespace() {
        return format!("invalid non-printable character U+{:04X}", ch as u32);
    }
    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
}

fn syntax_error(message: impl Into<String>, span: Span) -> SyntaxError {
    SyntaxError::new(message, span)
}

fn indentation_error(message: &str, span: Span) -> SyntaxError {
    SyntaxError::new(message, span).with_kind(SyntaxErrorKind::IndentationError)
}

fn tab_error(span: Span) -> SyntaxError {
    let message = "inconsistent use of tabs and spaces in indentation";
    SyntaxError::new(message, span).with_kind(SyntaxErrorKind::TabError)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token stream as compact text, or the first error's message.
    fn lex(src: &str) -> String {
        let mut out = Vec::new();
        for item in Lexer::new(src) {
            match item {
                Ok((_, token, _)) => out.push(match token {
                    Token::Newline => "NL".to_string(),
                    Token::Indent => "IN".to_string(),
                    Token::Dedent => "DE".to_string(),
                    Token::Name(n) => n.to_string(),
                    other => format!("{other:?}"),
                }),
                Err(e) => {
                    out.push(format!("error: {}", e.message));
                    break;
                }
            }
        }
        out.join(" ")
    }

    fn error(src: &str) -> SyntaxError {
        match Lexer::new(src).find_map(Result::err) {
            Some(e) => e,
            None => panic!("no error for {src:?}"),
        }
    }

    #[test]
    fn blocks_become_indent_and_dedent() {
        assert_eq!(
            lex("if a:\n    b\n    if c:\n        d\ne\n"),
            "If a Colon NL IN b NL If c Colon NL IN d NL DE DE e NL"
        );
    }

    #[test]
    fn final_newline_and_dedents_at_end_of_input() {
        assert_eq!(lex("if a:\n  b"), "If a Colon NL IN b NL DE");
        assert_eq!(lex(""), "");
        assert_eq!(lex("\n\n# only a comment\n"), "");
    }

    #[test]
    fn blank_and_comment_lines_do_not_count() {
        assert_eq!(
            lex("if a:\n\n  # note\n        \n  b\n# back\n  \nc"),
            "If a Colon NL IN b NL DE c NL"
        );
    }

    #[test]
    fn newlines_inside_brackets_are_ignored() {
        assert_eq!(
            lex("f(a,\n      b)\n[\n]\n"),
            "f LPar a Comma b RPar NL LSqb RSqb NL"
        );
    }

    #[test]
    fn backslash_joins_lines() {
        assert_eq!(lex("a = \\\n  b\n"), "a Assign b NL");
        assert_eq!(
            lex("a = 1 \\\r\n+ 2"),
            "a Assign Number(Int(1)) Plus Number(Int(2)) NL"
        );
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        assert_eq!(lex("\u{feff}if a:\n  b"), "If a Colon NL IN b NL DE");
    }

    #[test]
    fn indentation_comes_before_errors_in_the_line() {
        assert_eq!(lex("a\n  )"), "a NL IN error: unmatched ')'");
        assert_eq!(
            lex("if a:\n  b\n'c"),
            "If a Colon NL IN b NL DE error: unterminated string literal (detected at line 3)"
        );
    }

    #[test]
    fn crlf_line_ends() {
        assert_eq!(
            lex("if a:\r\n  b\r\nc\r\n"),
            "If a Colon NL IN b NL DE c NL"
        );
    }

    #[test]
    fn indentation_errors() {
        let e = error("if a:\n    b\n  c\n");
        assert_eq!(e.kind, SyntaxErrorKind::IndentationError);
        assert_eq!(
            e.message,
            "unindent does not match any outer indentation level"
        );
        assert_eq!(e.span, Span::new(12, 14));
        for src in [
            "if a:\n\tb\n        c",
            "if a:\n        b\n\tc",
            "if a:\n  \tb\n\t  c",
        ] {
            let e = error(src);
            assert_eq!(e.kind, SyntaxErrorKind::TabError, "{src:?}");
            assert_eq!(
                e.message,
                "inconsistent use of tabs and spaces in indentation"
            );
        }
        // Consistent tabs are fine.
        assert_eq!(lex("if a:\n\tb\n\tc"), "If a Colon NL IN b NL c NL DE");
    }

    #[test]
    fn too_deep_indentation() {
        let nested = |levels: usize| {
            let mut src: String = (0..levels).map(|d| " ".repeat(d) + "if x:\n").collect();
            src.push_str(&" ".repeat(levels));
            src.push_str("pass\n");
            src
        };
        assert!(Lexer::new(&nested(MAX_INDENT_DEPTH - 1)).all(|t| t.is_ok()));
        assert_eq!(
            error(&nested(MAX_INDENT_DEPTH)).message,
            "too many levels of indentation"
        );
    }

    #[test]
    fn bracket_errors() {
        let e = error("x = (1,\n");
        assert_eq!(e.message, "'(' was never closed");
        assert_eq!(e.span, Span::new(4, 5));
        assert!(e.incomplete);
        assert_eq!(error("a)").message, "unmatched ')'");
        assert_eq!(
            error("(]").message,
            "closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(
            error("(\n]").message,
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1"
        );
        let deep = format!("x = {}1", "(".repeat(MAX_BRACKET_DEPTH + 1));
        let e = error(&deep);
        assert_eq!(e.message, "too many nested parentheses");
        assert_eq!(e.span.start, 4 + MAX_BRACKET_DEPTH);
        let ok = format!("x = {}1", "(".repeat(MAX_BRACKET_DEPTH));
        assert_eq!(error(&ok).message, "'(' was never closed");
    }

    #[test]
    fn character_errors() {
        assert_eq!(error("a $ b").message, "invalid syntax");
        assert_eq!(error("a = 1 €").message, "invalid character '€' (U+20AC)");
        assert_eq!(
            error("a \u{1}").message,
            "invalid non-printable character U+0001"
        );
        let e = error("x = 1 + \\");
        assert_eq!(e.message, "unexpected EOF while parsing");
        assert!(e.incomplete);
        assert_eq!(
            error("x = \\ 1").message,
            "unexpected character after line continuation character"
        );
    }

    #[test]
    fn field_mode_reads_as_if_parenthesised() {
        let src = "f'{a +\n b}'";
        let tokens: Vec<_> = Lexer::for_field(src, 3, 9)
            .map(|t| {
                t.map(|(s, tok, e)| (s, format!("{tok:?}"), e))
                    .map_err(|e| e.message)
            })
            .collect();
        assert_eq!(
            tokens,
            vec![
                Ok((3, "Name(\"a\")".to_string(), 4)),
                Ok((5, "Plus".to_string(), 6)),
                Ok((8, "Name(\"b\")".to_string(), 9)),
            ]
        );
    }

    #[test]
    fn line_numbers() {
        assert_eq!(line_of("a\nb\r\nc\rd", 0), 1);
        assert_eq!(line_of("a\nb\r\nc\rd", 2), 2);
        assert_eq!(line_of("a\nb\r\nc\rd", 5), 3);
        assert_eq!(line_of("a\nb\r\nc\rd", 7), 4);
        assert_eq!(line_of("a", 99), 1);
    }
}
