//! Hostile input: deep nesting, huge expressions, random bytes and token
//! soups must give a syntax error (or a tree), never a panic or a stack
//! overflow; big scripts parse quickly.

use std::time::{Duration, Instant};

use npview::syntax::{parse_program, MAX_EXPR_DEPTH};

fn message(src: &str) -> String {
    match parse_program(src) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.message,
    }
}

#[test]
fn nesting_brackets_beyond_200_is_refused() {
    let deep = format!("x = {}1{}", "(".repeat(201), ")".repeat(201));
    assert_eq!(message(&deep), "too many nested parentheses");
    let deep = format!("x = {}", "[".repeat(100_000));
    assert_eq!(message(&deep), "too many nested parentheses");
    let fine = format!("x = {}1{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(message(&fine), "ok");
}

#[test]
fn long_operator_chains_are_too_complex() {
    let chain = format!("x = 1{}", "+1".repeat(100_000));
    assert_eq!(message(&chain), "too complex expression");
    let negs = format!("x = {}x", "-".repeat(100_000));
    assert_eq!(message(&negs), "too complex expression");
    let nots = format!("x = {}x", "not ".repeat(100_000));
    assert_eq!(message(&nots), "too complex expression");
    let attrs = format!("x = a{}", ".b".repeat(100_000));
    assert_eq!(message(&attrs), "too complex expression");
    let calls = format!("x = f{}", "()".repeat(100_000));
    assert_eq!(message(&calls), "too complex expression");
    let pow = format!("x = 2{}", "**2".repeat(100_000));
    assert_eq!(message(&pow), "too complex expression");
    let ifs = format!("x = {}0", "1 if c else ".repeat(100_000));
    assert_eq!(message(&ifs), "too complex expression");
    let lambdas = format!("x = {}0", "lambda: ".repeat(100_000));
    assert_eq!(message(&lambdas), "too complex expression");
}

#[test]
fn depth_limit_is_exact_enough() {
    let depth = MAX_EXPR_DEPTH as usize;
    // `-` applied n times to a name is a tree n + 1 deep.
    let ok = format!("x = {}x", "-".repeat(depth - 1));
    assert_eq!(message(&ok), "ok");
    let too_deep = format!("x = {}x", "-".repeat(depth));
    assert_eq!(message(&too_deep), "too complex expression");
}

#[test]
fn long_flat_constructs_are_fine() {
    let list = format!("x = [{}]", "1, ".repeat(100_000));
    assert_eq!(message(&list), "ok");
    let cmp = format!("x = 0{}", " < 1".repeat(100_000));
    assert_eq!(message(&cmp), "ok");
    let ors = format!("x = 0{}", " or 1".repeat(100_000));
    assert_eq!(message(&ors), "ok");
    let args = format!("f({})", "a, ".repeat(100_000));
    assert_eq!(message(&args), "ok");
    let params = (0..20_000)
        .map(|i| format!("p{i}=0"))
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(message(&format!("def f({params}): pass")), "ok");
}

#[test]
fn deep_blocks_hit_the_indentation_limit() {
    let mut src = String::new();
    for depth in 0..150 {
        src.push_str(&" ".repeat(depth));
        src.push_str("if x:\n");
    }
    assert_eq!(message(&src), "too many levels of indentation");
}

/// A small deterministic generator, so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(64);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let src = String::from_utf8_lossy(&bytes);
        let _ = parse_program(&src);
    }
}

#[test]
fn random_token_soups_never_panic() {
    const PIECES: &[&str] = &[
        "a", "b", "np", "1", "0x1f", "1.5", "2j", "'s'", "f'{a}'", "f'{", "'''", "\"", "(", ")",
        "[", "]", "{", "}", ",", ":", ";", ".", "...", "=", "==", "+", "-", "*", "**", "/", "//",
        "@", "<", "not", "in", "is", "and", "or", "if", "else", "elif", "for", "while", "def",
        "return", "lambda", "try", "except", "finally", "import", "from", "as", "del", "pass",
        "break", "continue", "global", "assert", "raise", "None", "True", "class", "yield", "\n",
        "\n    ", "\n  ", "\t", " ", "\\\n", "\\", "#c\n", "€", "$", ":=", "->", "+=", "**=",
    ];
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let len = 1 + rng.below(24);
        let src: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        let _ = parse_program(&src);
    }
}

#[test]
fn random_valid_lines_parse() {
    // Mutating a valid program one byte at a time must not panic either.
    let base = "import numpy as np\ndef f(a, b=2):\n    return a[1:2, ::3] + f'{b!r:>4}'\nx = [f(i) for i in range(3) if i]\nif x: y = -2**2\n";
    let mut rng = Rng(7);
    let bytes = base.as_bytes();
    for _ in 0..3000 {
        let mut mutated = bytes.to_vec();
        let at = rng.below(mutated.len());
        match rng.below(3) {
            0 => {
                mutated.remove(at);
            }
            1 => mutated.insert(at, b"()[]{}:,'\"\\\n #=.*"[rng.below(17)]),
            _ => mutated[at] = b"()[]{}:,'\"\\\n #=.*"[rng.below(17)],
        }
        let src = String::from_utf8_lossy(&mutated);
        let _ = parse_program(&src);
    }
}

#[test]
fn ten_thousand_lines_parse_in_milliseconds() {
    let block = "x = np.arange(12).reshape(3, 4)\nif x[0, 1] > 2:\n    y = x[:, ::2] * 2 + f'{x!r}'\nelse:\n    y = [i ** 2 for i in range(10) if i % 2]\n";
    let src = block.repeat(2000);
    let start = Instant::now();
    let stmts = parse_program(&src).map_err(|e| e.message);
    let elapsed = start.elapsed();
    assert_eq!(stmts.map(|s| s.len()), Ok(4000));
    // Generous for unoptimised test builds; release builds take a few ms.
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
}
