//! Python warnings on standard error, for NumPy's RuntimeWarnings.
//!
//! NumPy reports floating-point trouble after a loop (division by zero,
//! overflow, invalid results) and integer division by zero as warnings:
//! the computation goes on and Python prints, once per message and line,
//!
//! ```text
//! script.npv:3: RuntimeWarning: divide by zero encountered in floor_divide
//!   print(a // 0)
//! ```
//!
//! This module decides which warnings an operator's result deserves (from
//! its operands and result, so the kernels stay free of it) and prints them.
//! Warnings never reach standard output, so captured runs (golden tests)
//! do not show them.

use std::collections::HashSet;
use std::rc::Rc;

use super::{Interp, Output};
use crate::array::dtype::{DType, Kind};
use crate::array::element;
use crate::array::fpstatus::Raised;
use crate::array::layout::broadcast_strides;
use crate::array::ndarray::StridedOffsets;
use crate::array::ops::{self, BinaryOp, Operand};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{ExcKind, PyResult};
use crate::syntax::ast::Span;

/// Where warnings point, and which were already shown.
#[derive(Default)]
pub struct WarningLog {
    /// The script's file name and text, to name the line of a warning.
    script: Option<(String, Rc<str>)>,
    /// Warnings raised but not yet printed (their line is not known yet).
    pending: Vec<String>,
    /// Python's default filter shows each message once per line.
    seen: HashSet<(usize, String)>,
}

impl WarningLog {
    /// Whether a warning waits to be printed: checked inline after every
    /// evaluation, so that `flush_warnings` is called only when one does.
    #[inline]
    pub(super) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }
}

impl Interp {
    /// Names the script, so warnings can show its file and lines.
    pub fn set_script(&mut self, filename: &str, source: &str) {
        // Python names a script file by its absolute path.
        let path = std::path::Path::new(filename);
        let name = match std::path::absolute(path) {
            Ok(full) if path.is_file() => full.to_string_lossy().into_owned(),
            _ => filename.to_string(),
        };
        self.warnings.script = Some((name, Rc::from(source)));
    }

    /// Records a RuntimeWarning; it is printed with the line of the
    /// expression that raised it.
    pub fn warn(&mut self, message: String) {
        self.warnings.pending.push(message);
    }

    /// Prints the pending warnings as raised at `span`.
    pub(super) fn flush_warnings(&mut self, span: Span) {
        if self.warnings.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.warnings.pending);
        if !matches!(self.output, Output::Stdout) {
            return;
        }
        let (filename, line, text) = match &self.warnings.script {
            Some((name, source)) => {
                let start = span.start.min(source.len());
                let line = source[..start].matches('\n').count() + 1;
                let text = source.lines().nth(line - 1).unwrap_or("").trim();
                (name.as_str(), line, text)
            }
            // The REPL: Python compiles each input on its own.
            None => ("<stdin>", 1, ""),
        };
        // Python cannot show the text of `<string>` or `<stdin>` lines.
        let text = if filename.starts_with('<') { "" } else { text };
        let category = ExcKind::RuntimeWarning.name();
        let mut out = String::new();
        for message in pending {
            if !self.warnings.seen.insert((line, message.clone())) {
                continue;
            }
            out.push_str(&format!("{filename}:{line}: {category}: {message}\n"));
            if !text.is_empty() {
                out.push_str(&format!("  {text}\n"));
            }
        }
        if !out.is_empty() {
            self.flush();
            eprint!("{out}");
        }
    }
}

/// `a op b` into a new array, with the RuntimeWarnings NumPy gives for it.
/// `scalar` is true when neither operand is an array (NumPy's scalar math
/// says so in its messages).
pub fn binary_with_warnings(
    op: BinaryOp,
    a: &Operand,
    b: &Operand,
    scalar: bool,
) -> PyResult<(Array, Vec<String>)> {
    let (result, raised) = ops::binary_watched(op, a, b, None)?;
    let messages = warnings(op, a, b, &result, form(scalar), false, raised);
    Ok((result, messages))
}

/// `a op= b` in place, with its RuntimeWarnings. They are given only when
/// every element of `a` was finite before: the left values are then not
/// needed to tell division by zero from overflow once overwritten.
pub fn inplace_with_warnings(op: BinaryOp, a: &Array, b: &Operand) -> PyResult<Vec<String>> {
    let left = Operand::Array(a.clone());
    let finite_before = !a.dtype().is_float() || all_finite(a);
    let (_, raised) = ops::binary_watched(op, &left, b, Some(a))?;
    Ok(if finite_before {
        warnings(op, &left, b, a, Form::Operator, true, raised)
    } else {
        vec![]
    })
}

