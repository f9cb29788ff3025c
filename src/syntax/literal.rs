//! Number and string literals: scanning them out of the source and turning
//! their text into values.
//!
//! Python's literal rules (underscores only between digits, no leading
//! zeros, a keyword may follow a number directly, escapes, string prefixes)
//! and its error messages are reproduced here; f-strings are split into
//! pieces by `fstring.rs`. Everything works on absolute byte offsets into
//! the source so that errors point at the exact character.

use std::rc::Rc;

use logos::Lexer;
use num_bigint::BigInt;

use super::fstring::{self, FPiece};
use super::lexer::line_of;
use super::token::{LexError, Token};

/// The value of a number literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    /// An integer literal beyond 64 bits (Python ints have no limit).
    BigInt(Rc<BigInt>),
    Float(f64),
    /// An imaginary literal; the value is the imaginary part.
    Imag(f64),
}

/// The value of one string literal, before adjacent literals are joined.
#[derive(Clone, Debug, PartialEq)]
pub enum StrLit {
    Plain(String),
    /// An f-string: literal text and replacement fields.
    Format(Vec<FPiece>),
}

pub(crate) fn error(message: impl Into<String>, start: usize, end: usize) -> LexError {
    LexError::At {
        message: message.into(),
        start,
        end,
        incomplete: false,
    }
}

/// logos callback: the whole number starting at the matched character.
pub fn number<'a>(lex: &mut Lexer<'a, Token<'a>>) -> Result<Number, LexError> {
    let start = lex.span().start;
    let (value, end) = scan_number(lex.source(), start)?;
    lex.bump(end - lex.span().end);
    Ok(value)
}

/// logos callback: the whole string whose prefix and opening quote matched.
pub fn string<'a>(lex: &mut Lexer<'a, Token<'a>>) -> Result<StrLit, LexError> {
    let start = lex.span().start;
    let (value, end) = scan_string(lex.source(), start)?;
    lex.bump(end - lex.span().end);
    Ok(value)
}

/// A byte cursor; reading past the end yields 0, which no rule accepts.
#[derive(Clone, Copy)]
struct Cursor<'s> {
    bytes: &'s [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> u8 {
        self.at(0)
    }

    fn at(&self, k: usize) -> u8 {
        self.bytes.get(self.pos + k).copied().unwrap_or(0)
    }

    fn bump(&mut self) {
        self.pos += 1;
    }
}

/// Scans a number starting at `start`; returns its value and end offset.
fn scan_number(src: &str, start: usize) -> Result<(Number, usize), LexError> {
    let mut c = Cursor {
        bytes: src.as_bytes(),
        pos: start,
    };
    if c.peek() == b'0' && matches!(c.at(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        return radix_number(src, c);
    }
    let mut is_float = false;
    if c.peek() != b'.' {
        decimal_digits(&mut c, start)?;
    }
    let int_end = c.pos;
    if c.peek() == b'.' {
        c.bump();
        is_float = true;
        if c.peek().is_ascii_digit() {
            decimal_digits(&mut c, start)?;
        }
    }
    if matches!(c.peek(), b'e' | b'E') {
        let mut exp = c;
        exp.bump();
        if matches!(exp.peek(), b'+' | b'-') {
            exp.bump();
            if !exp.peek().is_ascii_digit() {
                return Err(invalid_end(src, start, exp.pos, "decimal"));
            }
        }
        if exp.peek().is_ascii_digit() {
            decimal_digits(&mut exp, start)?;
            c = exp;
            is_float = true;
        } else {
            // `1else`: the number stops before a keyword.
            check_end(src, start, c, "decimal")?;
            return finish_decimal(src, start, int_end, c.pos, is_float);
        }
    }
    if matches!(c.peek(), b'j' | b'J') {
        let text = clean(&src[start..c.pos]);
        c.bump();
        check_end(src, start, c, "imaginary")?;
        let value = text
            .parse::<f64>()
            .map_err(|_| error("invalid imaginary literal", start, c.pos))?;
        return Ok((Number::Imag(value), c.pos));
    }
    check_end(src, start, c, "decimal")?;
    finish_decimal(src, start, int_end, c.pos, is_float)
}

fn finish_decimal(
    src: &str,
    start: usize,
    int_end: usize,
    end: usize,
    is_float: bool,
) -> Result<(Number, usize), LexError> {
    let text = clean(&src[start..end]);
    if is_float {
        let value = text
            .parse::<f64>()
            .map_err(|_| error("invalid decimal literal", start, end))?;
        return Ok((Number::Float(value), end));
    }
    if text.len() > 1 && text.starts_with('0') {
        if text.bytes().all(|b| b == b'0') {
            return Ok((Number::Int(0), end));
        }
        return Err(error(
            "leading zeros in decimal integer literals are not permitted; \
             use an 0o prefix for octal integers",
            start,
            int_end,
        ));
    }
    if text.len() > MAX_STR_DIGITS {
        return Err(error(
            format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: \
                 value has {} digits; use sys.set_int_max_str_digits() to increase the limit \
                 - Consider hexadecimal for huge integer literals to avoid decimal conversion \
                 limits.",
                text.len()
            ),
            start,
            end,
        ));
    }
    integer(&text, 10, start, end)
}

