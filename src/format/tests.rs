//! Checks every printer against the NumPy output recorded in
//! `testdata/cases.txt` (written by `testdata/gen_cases.py`; its docstring
//! gives the format and the command that regenerates it).

use super::*;
use std::collections::HashMap;

const CASES: &str = include_str!("testdata/cases.txt");

/// Environment variable naming an extra case file for `numpy_fuzz_file`.
const CASES_VAR: &str = "NPVIEW_FORMAT_CASES";

/// An array over a flat `Vec` (dense) or a map holding only the elements
/// NumPy prints (sparse: reading any other element fails the test).
struct TestArray {
    shape: Vec<usize>,
    dtype: DType,
    dense: Vec<Scalar>,
    sparse: Option<HashMap<usize, Scalar>>,
}

impl Elements for TestArray {
    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn dtype(&self) -> DType {
        self.dtype
    }

    fn get(&self, index: &[usize]) -> Scalar {
        assert_eq!(index.len(), self.shape.len(), "index rank");
        let mut flat = 0;
        for (&i, &n) in index.iter().zip(&self.shape) {
            assert!(i < n, "index {:?} out of range for {:?}", index, self.shape);
            flat = flat * n + i;
        }
        match &self.sparse {
            Some(map) => *map
                .get(&flat)
                .unwrap_or_else(|| panic!("read unprinted element {:?}", index)),
            None => self.dense[flat],
        }
    }
}

fn float_bits(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).expect("hex float bits"))
}

fn value(dtype: DType, s: &str) -> Scalar {
    use crate::array::dtype::Kind;
    match dtype.kind() {
        Kind::Bool => Scalar::Bool(s == "1"),
        Kind::Int => Scalar::Int(s.parse().expect("int")),
        Kind::UInt => Scalar::UInt(s.parse().expect("uint")),
        Kind::Float => Scalar::Float(float_bits(s)),
        Kind::Complex => {
            let (re, im) = s.split_once('/').expect("complex");
            Scalar::Complex(float_bits(re), float_bits(im))
        }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn array_case(fields: &[&str]) -> (String, TestArray, PrintOptions) {
    let [name, dtype, shape, opts, values] = fields else {
        panic!("bad array record {:?}", fields);
    };
    let dtype = DType::from_name(dtype).expect("dtype");
    let shape: Vec<usize> = if *shape == "-" {
        Vec::new()
    } else {
        shape.split(',').map(|n| n.parse().expect("len")).collect()
    };
    let opts = if *opts == "-" {
        PrintOptions::default()
    } else {
        let o: Vec<usize> = opts.split(',').map(|n| n.parse().expect("opt")).collect();
        PrintOptions {
            linewidth: o[0],
            threshold: o[1],
            edgeitems: o[2],
            precision: o[3],
        }
    };
    let mut array = TestArray {
        shape,
        dtype,
        dense: Vec::new(),
        sparse: None,
    };
    if let Some(list) = values.strip_prefix("dense:") {
        array.dense = list
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| value(dtype, s))
            .collect();
    } else if let Some(list) = values.strip_prefix("sparse:") {
        let map = list
            .split(',')
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("flat=value");
                (k.parse().expect("flat"), value(dtype, v))
            })
            .collect();
        array.sparse = Some(map);
    }
    (name.to_string(), array, opts)
}

struct Outcome {
    checked: usize,
    failures: Vec<String>,
}

impl Outcome {
    fn check(&mut self, what: &str, got: String, want: &str) {
        self.checked += 1;
        if got != want {
            self.failures
                .push(format!("{}\n  want: {:?}\n  got:  {:?}", what, want, got));
        }
    }
}