/// The RuntimeWarnings NumPy gives for `a op b = result`, found from the
/// elements alone (no exception flags).
pub fn arithmetic_warnings(
    op: BinaryOp,
    a: &Operand,
    b: &Operand,
    result: &Array,
    scalar: bool,
) -> Vec<String> {
    warnings(op, a, b, result, form(scalar), false, None)
}

fn form(scalar: bool) -> Form {
    if scalar {
        Form::Scalar
    } else {
        Form::Operator
    }
}

/// The RuntimeWarnings of the ufunc called as a function, `np.<op>(a, b)`,
/// whose loop wrote `result` (in the loop's dtype) raising `raised`. The
/// messages name the ufunc called: never "scalar", never the faster ufunc
/// an operator would have picked (`np.power(x, 2)` warns in power).
pub fn ufunc_call_warnings(
    op: BinaryOp,
    a: &Operand,
    b: &Operand,
    result: &Array,
    raised: Option<Raised>,
) -> Vec<String> {
    warnings(op, a, b, result, Form::Function, false, raised)
}

/// How an operation was written, which its warnings' names follow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// An operator between arrays (or an array and a Python scalar).
    Operator,
    /// An operator between NumPy scalars: "scalar divide".
    Scalar,
    /// `np.divide(...)`.
    Function,
}

/// `raised`: the exception flags of the loop that computed `result`, when
/// known. No flag raised means no float result deserves a warning; raised
/// flags only say "look": the elements decide which warnings NumPy gives
/// (its loops raise the flags in a few places differently from ours).
fn warnings(
    op: BinaryOp,
    a: &Operand,
    b: &Operand,
    result: &Array,
    form: Form,
    left_overwritten: bool,
    raised: Option<Raised>,
) -> Vec<String> {
    use BinaryOp::*;
    let scalar = form == Form::Scalar;
    if !matches!(
        op,
        Add | Subtract | Multiply | Divide | FloorDivide | Remainder | Power
    ) || result.size() == 0
    {
        return vec![];
    }
    let dtype = result.dtype();
    let prefix = if scalar { "scalar " } else { "" };
    let name = match form {
        Form::Operator => ufunc_name(op, a, b),
        Form::Scalar | Form::Function => op.ufunc_name(),
    };
    let mut out = cast_warnings(a, b, dtype);
    match dtype.kind() {
        Kind::Int | Kind::UInt => {
            // Array additions wrap silently; only division looks further.
            if !scalar && !matches!(op, FloorDivide | Remainder) {
                return out;
            }
            let shape = result.shape();
            let pairs = || {
                values(a, &shape, dtype)
                    .zip(values(b, &shape, dtype))
                    .map(|(p, q)| (int(p), int(q)))
            };
            let divides = matches!(op, FloorDivide | Remainder);
            if divides && pairs().any(|(_, q)| q == 0) {
                out.push(format!("divide by zero encountered in {prefix}{name}"));
            }
            let (lo, _) = dtype.int_range().unwrap_or((0, 0));
            let overflow = match op {
                _ if left_overwritten => false,
                FloorDivide => lo < 0 && pairs().any(|(p, q)| p == lo && q == -1),
                // Array loops wrap silently; NumPy's scalar math checks.
                Add | Subtract | Multiply if scalar => pairs().any(|(p, q)| {
                    let exact = match op {
                        Add => p.checked_add(q),
                        Subtract => p.checked_sub(q),
                        _ => p.checked_mul(q),
                    };
                    let (lo, hi) = dtype.int_range().unwrap_or((0, 0));
                    exact.is_none_or(|v| v < lo || v > hi)
                }),
                _ => false,
            };
            if overflow {
                out.push(format!("overflow encountered in {prefix}{name}"));
            }
        }
        Kind::Float => {
            let maybe = match raised {
                Some(flags) => flags.any(),
                None => !all_finite(result),
            };
            if !maybe {
                return out;
            }
            let shape = result.shape();
            let results = values(&Operand::Array(result.clone()), &shape, dtype);
            let (x, y) = (values(a, &shape, dtype), values(b, &shape, dtype));
            let (mut divide, mut overflow, mut invalid) = (false, false, false);
            for ((p, q), z) in x.zip(y).zip(results) {
                // An overwritten left side was all finite: only its zeros
                // matter, and then the result says which case it was.
                let p = if left_overwritten { 1.0 } else { p.to_f64() };
                let (q, z) = (q.to_f64(), z.to_f64());
                if z.is_nan() {
                    invalid |= !p.is_nan() && !q.is_nan();
                } else if z.is_infinite() && p.is_finite() && q.is_finite() {
                    let by_zero = match op {
                        Divide | FloorDivide => q == 0.0,
                        Power => (left_overwritten || p == 0.0) && q < 0.0,
                        _ => false,
                    };
                    if by_zero {
                        divide = true;
                    } else {
                        overflow = true;
                    }
                }
            }
            // NumPy reports the flags in this order.
            for (raised, what) in [
                (divide, "divide by zero"),
                (overflow, "overflow"),
                (invalid, "invalid value"),
            ] {
                if raised {
                    out.push(format!("{what} encountered in {prefix}{name}"));
                }
            }
        }
        Kind::Bool | Kind::Complex => {}
    }
    out
}

