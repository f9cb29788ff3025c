//! Splitting the body of an f-string into literal text and replacement
//! fields, following Python 3.11's rules.
//!
//! Only the boundaries are found here: a field's expression is recorded as
//! a byte range of the source, and the parser later parses that range as if
//! it were parenthesised. The conversion (`!r`) and the format spec (`:.3f`)
//! are taken apart here; `{x=}` becomes the literal `x=` followed by the
//! field, as Python does.

use super::literal::{decode_escapes, error, normalize_newlines};
use super::token::LexError;

/// One piece of an f-string, before the fields are parsed.
#[derive(Clone, Debug, PartialEq)]
pub enum FPiece {
    Literal(String),
    Field {
        /// Absolute byte range of the expression text.
        start: usize,
        end: usize,
        conversion: Option<char>,
        spec: Option<String>,
    },
}

/// Brackets may nest this deep inside one field.
const MAX_FIELD_NESTING: usize = 200;

/// Splits the f-string body `src[start..end]`.
pub fn split(src: &str, start: usize, end: usize, raw: bool) -> Result<Vec<FPiece>, LexError> {
    let mut splitter = Splitter {
        src,
        bytes: src.as_bytes(),
        end,
        raw,
        pieces: Vec::new(),
        literal: String::new(),
    };
    splitter.run(start)?;
    Ok(splitter.pieces)
}

struct Splitter<'s> {
    src: &'s str,
    bytes: &'s [u8],
    /// Absolute end of the body.
    end: usize,
    raw: bool,
    pieces: Vec<FPiece>,
    /// Literal text decoded so far, not yet pushed.
    literal: String,
}