/// Runs every record of `cases.txt`; a panic inside a printer is reported
/// as a failure of its case.
fn run_cases(cases: &str) -> Outcome {
    let mut out = Outcome {
        checked: 0,
        failures: Vec::new(),
    };
    let mut lines = cases.lines().peekable();
    while let Some(line) = lines.next() {
        let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut expect = |tag: &str| -> String {
            let next = lines.next().unwrap_or_default();
            let text = next
                .strip_prefix(tag)
                .and_then(|t| t.strip_prefix(' '))
                .unwrap_or_else(|| panic!("expected {} line after {:?}", tag, line));
            unescape(text)
        };
        match kind {
            "A" => {
                let fields: Vec<&str> = rest.split(' ').collect();
                let (name, array, opts) = array_case(&fields);
                let want_str = expect("S");
                let want_repr = expect("R");
                let got = std::panic::catch_unwind(|| {
                    (
                        array_str_with(&array, &opts),
                        array_repr_with(&array, &opts),
                    )
                });
                match got {
                    Ok((s, r)) => {
                        out.check(&format!("str {}", name), s, &want_str);
                        out.check(&format!("repr {}", name), r, &want_repr);
                    }
                    Err(_) => out.failures.push(format!("{}: panicked", name)),
                }
            }
            "X" => {
                let (dtype, v) = rest.split_once(' ').expect("scalar record");
                let dtype = DType::from_name(dtype).expect("dtype");
                let v = value(dtype, v);
                let want_str = expect("S");
                let want_repr = expect("R");
                out.check(
                    &format!("scalar_str {} {:?}", dtype, v),
                    scalar_str(dtype, v),
                    &want_str,
                );
                out.check(
                    &format!("scalar_repr {} {:?}", dtype, v),
                    scalar_repr(dtype, v),
                    &want_repr,
                );
            }
            "F" => {
                let v = float_bits(rest);
                let want = expect("R");
                out.check(&format!("float_repr {:e}", v), float_repr(v), &want);
            }
            "C" => {
                let (re, im) = rest.split_once('/').expect("complex record");
                let (re, im) = (float_bits(re), float_bits(im));
                let want = expect("R");
                out.check(
                    &format!("complex_repr {:e} {:e}", re, im),
                    complex_repr(re, im),
                    &want,
                );
            }
            "D" => {
                let dtype = DType::from_name(rest).expect("dtype");
                let want = expect("R");
                out.check(&format!("dtype_repr {}", dtype), dtype_repr(dtype), &want);
            }
            _ => panic!("unknown record {:?}", line),
        }
    }
    out
}

fn assert_all_pass(out: &Outcome) {
    if !out.failures.is_empty() {
        let shown: Vec<&str> = out.failures.iter().take(40).map(|s| s.as_str()).collect();
        panic!(
            "{} of {} checks differ from NumPy:\n{}",
            out.failures.len(),
            out.checked,
            shown.join("\n")
        );
    }
}

#[test]
fn numpy_cases() {
    let out = run_cases(CASES);
    assert!(out.checked > 1500, "only {} checks ran", out.checked);
    assert_all_pass(&out);
}

/// Checks the case file named by `NPVIEW_FORMAT_CASES` (random cases from
/// `gen_cases.py --fuzz`).
#[test]
#[ignore]
fn numpy_fuzz_file() {
    let path = std::env::var(CASES_VAR).unwrap_or_else(|_| panic!("set {}", CASES_VAR));
    let cases = std::fs::read_to_string(&path).expect("readable case file");
    let out = run_cases(&cases);
    eprintln!("{} checks from {}", out.checked, path);
    assert_all_pass(&out);
}

/// An array whose elements are computed on demand, counting reads.
struct Virtual {
    shape: Vec<usize>,
    dtype: DType,
    value: fn(&[usize]) -> Scalar,
    reads: std::cell::Cell<usize>,
}

impl Virtual {
    fn new(shape: &[usize], dtype: DType, value: fn(&[usize]) -> Scalar) -> Virtual {
        Virtual {
            shape: shape.to_vec(),
            dtype,
            value,
            reads: std::cell::Cell::new(0),
        }
    }
}

impl Elements for Virtual {
    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn dtype(&self) -> DType {
        self.dtype
    }

    fn get(&self, index: &[usize]) -> Scalar {
        self.reads.set(self.reads.get() + 1);
        (self.value)(index)
    }
}

fn flat_index(index: &[usize]) -> Scalar {
    Scalar::Int(
        index
            .iter()
            .fold(0i64, |acc, &i| acc.wrapping_mul(31).wrapping_add(i as i64)),
    )
}

