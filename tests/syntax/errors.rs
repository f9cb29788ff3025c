//! Error messages (as CPython 3.11 words them), the offending span, and
//! whether more input could complete the program.

use npview::syntax::{parse_program, SyntaxError, SyntaxErrorKind};

fn error(src: &str) -> SyntaxError {
    match parse_program(src) {
        Ok(stmts) => panic!("{src:?} parsed: {stmts:?}"),
        Err(e) => e,
    }
}

/// Checks the message and the source text under the error's span.
#[track_caller]
fn check(src: &str, message: &str, at: &str) {
    let e = error(src);
    assert_eq!(e.message, message, "source: {src:?}");
    assert_eq!(
        src.get(e.span.start..e.span.end),
        Some(at),
        "span of {message:?} in {src:?}"
    );
    assert_eq!(e.kind, SyntaxErrorKind::SyntaxError, "source: {src:?}");
}

#[track_caller]
fn check_kind(src: &str, kind: SyntaxErrorKind, message: &str) {
    let e = error(src);
    assert_eq!(
        (e.kind, e.message.as_str()),
        (kind, message),
        "source: {src:?}"
    );
}

#[test]
fn generic_invalid_syntax() {
    check("1 +", "invalid syntax", "");
    check("x = 1 2", "invalid syntax", "2");
    check("a b", "invalid syntax", "b");
    check("f(1 +)", "invalid syntax", ")");
    check("f(1,,2)", "invalid syntax", ",");
    check("a = 1; ; b = 2", "invalid syntax", ";");
    check("else:", "invalid syntax", "else");
    check("x = $", "invalid syntax", "$");
    check("a[1:2:3:4]", "invalid syntax", ":");
    check("if x: if y: pass", "invalid syntax", "if");
}

#[test]
fn brackets() {
    check("x = (1,", "'(' was never closed", "(");
    check("x = [1,\n  2,\n", "'[' was never closed", "[");
    check("f(1 2", "'(' was never closed", "(");
    check("x = [1, 2\ny = 3", "'[' was never closed", "[");
    check("a)", "unmatched ')'", ")");
    check("x = )\ny = (", "unmatched ')'", ")");
    check(
        "x = (1, 2]",
        "closing parenthesis ']' does not match opening parenthesis '('",
        "]",
    );
    check(
        "(\n]",
        "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
        "]",
    );
    // An unclosed bracket explains a failure inside it or just before it,
    // where an expression could go on into it; not an earlier one.
    check("x = 1 2 (", "'(' was never closed", "(");
    check("{ else", "invalid syntax", "else");
    check("and [ 1", "invalid syntax", "and");
    check("x = 1 +\ny = (", "invalid syntax", "\n");
    // A misplaced line is reported before anything wrong within it.
    check_kind(
        "a\n  )",
        SyntaxErrorKind::IndentationError,
        "unexpected indent",
    );
}

#[test]
fn missing_comma() {
    let msg = "invalid syntax. Perhaps you forgot a comma?";
    check("f(a b)", msg, "b");
    check("x = [1 2]", msg, "2");
    check("{a: b c}", msg, "c");
    check("f(g(1) 2)", msg, "2");
    check("f(a \"b\")", "invalid syntax", "\"b\"");
}

#[test]
fn colons_and_blocks() {
    check("if x\n  pass", "expected ':'", "\n");
    check("for x in y\n", "expected ':'", "\n");
    check("while x\n", "expected ':'", "\n");
    check("def f()\n", "expected ':'", "\n");
    check("def f() x:", "expected ':'", "x");
    check("try\n", "expected ':'", "\n");
    check("else x:", "invalid syntax", "else");
    check("if x y:", "invalid syntax", "y");
    check("x = lambda y\n", "invalid syntax", "\n");
    check("x = {1: 2, 3}", "':' expected after dictionary key", "}");
}