impl Splitter<'_> {
    fn at(&self, i: usize) -> u8 {
        if i < self.end {
            self.bytes.get(i).copied().unwrap_or(0)
        } else {
            0
        }
    }

    fn run(&mut self, start: usize) -> Result<(), LexError> {
        let mut chunk = start;
        let mut i = start;
        while i < self.end {
            match self.at(i) {
                b'{' | b'}' if self.at(i + 1) == self.at(i) => {
                    self.take_text(chunk, i + 1)?;
                    i += 2;
                    chunk = i;
                }
                b'{' => {
                    self.take_text(chunk, i)?;
                    i = self.field(i)?;
                    chunk = i;
                }
                b'}' => return Err(error("f-string: single '}' is not allowed", i, i + 1)),
                b'\\' if !self.raw && self.at(i + 1) == b'N' && self.at(i + 2) == b'{' => {
                    // `\N{...}`: the braces belong to the escape.
                    while i < self.end && self.at(i) != b'}' {
                        i += 1;
                    }
                    i += 1;
                }
                // A backslash keeps the next character from being seen as a
                // quote or escape, but `\{` still opens a field.
                b'\\' if !matches!(self.at(i + 1), b'{' | b'}') => i += 2,
                _ => i += 1,
            }
        }
        self.take_text(chunk, self.end.max(chunk))?;
        if !self.literal.is_empty() {
            let text = std::mem::take(&mut self.literal);
            self.pieces.push(FPiece::Literal(text));
        }
        Ok(())
    }

    /// Appends the literal source text `from..to`, decoding escapes.
    fn take_text(&mut self, from: usize, to: usize) -> Result<(), LexError> {
        let to = to.min(self.end);
        let Some(text) = self.src.get(from..to) else {
            return Ok(());
        };
        let text = if self.raw {
            normalize_newlines(text)
        } else {
            decode_escapes(text, from)?
        };
        self.literal.push_str(&text);
        Ok(())
    }

    /// Parses the field whose `{` is at `open`; returns the offset after
    /// its closing `}`.
    fn field(&mut self, open: usize) -> Result<usize, LexError> {
        let expecting = |at: usize| error("f-string: expecting '}'", open, at.max(open + 1));
        let expr_start = open + 1;
        let mut i = self.expression_end(open)?;
        let expr_end = i;
        let text = self.src.get(expr_start..expr_end).unwrap_or("");
        if text.trim().is_empty() {
            return Err(error("f-string: empty expression not allowed", open, i + 1));
        }
        let mut debug = false;
        if self.at(i) == b'=' {
            i += 1;
            while matches!(self.at(i), b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            debug = true;
            self.literal
                .push_str(self.src.get(expr_start..i).unwrap_or(""));
        }
        let mut conversion = None;
        if self.at(i) == b'!' {
            conversion = match self.at(i + 1) {
                c @ (b's' | b'r' | b'a') => Some(c as char),
                _ => {
                    let message =
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'";
                    return Err(error(message, i, i + 2));
                }
            };
            i += 2;
            if !matches!(self.at(i), b':' | b'}') {
                return Err(expecting(i));
            }
        }
        let mut spec = None;
        if self.at(i) == b':' {
            let spec_start = i + 1;
            i = spec_start;
            while i < self.end && self.at(i) != b'}' {
                if self.at(i) == b'{' {
                    let message =
                        "f-string: nested replacement fields in format specs are not supported";
                    return Err(error(message, i, i + 1));
                }
                i += 1;
            }
            spec = Some(self.src.get(spec_start..i).unwrap_or("").to_string());
        }
        if self.at(i) != b'}' {
            return Err(expecting(i));
        }
        if debug && conversion.is_none() && spec.is_none() {
            conversion = Some('r');
        }
        if !self.literal.is_empty() {
            let text = std::mem::take(&mut self.literal);
            self.pieces.push(FPiece::Literal(text));
        }
        self.pieces.push(FPiece::Field {
            start: expr_start,
            end: expr_end,
            conversion,
            spec,
        });
        Ok(i + 1)
    }

    /// Finds where the expression of the field opened at `open` ends: at a
    /// top-level `}`, `:`, `!` (not `!=`) or `=` (not part of `==`, `<=`,
    /// ...), skipping nested brackets and strings.
    fn expression_end(&self, open: usize) -> Result<usize, LexError> {
        let mut stack: Vec<(u8, usize)> = Vec::new();
        let mut i = open + 1;
        loop {
            if i >= self.end {
                return Err(error("f-string: expecting '}'", open, open + 1));
            }
            let b = self.at(i);
            match b {
                b'\\' => {
                    let message = "f-string expression part cannot include a backslash";
                    return Err(error(message, i, i + 1));
                }
                b'#' => {
                    let message = "f-string expression part cannot include '#'";
                    return Err(error(message, i, i + 1));
                }
                b'\'' | b'"' => i = self.skip_string(i)?,
                b'(' | b'[' | b'{' => {
                    if stack.len() >= MAX_FIELD_NESTING {
                        return Err(error("f-string: too many nested parenthesis", i, i + 1));
                    }
                    stack.push((b, i));
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    let Some((opener, _)) = stack.pop() else {
                        if b == b'}' {
                            return Ok(i);
                        }
                        let message = format!("f-string: unmatched '{}'", b as char);
                        return Err(error(message, i, i + 1));
                    };
                    if closer_of(opener) != b {
                        let message = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            b as char, opener as char
                        );
                        return Err(error(message, i, i + 1));
                    }
                    i += 1;
                }
                b'!' if stack.is_empty() && self.at(i + 1) != b'=' => return Ok(i),
                b':' if stack.is_empty() => return Ok(i),
                b'=' if stack.is_empty()
                    && self.at(i + 1) != b'='
                    && !matches!(self.at(i - 1), b'=' | b'!' | b'<' | b'>') =>
                {
                    return Ok(i)
                }
                _ => i += 1,
            }
        }
    }

    /// Skips a string inside a field expression; `i` is on its quote.
    fn skip_string(&self, i: usize) -> Result<usize, LexError> {
        let quote = self.at(i);
        let triple = self.at(i + 1) == quote && self.at(i + 2) == quote;
        let len = if triple { 3 } else { 1 };
        let mut j = i + len;
        while j < self.end {
            let b = self.at(j);
            if b == b'\\' {
                let message = "f-string expression part cannot include a backslash";
                return Err(error(message, j, j + 1));
            }
            if b == quote && (!triple || (self.at(j + 1) == quote && self.at(j + 2) == quote)) {
                return Ok(j + len);
            }
            j += 1;
        }
        Err(error("f-string: unterminated string", i, i + len))
    }
}