/// The ufunc NumPy actually runs: `x ** 2`, `x ** 0.5` and `x ** -1` on a
/// float array (not a scalar) with a Python scalar exponent take faster
/// ufuncs, whose names the warnings carry.
fn ufunc_name(op: BinaryOp, a: &Operand, b: &Operand) -> &'static str {
    if let (BinaryOp::Power, Operand::Array(x)) = (op, a) {
        if x.dtype().kind() == Kind::Float {
            let exponent = match b {
                Operand::PyInt(i) => Some(*i as f64),
                Operand::PyFloat(f) => Some(*f),
                _ => None,
            };
            let fast = [(2.0, "square"), (0.5, "sqrt"), (-1.0, "reciprocal")];
            if let Some((_, name)) = fast.iter().find(|(e, _)| exponent == Some(*e)) {
                return name;
            }
        }
    }
    op.ufunc_name()
}

/// A Python float too large for a float32 loop overflows as it is cast.
fn cast_warnings(a: &Operand, b: &Operand, dtype: DType) -> Vec<String> {
    if !matches!(dtype, DType::Float32 | DType::Complex64) {
        return vec![];
    }
    let too_big = |op: &Operand| match op {
        Operand::PyFloat(f) => f.is_finite() && (*f as f32).is_infinite(),
        Operand::PyComplex(re, im) => [re, im]
            .iter()
            .any(|v| v.is_finite() && (**v as f32).is_infinite()),
        _ => false,
    };
    if too_big(a) || too_big(b) {
        vec!["overflow encountered in cast".to_string()]
    } else {
        vec![]
    }
}

/// The operand's elements broadcast to `shape` and cast to `dtype`, read
/// one at a time (never a full-size copy: the operands may be huge).
fn values(op: &Operand, shape: &[usize], dtype: DType) -> Box<dyn Iterator<Item = Scalar>> {
    let size: usize = shape.iter().product();
    let scalar = match op {
        Operand::Array(a) => {
            let d = a.data();
            let Some(strides) = broadcast_strides(&d.shape, &d.strides, shape) else {
                return Box::new(std::iter::repeat_n(Scalar::Float(1.0), size));
            };
            let (buffer, own) = (d.buffer.clone(), d.dtype);
            let offsets = StridedOffsets::new(shape, &strides, d.offset);
            return Box::new(
                offsets
                    .map(move |off| element::cast(element::read(own, &buffer.bytes(), off), dtype)),
            );
        }
        Operand::PyBool(v) => Scalar::Bool(*v),
        Operand::PyInt(v) => Scalar::Int(*v),
        Operand::PyFloat(v) => Scalar::Float(*v),
        Operand::PyComplex(re, im) => Scalar::Complex(*re, *im),
    };
    Box::new(std::iter::repeat_n(element::cast(scalar, dtype), size))
}

/// Whether every element of a float array is finite (one pass, no copy).
pub fn all_finite(a: &Array) -> bool {
    let d = a.data();
    let bytes = d.buffer.bytes();
    // The common case, a contiguous array, is one vectorised pass.
    let contiguous = a.is_c_contiguous() || a.is_f_contiguous();
    let n: usize = d.shape.iter().product();
    let span = bytes.get(d.offset..d.offset + n * d.dtype.itemsize());
    match (contiguous, span, d.dtype) {
        (true, Some(span), DType::Float64) => {
            finite_bits::<8>(span, |c| u64::from_ne_bytes(c) >> 52 & 0x7ff != 0x7ff)
        }
        (true, Some(span), DType::Float32) => {
            finite_bits::<4>(span, |c| u32::from_ne_bytes(c) >> 23 & 0xff != 0xff)
        }
        _ => a
            .offsets()
            .all(|off| element::read(d.dtype, &bytes, off).to_f64().is_finite()),
    }
}