#[test]
fn indented_blocks() {
    use SyntaxErrorKind::IndentationError;
    let cases = [
        (
            "if x:",
            "expected an indented block after 'if' statement on line 1",
        ),
        (
            "if x:\ny = 1",
            "expected an indented block after 'if' statement on line 1",
        ),
        (
            "if a:\n  pass\nelif b:\n",
            "expected an indented block after 'elif' statement on line 3",
        ),
        (
            "if a:\n  pass\nelse:\n",
            "expected an indented block after 'else' statement on line 3",
        ),
        (
            "while x:\n",
            "expected an indented block after 'while' statement on line 1",
        ),
        (
            "for x in y:\n",
            "expected an indented block after 'for' statement on line 1",
        ),
        (
            "def f():\n",
            "expected an indented block after function definition on line 1",
        ),
        (
            "try:\n",
            "expected an indented block after 'try' statement on line 1",
        ),
        (
            "try:\n  pass\nexcept E as e:",
            "expected an indented block after 'except' statement on line 3",
        ),
        (
            "try:\n  pass\nfinally:\n",
            "expected an indented block after 'finally' statement on line 3",
        ),
        (
            "\n\nif x:\n# c\n\n",
            "expected an indented block after 'if' statement on line 3",
        ),
    ];
    for (src, message) in cases {
        check_kind(src, IndentationError, message);
    }
    check_kind(" x = 1", IndentationError, "unexpected indent");
    check_kind("x = 1\n  y = 2", IndentationError, "unexpected indent");
    check_kind(
        "if x:\n    a\n  b",
        IndentationError,
        "unindent does not match any outer indentation level",
    );
    check_kind(
        "if x:\n\ta\n        b",
        SyntaxErrorKind::TabError,
        "inconsistent use of tabs and spaces in indentation",
    );
    let e = error("x = 1\n  y = 2");
    assert_eq!(&"x = 1\n  y = 2"[e.span.start..e.span.end], "  ");
}

#[test]
fn try_needs_a_handler() {
    check(
        "try:\n  pass\nx = 1",
        "expected 'except' or 'finally' block",
        "x",
    );
    check("try:\n  pass\n", "expected 'except' or 'finally' block", "");
    check(
        "try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass",
        "default 'except:' must be last",
        "except:\n  pass",
    );
    check(
        "try:\n  pass\nexcept E, F:\n  pass",
        "multiple exception types must be parenthesized",
        "E, F",
    );
}

#[test]
fn conditional_expression_needs_else() {
    check("x = 1 if y", "expected 'else' after 'if' expression", "");
    check("f(a if b)", "expected 'else' after 'if' expression", ")");
}

#[test]
fn assignment_targets() {
    let here = "here. Maybe you meant '==' instead of '='?";
    check("1 = x", &format!("cannot assign to literal {here}"), "1");
    check(
        "f() = 1",
        &format!("cannot assign to function call {here}"),
        "f()",
    );
    check(
        "a+1 = 2",
        &format!("cannot assign to expression {here}"),
        "a+1",
    );
    check(
        "... = 1",
        &format!("cannot assign to ellipsis {here}"),
        "...",
    );
    check(
        "f'x' = 1",
        &format!("cannot assign to f-string expression {here}"),
        "f'x'",
    );
    check("x = 1 = 2", "cannot assign to literal", "1");
    check("True = 1", "cannot assign to True", "True");
    check("a < b = 1", "cannot assign to comparison", "a < b");
    check("lambda: x = 1", "cannot assign to lambda", "lambda: x");
    check("(a, 1) = x", "cannot assign to literal", "1");
    check("[a, f()] = x", "cannot assign to function call", "f()");
    check("for 1 in x: pass", "cannot assign to literal", "1");
    check("[x for 1 in y]", "cannot assign to literal", "1");
    check(
        "*a = b",
        "starred assignment target must be in a list or tuple",
        "*a",
    );
    check(
        "*a, *b = c",
        "multiple starred expressions in assignment",
        "*a, *b",
    );
    check("del 1", "cannot delete literal", "1");
    check("del a, (b, *c)", "cannot delete starred", "*c");
    check(
        "(a, b) += 1",
        "'tuple' is an illegal expression for augmented assignment",
        "(a, b)",
    );
    check(
        "f() += 1",
        "'function call' is an illegal expression for augmented assignment",
        "f()",
    );
    check(
        "1 += 1",
        "'literal' is an illegal expression for augmented assignment",
        "1",
    );
    check(
        "None += 1",
        "'None' is an illegal expression for augmented assignment",
        "None",
    );
}