/// The expected texts are NumPy's for `np.arange(10**8) / 4.0` and
/// `np.arange(10**8).reshape(10000, 10000)`.
#[test]
fn summarised_arrays_read_only_the_printed_elements() {
    let a = Virtual::new(&[100_000_000], DType::Float64, |i| {
        Scalar::Float(i[0] as f64 / 4.0)
    });
    assert_eq!(
        array_repr(&a),
        "array([0.00000000e+00, 2.50000000e-01, 5.00000000e-01, ...,\n       \
         2.49999992e+07, 2.49999995e+07, 2.49999998e+07], shape=(100000000,))"
    );
    assert_eq!(a.reads.get(), 6);
    let b = Virtual::new(&[10_000, 10_000], DType::Int64, |i| {
        Scalar::Int((i[0] * 10_000 + i[1]) as i64)
    });
    assert_eq!(
        array_str(&b),
        "[[       0        1        2 ...     9997     9998     9999]\n \
         [   10000    10001    10002 ...    19997    19998    19999]\n \
         [   20000    20001    20002 ...    29997    29998    29999]\n \
         ...\n \
         [99970000 99970001 99970002 ... 99979997 99979998 99979999]\n \
         [99980000 99980001 99980002 ... 99989997 99989998 99989999]\n \
         [99990000 99990001 99990002 ... 99999997 99999998 99999999]]"
    );
    assert_eq!(b.reads.get(), 36);
    let c = Virtual::new(&[1000, 1000, 100], DType::UInt8, flat_index);
    array_repr(&c);
    assert_eq!(c.reads.get(), 216);
}

/// Shapes, dtypes, values and options far from the usual: every printer
/// must return text, whatever it is given.
#[test]
fn odd_inputs_do_not_panic() {
    let values = [
        Scalar::Bool(true),
        Scalar::Int(i64::MIN),
        Scalar::Int(i64::MAX),
        Scalar::UInt(u64::MAX),
        Scalar::Float(f64::NAN),
        Scalar::Float(-f64::NAN),
        Scalar::Float(f64::NEG_INFINITY),
        Scalar::Float(f64::MAX),
        Scalar::Float(-5e-324),
        Scalar::Float(-0.0),
        Scalar::Float(1e300),
        Scalar::Complex(f64::NAN, -f64::INFINITY),
        Scalar::Complex(-0.0, 5e-324),
        Scalar::Complex(f64::MAX, -f64::MAX),
    ];
    let shapes: [&[usize]; 10] = [
        &[],
        &[0],
        &[1],
        &[0, 5],
        &[5, 0, 3],
        &[3, 4, 0],
        &[usize::MAX, 0],
        &[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        &[2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
        &[1001, 3],
    ];
    let options = [
        PrintOptions::default(),
        PrintOptions {
            linewidth: 0,
            threshold: 0,
            edgeitems: 0,
            precision: 0,
        },
        PrintOptions {
            linewidth: 1,
            threshold: 1,
            edgeitems: usize::MAX,
            precision: 40,
        },
        PrintOptions {
            linewidth: 10_000,
            threshold: usize::MAX,
            edgeitems: 1,
            precision: 2000,
        },
    ];
    for dtype in DType::ALL {
        for (k, &v) in values.iter().enumerate() {
            for x in [scalar_str(dtype, v), scalar_repr(dtype, v)] {
                assert!(!x.is_empty());
            }
            let shape = shapes[k % shapes.len()];
            let opts = &options[k % options.len()];
            let a = TestArray {
                shape: shape.to_vec(),
                dtype,
                dense: Vec::new(),
                sparse: None,
            };
            let n = shape.iter().fold(1usize, |acc, &d| acc.saturating_mul(d));
            let a = TestArray {
                dense: (0..n.min(100_000))
                    .map(|i| values[(i + k) % values.len()])
                    .collect(),
                ..a
            };
            assert!(!array_str_with(&a, opts).is_empty() || !shape.is_empty());
            assert!(array_repr_with(&a, opts).starts_with("array("));
        }
    }
    for v in values {
        let (re, im) = v.to_complex();
        assert!(!float_repr(re).is_empty());
        assert!(!complex_repr(re, im).is_empty());
    }
}