fn closer_of(opener: u8) -> u8 {
    match opener {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(body: &str) -> Result<Vec<String>, String> {
        match split(body, 0, body.len(), false) {
            Ok(p) => Ok(p
                .iter()
                .map(|p| match p {
                    FPiece::Literal(s) => format!("lit {s:?}"),
                    FPiece::Field {
                        start,
                        end,
                        conversion,
                        spec,
                    } => format!("field {:?} {conversion:?} {spec:?}", &body[*start..*end]),
                })
                .collect()),
            Err(LexError::At { message, .. }) => Err(message),
            Err(e) => Err(format!("{e:?}")),
        }
    }

    #[test]
    fn literal_text_and_fields() {
        assert_eq!(
            pieces("a{x}b{{c}}\\n").unwrap(),
            vec!["lit \"a\"", "field \"x\" None None", "lit \"b{c}\\n\""]
        );
        assert_eq!(
            pieces("{x!r:>4}{y:.3f}").unwrap(),
            vec![
                "field \"x\" Some('r') Some(\">4\")",
                "field \"y\" None Some(\".3f\")"
            ]
        );
        assert_eq!(
            pieces("{a[1:2]}{d['k']}{x != y}{(lambda: 1)()}").unwrap(),
            vec![
                "field \"a[1:2]\" None None",
                "field \"d['k']\" None None",
                "field \"x != y\" None None",
                "field \"(lambda: 1)()\" None None"
            ]
        );
    }

    #[test]
    fn self_documenting_fields() {
        assert_eq!(
            pieces("{ x = }").unwrap(),
            vec!["lit \" x = \"", "field \" x \" Some('r') None"]
        );
        assert_eq!(
            pieces("{x=:.2f}").unwrap(),
            vec!["lit \"x=\"", "field \"x\" None Some(\".2f\")"]
        );
        assert_eq!(pieces("{x==y}").unwrap(), vec!["field \"x==y\" None None"]);
    }

    #[test]
    fn backslash_brace_still_opens_a_field() {
        assert_eq!(
            pieces("\\{x}").unwrap(),
            vec!["lit \"\\\\\"", "field \"x\" None None"]
        );
    }

    #[test]
    fn errors() {
        let bad = |s: &str| pieces(s).unwrap_err();
        assert_eq!(bad("{x"), "f-string: expecting '}'");
        assert_eq!(bad("{x:"), "f-string: expecting '}'");
        assert_eq!(bad("{x!r=}"), "f-string: expecting '}'");
        assert_eq!(bad("{}"), "f-string: empty expression not allowed");
        assert_eq!(bad("{ !r}"), "f-string: empty expression not allowed");
        assert_eq!(bad("}"), "f-string: single '}' is not allowed");
        assert_eq!(
            bad("{x!z}"),
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(
            bad("{x!}"),
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(
            bad("{x\\n}"),
            "f-string expression part cannot include a backslash"
        );
        assert_eq!(bad("{#}"), "f-string expression part cannot include '#'");
        assert_eq!(bad("{)}"), "f-string: unmatched ')'");
        assert_eq!(
            bad("{(]}"),
            "f-string: closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert!(bad("{x:{y}}").contains("nested replacement fields"));
        assert_eq!(bad("{'a}"), "f-string: unterminated string");
    }
}