#[test]
fn misplaced_equals() {
    let call = "expression cannot contain assignment, perhaps you meant \"==\"?";
    check("f(1=2)", call, "=");
    check("f(a.b=2)", call, "=");
    let maybe = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
    check("if x = 1: pass", maybe, "=");
    check("(a = 1)", maybe, "=");
}

#[test]
fn starred_misuse() {
    check("x = *a", "can't use starred expression here", "*a");
    check("*a", "can't use starred expression here", "*a");
    check("(*a)", "cannot use starred expression here", "*a");
    check(
        "def f():\n    return *a",
        "can't use starred expression here",
        "*a",
    );
    check(
        "for x in *a: pass",
        "can't use starred expression here",
        "*a",
    );
    check(
        "[*a for a in b]",
        "iterable unpacking cannot be used in comprehension",
        "[*a for a in b]",
    );
}

#[test]
fn arguments_and_parameters() {
    check("f(a=1, a=2)", "keyword argument repeated: a", "a=2");
    check(
        "f(a=1, 2)",
        "positional argument follows keyword argument",
        "2",
    );
    check(
        "def f(a=1, b): pass",
        "non-default argument follows default argument",
        "b",
    );
    check(
        "def f(a, a): pass",
        "duplicate argument 'a' in function definition",
        "a",
    );
    check(
        "lambda a=1, b: 1",
        "non-default argument follows default argument",
        "b",
    );
}

#[test]
fn statements_out_of_place() {
    check("return 1", "'return' outside function", "return 1");
    check("break", "'break' outside loop", "break");
    check("continue", "'continue' not properly in loop", "continue");
    check(
        "while 1:\n  def f():\n    break",
        "'break' outside loop",
        "break",
    );
    check(
        "for x in y:\n  try:\n    pass\n  finally:\n    continue\nbreak",
        "'break' outside loop",
        "break",
    );
}

#[test]
fn legacy_print() {
    check(
        "print \"hi\"",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        "print \"hi\"",
    );
    check(
        "print x",
        "Missing parentheses in call to 'print'. Did you mean print(...)?",
        "print x",
    );
}

#[test]
fn imports() {
    check(
        "from x import a,",
        "trailing comma not allowed without surrounding parentheses",
        ",",
    );
    check("import", "invalid syntax", "");
    check("from x import (a, b", "'(' was never closed", "(");
}

#[test]
fn literals() {
    check(
        "'abc",
        "unterminated string literal (detected at line 1)",
        "'",
    );
    check(
        "x = 1\n\"abc\ny",
        "unterminated string literal (detected at line 2)",
        "\"",
    );
    check(
        "'''abc\n\n",
        "unterminated triple-quoted string literal (detected at line 2)",
        "'''",
    );
    check("x = 1abc", "invalid decimal literal", "1a");
    check("x = 1_", "invalid decimal literal", "1_");
    check("0b2", "invalid digit '2' in binary literal", "2");
    check("0o8", "invalid digit '8' in octal literal", "8");
    check("0x", "invalid hexadecimal literal", "0x");
    check(
        "08",
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        "08",
    );
    let huge = "9".repeat(4301);
    check(
        &format!("x = {huge}"),
        "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; \
         use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge \
         integer literals to avoid decimal conversion limits.",
        &huge,
    );
    check("b'x'", "bytes literals are not supported", "b'x'");
    check(
        "'\\x4'",
        "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape",
        "\\x4",
    );
    check("x = 1 €", "invalid character '€' (U+20AC)", "€");
    check(
        "x = \\ 1",
        "unexpected character after line continuation character",
        "\\",
    );
    check("x = 1 \\", "unexpected EOF while parsing", "\\");
}

