//! The raw tokens of a source text, as logos recognises them.
//!
//! This layer knows nothing about lines or blocks: newlines come out as
//! `Newline`, and `Indent`/`Dedent` are never produced here (the lexer in
//! `lexer.rs` synthesises them). Numbers and strings are scanned by hand in
//! `literal.rs` from a one- or two-character start, because Python's rules
//! for them (and its error messages) do not fit a single regular expression.

use logos::Logos;

use super::literal::{self, Number, StrLit};

/// A lexical error. `Unrecognized` is logos's own "no pattern matched";
/// the lexer turns it into a message after looking at the character.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LexError {
    #[default]
    Unrecognized,
    /// A located error from a literal scanner; offsets are absolute.
    At {
        message: String,
        start: usize,
        end: usize,
        /// More input could complete the literal (a triple-quoted string).
        incomplete: bool,
    },
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\x0c]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
#[logos(skip r"\\(\r\n|\r|\n)")]
pub enum Token<'a> {
    #[regex(r"\r\n|\r|\n")]
    Newline,
    /// Synthesised by the lexer: the start of a deeper block.
    Indent,
    /// Synthesised by the lexer: the end of a block.
    Dedent,

    #[regex(r"[\p{XID_Start}_]\p{XID_Continue}*", |lex| lex.slice())]
    Name(&'a str),
    #[regex(r"[0-9]|\.[0-9]", literal::number)]
    Number(Number),
    #[regex(r#"([rRuUfFbB]|[rR][bBfF]|[bBfF][rR])?('|"|'''|""")"#, literal::string)]
    Str(StrLit),

    // Keywords npview understands.
    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,

    /// A Python keyword npview does not support (`class`, `with`, `yield`,
    /// ...): reserved, so that it can never be read as a name.
    #[token("async", |lex| lex.slice())]
    #[token("await", |lex| lex.slice())]
    #[token("class", |lex| lex.slice())]
    #[token("nonlocal", |lex| lex.slice())]
    #[token("with", |lex| lex.slice())]
    #[token("yield", |lex| lex.slice())]
    Unsupported(&'a str),

    // Brackets.
    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,

    // Punctuation.
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token("=")]
    Assign,
    #[token("->")]
    Arrow,
    #[token(":=")]
    Walrus,

    // Operators.
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("**")]
    DoubleStar,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("@")]
    At,
    #[token("<<")]
    LShift,
    #[token(">>")]
    RShift,
    #[token("&")]
    Amper,
    #[token("|")]
    VBar,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,

    // Augmented assignment.
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinusEqual,
    #[token("*=")]
    StarEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("@=")]
    AtEqual,
    #[token("<<=")]
    LShiftEqual,
    #[token(">>=")]
    RShiftEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VBarEqual,
    #[token("^=")]
    CaretEqual,
}

impl Token<'_> {
    /// A name or a literal: a whole operand by itself.
    fn is_atom(&self) -> bool {
        matches!(
            self,
            Token::Name(_)
                | Token::Number(_)
                | Token::Str(_)
                | Token::False
                | Token::None
                | Token::True
                | Token::Ellipsis
        )
    }

    /// Whether an expression can end with this token (an atom or a
    /// closing bracket).
    pub fn ends_expression(&self) -> bool {
        self.is_atom() || matches!(self, Token::RPar | Token::RSqb | Token::RBrace)
    }

    /// Whether this token can start an expression that cannot also be read
    /// as the continuation of the expression before it.
    pub fn starts_operand(&self) -> bool {
        self.is_atom()
            || matches!(
                self,
                Token::LPar | Token::LSqb | Token::LBrace | Token::Tilde | Token::Lambda
            )
    }

    /// Whether an expression can begin with this token, operators included.
    pub fn starts_expression(&self) -> bool {
        self.starts_operand()
            || matches!(self, Token::Minus | Token::Plus | Token::Not | Token::Star)
    }

    /// The keyword that begins a compound statement, if this is one.
    pub fn block_keyword(&self) -> Option<&'static str> {
        Some(match self {
            Token::If => "if",
            Token::Elif => "elif",
            Token::Else => "else",
            Token::While => "while",
            Token::For => "for",
            Token::Def => "def",
            Token::Try => "try",
            Token::Except => "except",
            Token::Finally => "finally",
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Token<'_>> {
        Token::lexer(src)
            .map(|t| t.unwrap_or(Token::Dedent))
            .collect()
    }

    #[test]
    fn keywords_win_over_names_of_the_same_length() {
        assert_eq!(
            kinds("if iffy class classy"),
            vec![
                Token::If,
                Token::Name("iffy"),
                Token::Unsupported("class"),
                Token::Name("classy")
            ]
        );
    }

    #[test]
    fn longest_operator_wins() {
        assert_eq!(
            kinds("**= ** * //= ... . ->"),
            vec![
                Token::DoubleStarEqual,
                Token::DoubleStar,
                Token::Star,
                Token::DoubleSlashEqual,
                Token::Ellipsis,
                Token::Dot,
                Token::Arrow
            ]
        );
    }

    #[test]
    fn comments_whitespace_and_line_joins_are_skipped() {
        assert_eq!(
            kinds("a # note\n\tb \\\n c"),
            vec![
                Token::Name("a"),
                Token::Newline,
                Token::Name("b"),
                Token::Name("c")
            ]
        );
    }

    #[test]
    fn string_prefixes_are_not_names() {
        assert_eq!(kinds("rb")[0], Token::Name("rb"));
        assert!(matches!(kinds("r'x'")[0], Token::Str(_)));
        assert!(matches!(
            kinds("name'x'")[..],
            [Token::Name("name"), Token::Str(_)]
        ));
    }

    #[test]
    fn unicode_names() {
        assert_eq!(kinds("é_1"), vec![Token::Name("é_1")]);
    }
}