/// CPython's default limit on the digits of a decimal integer literal
/// (`sys.get_int_max_str_digits()`).
const MAX_STR_DIGITS: usize = 4300;

/// The value of an integer literal's digits, big when it does not fit 64 bits.
fn integer(
    digits: &str,
    radix: u32,
    start: usize,
    end: usize,
) -> Result<(Number, usize), LexError> {
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Ok((Number::Int(v), end));
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
        .map(|v| (Number::BigInt(Rc::new(v)), end))
        .ok_or_else(|| error("invalid integer literal", start, end))
}

/// Digits with single underscores between them; the cursor is on a digit.
fn decimal_digits(c: &mut Cursor, start: usize) -> Result<(), LexError> {
    loop {
        while c.peek().is_ascii_digit() {
            c.bump();
        }
        if c.peek() != b'_' {
            return Ok(());
        }
        c.bump();
        if !c.peek().is_ascii_digit() {
            return Err(error("invalid decimal literal", start, c.pos));
        }
    }
}

/// `0x..`, `0o..`, `0b..`: the cursor is on the leading zero.
fn radix_number(src: &str, mut c: Cursor) -> Result<(Number, usize), LexError> {
    let start = c.pos;
    c.bump();
    let (radix, kind) = match c.peek() {
        b'x' | b'X' => (16, "hexadecimal"),
        b'o' | b'O' => (8, "octal"),
        _ => (2, "binary"),
    };
    c.bump();
    let is_digit = |b: u8| (b as char).is_digit(radix);
    loop {
        if c.peek() == b'_' {
            c.bump();
        }
        if !is_digit(c.peek()) {
            return Err(bad_radix_digit(src, start, c, kind));
        }
        while is_digit(c.peek()) {
            c.bump();
        }
        if c.peek() != b'_' {
            break;
        }
    }
    if radix != 16 && c.peek().is_ascii_digit() {
        return Err(bad_radix_digit(src, start, c, kind));
    }
    check_end(src, start, c, kind)?;
    let digits = clean(&src[start + 2..c.pos]);
    integer(&digits, radix, start, c.pos)
}

fn bad_radix_digit(src: &str, start: usize, c: Cursor, kind: &str) -> LexError {
    let b = c.peek();
    if kind != "hexadecimal" && b.is_ascii_digit() {
        let message = format!("invalid digit '{}' in {kind} literal", b as char);
        return error(message, c.pos, c.pos + 1);
    }
    invalid_end(src, start, c.pos, kind)
}

