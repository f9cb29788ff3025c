//! The shape of the tree for each construct of the language.

use npview::syntax::parse_program;

use super::sexpr;

/// The program's statements as S-expressions, or the error message.
fn parse(src: &str) -> String {
    match parse_program(src) {
        Ok(stmts) => sexpr::stmts(&stmts),
        Err(e) => format!("error: {}", e.message),
    }
}

#[track_caller]
fn check(src: &str, expected: &str) {
    assert_eq!(parse(src), expected, "source: {src:?}");
}

#[test]
fn literals() {
    check("1; 0x1f; 0o17; 0b101; 1_000", "1 31 15 5 1000");
    check("1.; .5; 1e-3; 1.5E+2", "1.0 0.5 0.001 150.0");
    check("2j; 1.5j", "2.0j 1.5j");
    check("'a'; \"b\"; '''c\nd'''; r'\\n'", r#""a" "b" "c\nd" "\\n""#);
    check("'a' \"b\" 'c'", r#""abc""#);
    check("True; False; None; ...", "True False None ...");
    check("'\\x41\\t\\u00e9'", r#""A\té""#);
}

#[test]
fn names_and_attributes() {
    check("np.linalg.norm", "(. (. np linalg) norm)");
    check("é", "é");
}

#[test]
fn arithmetic_precedence() {
    check("1 + 2 * 3", "(+ 1 (* 2 3))");
    check("(1 + 2) * 3", "(* (+ 1 2) 3)");
    check("1 - 2 - 3", "(- (- 1 2) 3)");
    check("a @ b / c // d % e", "(% (// (/ (@ a b) c) d) e)");
    check("a | b ^ c & d << e + f", "(| a (^ b (& c (<< d (+ e f)))))");
    check("a >> 1 << 2", "(<< (>> a 1) 2)");
}

#[test]
fn power_and_unary() {
    check("-2**2", "(neg (** 2 2))");
    check("2**-1", "(** 2 (neg 1))");
    check("2**3**2", "(** 2 (** 3 2))");
    check("-x.y[0]**2", "(neg (** (sub (. x y) 0) 2))");
    check("~+-x", "(~ (pos (neg x)))");
    check("not not x", "(not (not x))");
    check("-a * b", "(* (neg a) b)");
}

#[test]
fn boolean_operators() {
    check("a or b or c", "(or a b c)");
    check("a and b or c and d", "(or (and a b) (and c d))");
    check("not a and b", "(and (not a) b)");
    check("not a == b", "(not (cmp a == b))");
}

#[test]
fn comparisons_chain() {
    check("a < b <= c", "(cmp a < b <= c)");
    check("a == b != c > d >= e", "(cmp a == b != c > d >= e)");
    check("a is not b", "(cmp a is-not b)");
    check("a not in b", "(cmp a not-in b)");
    check("a in b is c", "(cmp a in b is c)");
    check("a | b < c + d", "(cmp (| a b) < (+ c d))");
}

#[test]
fn conditional_and_lambda() {
    check("a if b else c", "(ifexp b a c)");
    check("a if b else c if d else e", "(ifexp b a (ifexp d c e))");
    check("lambda: 0", "(lambda () 0)");
    check("lambda x, y=1: x + y", "(lambda (x (y 1)) (+ x y))");
    check(
        "f = lambda x: x if x else -x",
        "(= f (lambda (x) (ifexp x x (neg x))))",
    );
}

#[test]
fn displays() {
    check("[]; [1]; [1, 2,]", "(list) (list 1) (list 1 2)");
    check("(); (1,); (1, 2); (1)", "(tuple) (tuple 1) (tuple 1 2) 1");
    check("1, 2", "(tuple 1 2)");
    check("x = 1,", "(= x (tuple 1))");
    check(
        "{}; {'a': 1, 'b': [2]}",
        r#"(dict) (dict ("a" 1) ("b" (list 2)))"#,
    );
    check("[*a, b]; (*a, *b)", "(list (* a) b) (tuple (* a) (* b))");
    check("((1, 2))", "(tuple 1 2)");
}

#[test]
fn comprehensions() {
    check("[x for x in xs]", "(listcomp x (for x xs))");
    check(
        "[f(x) for x in xs if x > 0 if x]",
        "(listcomp (call f x) (for x xs (if (cmp x > 0)) (if x)))",
    );
    check(
        "[(i, j) for i, j in pairs for k in range(3)]",
        "(listcomp (tuple i j) (for (tuple i j) pairs) (for k (call range 3)))",
    );
    check(
        "[a if c else b for x in y]",
        "(listcomp (ifexp c a b) (for x y))",
    );
    check("[x for x in a or b]", "(listcomp x (for x (or a b)))");
}

#[test]
fn calls() {
    check("f()", "(call f)");
    check("f(1, x, y=2, *rest)", "(call f 1 x (y= 2) (* rest))");
    check("f(a, *b, c=1, *d)", "(call f a (* b) (c= 1) (* d))");
    check("f(x,)", "(call f x)");
    check("f(a)(b)", "(call (call f a) b)");
    check(
        "print(a, sep='', end='\\n')",
        r#"(call print a (sep= "") (end= "\n"))"#,
    );
    check(
        "np.zeros((2, 3), dtype=np.int8)",
        "(call (. np zeros) (tuple 2 3) (dtype= (. np int8)))",
    );
}

#[test]
fn subscripts_and_slices() {
    check("a[0]", "(sub a 0)");
    check("a[1:2]", "(sub a (slice 1 2 _))");
    check("a[:]", "(sub a (slice _ _ _))");
    check("a[::2]", "(sub a (slice _ _ 2))");
    check("a[::]", "(sub a (slice _ _ _))");
    check("a[1:]", "(sub a (slice 1 _ _))");
    check("a[:-1]", "(sub a (slice _ (neg 1) _))");
    check(
        "a[1:2, ::3, None, ...]",
        "(sub a (tuple (slice 1 2 _) (slice _ _ 3) None ...))",
    );
    check("a[()]", "(sub a (tuple))");
    check("a[i,]", "(sub a (tuple i))");
    check(
        "a[:, np.newaxis]",
        "(sub a (tuple (slice _ _ _) (. np newaxis)))",
    );
    check("a[b][c]", "(sub (sub a b) c)");
    check("a[*idx]", "(sub a (tuple (* idx)))");
    check("a[x if c else y]", "(sub a (ifexp c x y))");
}

#[test]
fn fstrings() {
    check("f'x={x}'", r#"(f "x=" {x})"#);
    check("f'{x!r}'", "(f {x !r})");
    check("f'{x:.3f}'", "(f {x :.3f})");
    check("f'{n:>4}|'", r#"(f {n :>4} "|")"#);
    check("f'{{}}{a}{{'", r#"(f "{}" {a} "{")"#);
    check("f'{a + b[1]}'", "(f {(+ a (sub b 1))})");
    check("f'{x!r:>10}'", "(f {x !r :>10})");
    check("f'{x=}'", r#"(f "x=" {x !r})"#);
    check("f''", "(f )");
    check("'a' f'{b}' 'c'", r#"(f "a" {b} "c")"#);
    check("f'{1, 2}'", "(f {(tuple 1 2)})");
    check("f'{d[\"k\"]}'", r#"(f {(sub d "k")})"#);
    check("f\"{f'{x}'}\"", "(f {(f {x})})");
    check("rf'\\n{x}'", r#"(f "\\n" {x})"#);
    check("f'''{\nx\n}'''", "(f {x})");
    check(
        "f'{x:{{}}'",
        "error: f-string: nested replacement fields in format specs are not supported",
    );
}

#[test]
fn assignments() {
    check("a = 1", "(= a 1)");
    check("a = b = 1", "(= a b 1)");
    check("a, b = b, a", "(= (tuple a b) (tuple b a))");
    check("[a, b] = c", "(= (list a b) c)");
    check("(a, [b, *c]) = d", "(= (tuple a (list b (* c))) d)");
    check("a.b[0] = x.y = 2", "(= (sub (. a b) 0) (. x y) 2)");
    check("(a) = 1", "(= a 1)");
    check("() = []", "(= (tuple) (list))");
    check("x = *a, b", "(= x (tuple (* a) b))");
}

#[test]
fn augmented_assignments() {
    let ops = [
        "+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>",
    ];
    for op in ops {
        check(&format!("a {op}= 1"), &format!("({op}= a 1)"));
    }
    check("a[i] += b, c", "(+= (sub a i) (tuple b c))");
    check("a.b -= 1", "(-= (. a b) 1)");
}

#[test]
fn simple_statements() {
    check("pass; pass;", "pass pass");
    check("del a, b[0], c.d", "(del a (sub b 0) (. c d))");
    check("del (a, b)", "(del (tuple a b))");
    check("assert x", "(assert x _)");
    check("assert x, 'msg'", r#"(assert x "msg")"#);
    check("raise", "(raise)");
    check("raise ValueError('x')", r#"(raise (call ValueError "x"))"#);
    check("global a, b", "(global a b)");
}

#[test]
fn imports() {
    check("import numpy", "(import numpy)");
    check("import numpy as np", "(import numpy as np)");
    check("import numpy.linalg as la", "(import numpy.linalg as la)");
    check(
        "from numpy.lib.stride_tricks import as_strided, sliding_window_view as swv",
        "(from numpy.lib.stride_tricks as_strided (sliding_window_view swv))",
    );
    check("from numpy import (a,\n  b,)", "(from numpy a b)");
}

#[test]
fn if_elif_else() {
    check("if a:\n    b\n", "(if a [b])");
    check(
        "if a:\n    b\nelif c:\n    d\nelif e:\n    f\nelse:\n    g\n",
        "(if a [b] c [d] e [f] else [g])",
    );
    check("if x: y = 1", "(if x [(= y 1)])");
    check("if x: a; b\nelse: c", "(if x [a b] else [c])");
    check(
        "if a:\n    if b:\n        c\n    else:\n        d\ne",
        "(if a [(if b [c] else [d])]) e",
    );
}

#[test]
fn loops() {
    check(
        "while i < 3:\n    i += 1\n    if i: break\n    continue",
        "(while (cmp i < 3) [(+= i 1) (if i [break]) continue])",
    );
    check("for x in xs:\n    pass", "(for x xs [pass])");
    check(
        "for i, (a, b) in pairs: pass",
        "(for (tuple i (tuple a b)) pairs [pass])",
    );
    check("for x in 1, 2: pass", "(for x (tuple 1 2) [pass])");
    check("for x in *a, b: pass", "(for x (tuple (* a) b) [pass])");
}

#[test]
fn functions() {
    check("def f():\n    return", "(def f () [(return)])");
    check(
        "def f(a, b=2, c=None):\n    return a + b",
        "(def f (a (b 2) (c None)) [(return (+ a b))])",
    );
    check(
        "def f(a,): return a, 1",
        "(def f (a) [(return (tuple a 1))])",
    );
    check(
        "def outer():\n    def inner(x):\n        return x\n    return inner",
        "(def outer () [(def inner (x) [(return x)]) (return inner)])",
    );
}

#[test]
fn try_statements() {
    check(
        "try:\n    a\nexcept ValueError as e:\n    b\nexcept (A, B):\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f",
        "(try [a] (except ValueError e [b]) (except (tuple A B) _ [c]) (except _ _ [d]) else [e] finally [f])",
    );
    check("try:\n    a\nfinally:\n    b", "(try [a] finally [b])");
    check("try: a\nexcept E: b", "(try [a] (except E _ [b]))");
}

#[test]
fn line_structure() {
    check(
        "a = (1,\n     2)\nb = [\n  3,\n]\n",
        "(= a (tuple 1 2)) (= b (list 3))",
    );
    check("x = 1 + \\\n    2", "(= x (+ 1 2))");
    check("# only\n\n   \n# comments\n", "");
    check("", "");
    check("a  # trailing\n", "a");
    check("if a:\n    b\n\n    # comment\n    c\n", "(if a [b c])");
    check("if a:\r\n    b\r\nc\r\n", "(if a [b]) c");
    check("if a:\n\tb\n\tc", "(if a [b c])");
    check("x = {\n 'a': 1,  # note\n}", r#"(= x (dict ("a" 1)))"#);
}

#[test]
fn soft_names_are_names() {
    check("match = case = type = _ = 1", "(= match case type _ 1)");
    check("print(print)", "(call print print)");
}