#[test]
fn later_lexical_errors_take_priority() {
    check(
        "1 = x\n\"abc",
        "unterminated string literal (detected at line 2)",
        "\"",
    );
    check(
        "x = 1 2\n'abc",
        "unterminated string literal (detected at line 2)",
        "'",
    );
}

#[test]
fn fstring_errors() {
    check("f'{x'", "f-string: expecting '}'", "{");
    check("f'{}'", "f-string: empty expression not allowed", "{}");
    check("f'}'", "f-string: single '}' is not allowed", "}");
    check(
        "f'{x!z}'",
        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
        "!z",
    );
    check(
        "f'{x\\n}'",
        "f-string expression part cannot include a backslash",
        "\\",
    );
    check("f'{#}'", "f-string expression part cannot include '#'", "#");
    check("f'{1 +}'", "f-string: invalid syntax", "");
    check(
        "f'{a b}'",
        "f-string: invalid syntax. Perhaps you forgot a comma?",
        "b",
    );
    check("f'{)}'", "f-string: unmatched ')'", ")");
    check(
        "f'{*a}'",
        "f-string: can't use starred expression here",
        "*a",
    );
    check(
        "x = f'{a}' + f'{1abc}'",
        "f-string: invalid decimal literal",
        "1a",
    );
}

#[test]
fn unsupported_constructs_are_named() {
    check("class A: pass", "npview does not support 'class'", "class");
    check(
        "def f():\n    yield 1",
        "npview does not support 'yield'",
        "yield",
    );
    check(
        "with f() as g: pass",
        "npview does not support 'with'",
        "with",
    );
    check("(x := 1)", "npview does not support ':='", ":=");
    check("@dec\ndef f(): pass", "decorators are not supported", "@");
    check("{1, 2}", "set displays are not supported", "{1, 2}");
    check(
        "(x for x in y)",
        "generator expressions are not supported",
        "(x for x in y)",
    );
    check(
        "f(x for x in y)",
        "generator expressions are not supported",
        "x for x in y",
    );
    check("f(**kw)", "'**' arguments are not supported", "**kw");
    check(
        "{k: v for k in y}",
        "dict comprehensions are not supported",
        "{k: v for k in y}",
    );
    check(
        "def f(*args): pass",
        "'*' parameters are not supported",
        "*args",
    );
    check(
        "def f(a: int): pass",
        "parameter annotations are not supported",
        "a: int",
    );
    check(
        "def f() -> int: pass",
        "return annotations are not supported",
        "-> int",
    );
    check(
        "x: int = 1",
        "variable annotations are not supported",
        "x: int = 1",
    );
    check(
        "for x in y:\n  pass\nelse:\n  pass",
        "'else' clauses on loops are not supported",
        "else",
    );
    check(
        "raise E from e",
        "'raise ... from' statements are not supported",
        "raise E from e",
    );
    check(
        "from . import x",
        "relative imports are not supported",
        "from . import x",
    );
    check(
        "from x import *",
        "'import *' statements are not supported",
        "from x import *",
    );
    check(
        "import a, b",
        "imports of several modules in one statement are not supported",
        "import a, b",
    );
}

#[test]
fn incomplete_input_asks_for_more() {
    let incomplete = [
        "x = (1,",
        "f(a,\n  b",
        "if x:",
        "if x:\n",
        "if x:\n    pass\nelse:",
        "'''abc",
        "x = 1 + \\",
        "try:\n  pass\n",
        "if x:\n    y = [\n",
    ];
    for src in incomplete {
        assert!(error(src).incomplete, "{src:?} should be incomplete");
    }
    let complete = [
        "x = 1 +",
        "'abc",
        "x = )",
        "if x\n",
        "if x:\ny",
        "1 = 2",
        "x = [1 2]",
    ];
    for src in complete {
        assert!(!error(src).incomplete, "{src:?} should be complete");
    }
}