/// A number may be followed by an operator, a bracket, a space, or one of
/// the keywords that can follow an operand (`1if x else 2` is valid), but
/// not by any other name character.
fn check_end(src: &str, start: usize, c: Cursor, kind: &str) -> Result<(), LexError> {
    let rest = &src.as_bytes()[c.pos.min(src.len())..];
    const KEYWORDS: [&[u8]; 8] = [b"and", b"else", b"for", b"if", b"in", b"is", b"not", b"or"];
    if KEYWORDS.iter().any(|k| rest.starts_with(k)) {
        return Ok(());
    }
    let b = c.peek();
    if b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80 {
        return Err(invalid_end(src, start, c.pos, kind));
    }
    Ok(())
}

fn invalid_end(src: &str, start: usize, pos: usize, kind: &str) -> LexError {
    let end = src
        .get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(pos, |ch| pos + ch.len_utf8());
    error(format!("invalid {kind} literal"), start, end)
}

fn clean(text: &str) -> String {
    text.chars().filter(|&ch| ch != '_').collect()
}

/// Scans a string literal starting at its prefix; returns the value and
/// the offset just past the closing quote.
fn scan_string(src: &str, start: usize) -> Result<(StrLit, usize), LexError> {
    let bytes = src.as_bytes();
    let mut body = start;
    let (mut raw, mut format, mut is_bytes) = (false, false, false);
    while let Some(&b) = bytes.get(body) {
        match b {
            b'r' | b'R' => raw = true,
            b'f' | b'F' => format = true,
            b'b' | b'B' => is_bytes = true,
            b'u' | b'U' => {}
            _ => break,
        }
        body += 1;
    }
    let quote = bytes.get(body).copied().unwrap_or(b'\'');
    let triple = bytes.get(body + 1) == Some(&quote) && bytes.get(body + 2) == Some(&quote);
    let quote_len = if triple { 3 } else { 1 };
    let opening_end = body + quote_len;
    let body_start = opening_end;
    let mut i = body_start;
    let body_end = loop {
        let Some(&b) = bytes.get(i) else {
            let (what, incomplete) = if triple {
                ("unterminated triple-quoted string literal", true)
            } else {
                ("unterminated string literal", false)
            };
            return Err(LexError::At {
                // CPython counts a final newline as ending the last line.
                message: format!(
                    "{what} (detected at line {})",
                    line_of(src, src.strip_suffix('\n').unwrap_or(src).len())
                ),
                start,
                end: opening_end,
                incomplete,
            });
        };
        match b {
            b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
            b'\\' => i += 2,
            b'\n' | b'\r' if !triple => {
                let message = format!(
                    "unterminated string literal (detected at line {})",
                    line_of(src, i)
                );
                return Err(error(message, start, opening_end));
            }
            _ if b == quote
                && (!triple
                    || (bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote))) =>
            {
                break i
            }
            _ => i += 1,
        }
    };
    let end = body_end + quote_len;
    if is_bytes {
        return Err(error("bytes literals are not supported", start, end));
    }
    let text = &src[body_start..body_end];
    let value = if format {
        StrLit::Format(fstring::split(src, body_start, body_end, raw)?)
    } else if raw {
        StrLit::Plain(normalize_newlines(text))
    } else {
        StrLit::Plain(decode_escapes(text, body_start)?)
    };
    Ok((value, end))
}

