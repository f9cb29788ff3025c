//! Text of single values: NumPy scalars (`np.float64(0.1)`, `np.True_`),
//! Python floats and complex numbers, and dtype objects.
//!
//! Scalars use the shortest digits that round-trip, never padded; array
//! elements are formatted by `element.rs` instead.

use super::digits::{self, Decimal, Width};
use super::element::{bool_value, complex_value, float_value, float_width, int_value};
use crate::array::dtype::{DType, Kind};
use crate::array::scalar::Scalar;

/// When a finite, non-zero value switches to scientific notation.
#[derive(Clone, Copy)]
enum Cutoff {
    /// NumPy scalars: `|x| < 1e-4` or `|x| >= upper`.
    Value { upper: f64 },
    /// Python `repr`: a decimal exponent below -4 or above 15.
    Exponent,
}

/// How a whole number is finished in positional notation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// `1.0`: floats.
    DotZero,
    /// `1`: parts of complex numbers.
    Bare,
}

fn numpy_cutoff(width: Width) -> Cutoff {
    match width {
        Width::Single => Cutoff::Value { upper: 1e6 },
        Width::Double => Cutoff::Value { upper: 1e16 },
    }
}

/// Shortest round-trip text of a float, with `plus` forcing a sign on
/// non-negative values (NaN included).
fn shortest_text(x: f64, width: Width, cutoff: Cutoff, ending: Ending, plus: bool) -> String {
    let sign = if x.is_sign_negative() && !x.is_nan() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    if x.is_nan() {
        return format!("{}nan", sign);
    }
    if x.is_infinite() {
        return format!("{}inf", sign);
    }
    let d = digits::shortest(x, width);
    let scientific = !d.is_zero()
        && match cutoff {
            Cutoff::Value { upper } => x.abs() < 1e-4 || x.abs() >= upper,
            Cutoff::Exponent => d.point < -3 || d.point > 16,
        };
    if scientific {
        format!("{}{}", sign, scientific_text(&d))
    } else {
        let frac = d.frac_part();
        if frac.is_empty() {
            match ending {
                Ending::DotZero => format!("{}{}.0", sign, d.int_part()),
                Ending::Bare => format!("{}{}", sign, d.int_part()),
            }
        } else {
            format!("{}{}.{}", sign, d.int_part(), frac)
        }
    }
}

/// `1e-05`, `1.5e+300`: no trailing zeros, at least two exponent digits.
fn scientific_text(d: &Decimal) -> String {
    let (first, rest) = match d.digits.split_first() {
        Some((f, r)) => (*f as char, r),
        None => ('0', &[][..]),
    };
    let mut s = String::new();
    s.push(first);
    if !rest.is_empty() {
        s.push('.');
        s.extend(rest.iter().map(|&b| b as char));
    }
    let exp = d.sci_exponent();
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!("{:02}", exp.unsigned_abs()));
    s
}

/// Python's `repr(float)`: `0.1`, `1e-05`, `1e+16`, `100.0`, `-0.0`, `nan`.
pub fn float_repr(v: f64) -> String {
    shortest_text(v, Width::Double, Cutoff::Exponent, Ending::DotZero, false)
}

/// The body of a complex number without parentheses, given how its parts
/// are written.
fn complex_body(re: f64, im: f64, part: impl Fn(f64, bool) -> String) -> (String, bool) {
    if re == 0.0 && re.is_sign_positive() {
        (format!("{}j", part(im, false)), false)
    } else {
        (format!("{}{}j", part(re, false), part(im, true)), true)
    }
}

/// Python's `repr(complex)`: `(1+2j)`, `2j`, `(-0-1j)`, `(nan+infj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let (body, parens) = complex_body(re, im, |x, plus| {
        shortest_text(x, Width::Double, Cutoff::Exponent, Ending::Bare, plus)
    });
    if parens {
        format!("({})", body)
    } else {
        body
    }
}

/// NumPy's text of a float scalar of the given width (`str(np.float32(x))`).
fn numpy_float_text(x: f64, width: Width) -> String {
    shortest_text(x, width, numpy_cutoff(width), Ending::DotZero, false)
}

/// NumPy's complex scalar text and whether `str` wraps it in parentheses.
fn numpy_complex_body(re: f64, im: f64, width: Width) -> (String, bool) {
    complex_body(re, im, |x, plus| {
        shortest_text(x, width, numpy_cutoff(width), Ending::Bare, plus)
    })
}

/// NumPy scalar str: `3`, `0.1`, `True`, `(1+2j)`.
pub fn scalar_str(dtype: DType, v: Scalar) -> String {
    match dtype.kind() {
        Kind::Bool => {
            if bool_value(v) {
                "True".to_string()
            } else {
                "False".to_string()
            }
        }
        Kind::Int | Kind::UInt => int_value(dtype, v).to_string(),
        Kind::Float => numpy_float_text(float_value(dtype, v), float_width(dtype)),
        Kind::Complex => {
            let (re, im) = complex_value(dtype, v);
            match numpy_complex_body(re, im, float_width(dtype)) {
                (body, true) => format!("({})", body),
                (body, false) => body,
            }
        }
    }
}

/// NumPy 2 scalar repr: `np.int64(3)`, `np.float64(0.1)`, `np.True_`,
/// `np.complex128(1+2j)`.
pub fn scalar_repr(dtype: DType, v: Scalar) -> String {
    match dtype.kind() {
        Kind::Bool => {
            if bool_value(v) {
                "np.True_".to_string()
            } else {
                "np.False_".to_string()
            }
        }
        Kind::Complex => {
            let (re, im) = complex_value(dtype, v);
            let (body, _) = numpy_complex_body(re, im, float_width(dtype));
            format!("np.{}({})", dtype.name(), body)
        }
        _ => format!("np.{}({})", dtype.name(), scalar_str(dtype, v)),
    }
}

/// `repr(np.dtype(...))`: `dtype('int64')`.
pub fn dtype_repr(d: DType) -> String {
    format!("dtype('{}')", d.name())
}