/// Whether `finite` holds for every `N`-byte element of `span`. It looks at
/// the bit patterns (an all-ones exponent is infinity or NaN) in chunks
/// with no early exit inside a chunk, so the compiler vectorises the chunk
/// and no float operation raises exception flags.
fn finite_bits<const N: usize>(span: &[u8], finite: impl Fn([u8; N]) -> bool) -> bool {
    const CHUNK: usize = 2048;
    span.chunks(CHUNK).all(|chunk| {
        chunk
            .chunks_exact(N)
            .fold(true, |ok, c| ok & finite(c.try_into().unwrap_or([0; N])))
    })
}

fn int(v: Scalar) -> i128 {
    match v {
        Scalar::Int(i) => i as i128,
        Scalar::UInt(u) => u as i128,
        Scalar::Bool(b) => b as i128,
        other => other.to_f64() as i128,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr(dtype: DType, values: &[Scalar]) -> Operand {
        Operand::Array(Array::from_scalars(dtype, &[values.len()], values).unwrap())
    }

    fn run(op: BinaryOp, a: Operand, b: Operand, scalar: bool) -> Vec<String> {
        let result = crate::array::ops::binary(op, &a, &b, None).unwrap();
        arithmetic_warnings(op, &a, &b, &result, scalar)
    }

    #[test]
    fn integer_division_by_zero() {
        let a = arr(DType::Int64, &[Scalar::Int(1), Scalar::Int(2)]);
        assert_eq!(
            run(BinaryOp::FloorDivide, a.clone(), Operand::PyInt(0), false),
            ["divide by zero encountered in floor_divide"]
        );
        assert!(run(BinaryOp::FloorDivide, a, Operand::PyInt(2), false).is_empty());
    }

    #[test]
    fn float_division_flags_in_numpy_order() {
        let a = arr(
            DType::Float64,
            &[Scalar::Float(1.0), Scalar::Float(-1.0), Scalar::Float(0.0)],
        );
        assert_eq!(
            run(BinaryOp::Divide, a, Operand::PyFloat(0.0), false),
            [
                "divide by zero encountered in divide",
                "invalid value encountered in divide"
            ]
        );
    }

    #[test]
    fn scalar_integer_overflow_only_for_scalars() {
        let x = arr(DType::Int8, &[Scalar::Int(100)]);
        assert!(run(BinaryOp::Add, x.clone(), Operand::PyInt(100), false).is_empty());
        assert_eq!(
            run(BinaryOp::Add, x, Operand::PyInt(100), true),
            ["overflow encountered in scalar add"]
        );
    }

    /// The exception flags only filter: with them, every operation gives
    /// exactly the warnings the elements alone give.
    #[test]
    fn flags_never_hide_a_warning() {
        let specials = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -2.5,
            3.0,
            1e-310,
            1e30,
            -1e30,
            1e200,
            1e308,
            -1e308,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        let ops = [
            BinaryOp::Add,
            BinaryOp::Subtract,
            BinaryOp::Multiply,
            BinaryOp::Divide,
            BinaryOp::FloorDivide,
            BinaryOp::Remainder,
            BinaryOp::Power,
        ];
        for dtype in [DType::Float64, DType::Float32] {
            for (i, &x) in specials.iter().enumerate() {
                let left = arr(dtype, &[Scalar::Float(x)]);
                let mut rights: Vec<Operand> = specials
                    .iter()
                    .map(|&y| arr(dtype, &[Scalar::Float(y)]))
                    .collect();
                rights.extend([Operand::PyInt(0), Operand::PyInt(-1), Operand::PyFloat(x)]);
                rights.push(arr(DType::Int64, &[Scalar::Int(i as i64 - 3)]));
                for right in &rights {
                    for op in ops {
                        for (a, b) in [(&left, right), (right, &left)] {
                            let Ok((result, watched)) = binary_with_warnings(op, a, b, false)
                            else {
                                continue;
                            };
                            let plain = arithmetic_warnings(op, a, b, &result, false);
                            assert_eq!(watched, plain, "{op:?} {x} {dtype:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn fast_power_names() {
        let a = arr(DType::Float64, &[Scalar::Float(0.0)]);
        assert_eq!(
            run(BinaryOp::Power, a, Operand::PyInt(-1), false),
            ["divide by zero encountered in reciprocal"]
        );
    }
}