/// Line breaks inside a literal read as `\n`, however the file spells them.
pub(crate) fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Decodes backslash escapes; `base` is the absolute offset of `text`.
/// Unknown escapes keep their backslash, as in Python.
pub(crate) fn decode_escapes(text: &str, base: usize) -> Result<String, LexError> {
    if !text.contains(['\\', '\r']) {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if ch == '\r' {
            out.push('\n');
            chars.next_if(|&(_, c)| c == '\n');
            continue;
        }
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        let Some((_, esc)) = chars.next() else {
            out.push('\\');
            break;
        };
        let simple = match esc {
            '\n' => continue,
            '\r' => {
                chars.next_if(|&(_, c)| c == '\n');
                continue;
            }
            '\\' | '\'' | '"' => Some(esc),
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            'f' => Some('\x0c'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            continue;
        }
        match esc {
            '0'..='7' => {
                let mut value = esc as u32 - '0' as u32;
                for _ in 0..2 {
                    match chars.next_if(|&(_, c)| ('0'..='7').contains(&c)) {
                        Some((_, d)) => value = value * 8 + (d as u32 - '0' as u32),
                        None => break,
                    }
                }
                // At most 0o777, always a valid scalar value.
                out.extend(char::from_u32(value));
            }
            'x' | 'u' | 'U' => {
                let (digits, name) = match esc {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut value = 0u32;
                let mut last = i + 1;
                for _ in 0..digits {
                    match chars.next_if(|&(_, c)| c.is_ascii_hexdigit()) {
                        Some((j, d)) => {
                            value = value * 16 + d.to_digit(16).unwrap_or(0);
                            last = j;
                        }
                        None => {
                            return Err(unicode_error(
                                base,
                                i,
                                last,
                                &format!("truncated {name} escape"),
                            ))
                        }
                    }
                }
                if (0xD800..0xE000).contains(&value) {
                    let message = "surrogate code points in strings are not supported";
                    return Err(error(message, base + i, base + last + 1));
                }
                match char::from_u32(value) {
                    Some(c) => out.push(c),
                    None => return Err(unicode_error(base, i, last, "illegal Unicode character")),
                }
            }
            'N' => {
                let end = text[i..].find('}').map_or(text.len(), |k| i + k + 1);
                let message = "\\N{...} escapes are not supported";
                return Err(error(message, base + i, base + end));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn unicode_error(base: usize, first: usize, last: usize, what: &str) -> LexError {
    let message = format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{last}: {what}"
    );
    error(message, base + first, base + last + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(src: &str) -> Result<Number, String> {
        match scan_number(src, 0) {
            Ok((n, end)) if end == src.len() => Ok(n),
            Ok((_, end)) => Err(format!("stopped at {end}")),
            Err(LexError::At { message, .. }) => Err(message),
            Err(e) => Err(format!("{e:?}")),
        }
    }

    #[test]
    fn integers() {
        assert_eq!(num("0"), Ok(Number::Int(0)));
        assert_eq!(num("00"), Ok(Number::Int(0)));
        assert_eq!(num("0_0"), Ok(Number::Int(0)));
        assert_eq!(num("1_000"), Ok(Number::Int(1000)));
        assert_eq!(num("0x_fF"), Ok(Number::Int(255)));
        assert_eq!(num("0o17"), Ok(Number::Int(15)));
        assert_eq!(num("0B1_01"), Ok(Number::Int(5)));
        assert_eq!(num("9223372036854775807"), Ok(Number::Int(i64::MAX)));
        let big = |text: &str, radix| {
            Number::BigInt(Rc::new(
                BigInt::parse_bytes(text.as_bytes(), radix).unwrap(),
            ))
        };
        assert_eq!(
            num("9223372036854775808"),
            Ok(big("9223372036854775808", 10))
        );
        assert_eq!(
            num("0xffff_ffff_ffff_ffff_ff"),
            Ok(big("ffffffffffffffffff", 16))
        );
        assert_eq!(num(&"7".repeat(4300)), Ok(big(&"7".repeat(4300), 10)));
    }

    #[test]
    fn floats_and_imaginary() {
        assert_eq!(num("1."), Ok(Number::Float(1.0)));
        assert_eq!(num(".5"), Ok(Number::Float(0.5)));
        assert_eq!(num("1e-3"), Ok(Number::Float(0.001)));
        assert_eq!(num("1.e2"), Ok(Number::Float(100.0)));
        assert_eq!(num("1_0.2_5E+1"), Ok(Number::Float(102.5)));
        assert_eq!(num("09.5"), Ok(Number::Float(9.5)));
        assert_eq!(num("2j"), Ok(Number::Imag(2.0)));
        assert_eq!(num("1.5J"), Ok(Number::Imag(1.5)));
        assert_eq!(num("07j"), Ok(Number::Imag(7.0)));
        assert_eq!(num("1e5j"), Ok(Number::Imag(1e5)));
        assert_eq!(num("1e999"), Ok(Number::Float(f64::INFINITY)));
    }

    #[test]
    fn keyword_may_follow_a_number() {
        assert_eq!(scan_number("1if", 0).map(|r| r.1), Ok(1));
        assert_eq!(scan_number("1else", 0).map(|r| r.1), Ok(1));
        assert_eq!(scan_number("0x1for", 0).map(|r| r.1), Ok(4));
    }

    #[test]
    fn number_errors() {
        let bad = |s: &str| num(s).unwrap_err();
        assert_eq!(bad("1abc"), "invalid decimal literal");
        assert_eq!(bad("1_"), "invalid decimal literal");
        assert_eq!(bad("1__0"), "invalid decimal literal");
        assert_eq!(bad("1e+"), "invalid decimal literal");
        assert_eq!(bad("1ej"), "invalid decimal literal");
        assert_eq!(bad("0x"), "invalid hexadecimal literal");
        assert_eq!(bad("0o"), "invalid octal literal");
        assert_eq!(bad("0b_"), "invalid binary literal");
        assert_eq!(bad("0b2"), "invalid digit '2' in binary literal");
        assert_eq!(bad("0o18"), "invalid digit '8' in octal literal");
        assert_eq!(bad("2jx"), "invalid imaginary literal");
        assert!(bad("0_7").starts_with("leading zeros in decimal integer literals"));
        assert!(bad("08").starts_with("leading zeros"));
        assert!(bad(&"1".repeat(4301)).starts_with("Exceeds the limit (4300 digits)"));
    }

    fn string(src: &str) -> Result<StrLit, String> {
        match scan_string(src, 0) {
            Ok((s, end)) if end == src.len() => Ok(s),
            Ok((_, end)) => Err(format!("stopped at {end}")),
            Err(LexError::At { message, .. }) => Err(message),
            Err(e) => Err(format!("{e:?}")),
        }
    }

    fn plain(src: &str) -> String {
        match string(src) {
            Ok(StrLit::Plain(s)) => s,
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(plain("'a'"), "a");
        assert_eq!(plain("\"it's\""), "it's");
        assert_eq!(plain("''"), "");
        assert_eq!(plain("''''''"), "");
        assert_eq!(plain("'''a\n'b''c'''"), "a\n'b''c");
        assert_eq!(plain(r"'\n\t\\\'\x41\101\u00e9\U0001F600'"), "\n\t\\'AAé😀");
        assert_eq!(plain(r"'\d\q'"), r"\d\q");
        assert_eq!(plain("'a\\\nb'"), "ab");
        assert_eq!(plain(r"r'\n\''"), r"\n\'");
        assert_eq!(plain(r"R'\d'"), r"\d");
        assert_eq!(plain("u'x'"), "x");
        assert_eq!(plain("'''a\r\nb'''"), "a\nb");
    }

    #[test]
    fn string_errors() {
        let bad = |s: &str| string(s).unwrap_err();
        assert_eq!(
            bad("'abc"),
            "unterminated string literal (detected at line 1)"
        );
        assert_eq!(
            bad("'abc\nx'"),
            "unterminated string literal (detected at line 1)"
        );
        assert_eq!(
            bad("r'\\'"),
            "unterminated string literal (detected at line 1)"
        );
        assert_eq!(
            bad("'''abc\n\n"),
            "unterminated triple-quoted string literal (detected at line 2)"
        );
        assert_eq!(bad("b'x'"), "bytes literals are not supported");
        assert_eq!(
            bad(r"'ab\x4g'"),
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape"
        );
        assert_eq!(
            bad(r"'\U00110000'"),
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character"
        );
        assert_eq!(bad(r"'\N{DASH}'"), "\\N{...} escapes are not supported");
        assert!(bad(r"'\ud800'").contains("surrogate"));
    }

    #[test]
    fn unterminated_triple_quote_is_incomplete() {
        assert!(matches!(
            scan_string("'''abc", 0),
            Err(LexError::At {
                incomplete: true,
                ..
            })
        ));
        assert!(matches!(
            scan_string("'abc", 0),
            Err(LexError::At {
                incomplete: false,
                ..
            })
        ));
    }
}
