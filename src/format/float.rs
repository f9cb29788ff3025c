//! NumPy's float and complex element formats for arrays (`FloatingFormat`
//! and `ComplexFloatingFormat` under the defaults: floatmode `'maxprec'`,
//! sign `'-'`, no legacy mode).
//!
//! A format is fitted once to the elements that will be printed, then
//! renders each of them at a common width. Layout across elements lives in
//! `layout.rs`; scalars, which are not padded, live in `scalar.rs`.

use super::digits::{self, Decimal, Width};

/// How one array of floats is printed: positional or scientific, how many
/// fraction digits at most, and the padding that aligns every element.
#[derive(Clone, Debug)]
pub(crate) struct FloatFormat {
    width: Width,
    scientific: bool,
    /// Maximum fraction digits (positional); exact fraction digits
    /// (scientific).
    precision: usize,
    plus: bool,
    pad_left: usize,
    pad_right: usize,
    exp_digits: usize,
}

impl FloatFormat {
    /// Fits the format to `data`. `plus` prints a `+` on non-negative values
    /// (used for the imaginary parts of complex numbers).
    pub fn new(data: &[f64], width: Width, plus: bool, precision: usize) -> FloatFormat {
        let mut f = FloatFormat {
            width,
            scientific: false,
            precision,
            plus,
            pad_left: 0,
            pad_right: 0,
            exp_digits: 0,
        };
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        f.scientific = needs_scientific(&finite, width);
        if finite.is_empty() {
            // Only nan/inf: nothing to measure.
        } else if f.scientific {
            let mut frac = 0;
            for &x in &finite {
                let d = digits::scientific(x, width, precision);
                frac = frac.max(d.digits.len().saturating_sub(1));
                f.pad_left = f.pad_left.max(1 + f.sign_len(x));
                f.exp_digits = f.exp_digits.max(exponent_digits(d.sci_exponent()));
            }
            f.precision = frac;
            f.pad_right = f.exp_digits + 2 + frac;
        } else {
            for &x in &finite {
                let d = digits::positional(x, width, precision);
                f.pad_left = f.pad_left.max(f.sign_len(x) + d.int_part().len());
                f.pad_right = f.pad_right.max(d.frac_len());
            }
        }
        if finite.len() != data.len() {
            let neg_inf = plus || data.contains(&f64::NEG_INFINITY);
            let offset = f.pad_right + 1;
            let nan_len: usize = 3;
            let inf_len = 3 + neg_inf as usize;
            f.pad_left = f
                .pad_left
                .max(nan_len.saturating_sub(offset))
                .max(inf_len.saturating_sub(offset));
        }
        f
    }

    fn sign_len(&self, x: f64) -> usize {
        (x.is_sign_negative() || self.plus) as usize
    }

    fn sign(&self, x: f64) -> &'static str {
        if x.is_sign_negative() {
            "-"
        } else if self.plus {
            "+"
        } else {
            ""
        }
    }

    /// Total width of a rendered element.
    fn total_width(&self) -> usize {
        self.pad_left + self.pad_right + 1
    }

    pub fn format(&self, x: f64) -> String {
        if x.is_nan() {
            let text = if self.plus { "+nan" } else { "nan" };
            return pad_to(text, self.total_width());
        }
        if x.is_infinite() {
            let text = if x < 0.0 {
                "-inf"
            } else if self.plus {
                "+inf"
            } else {
                "inf"
            };
            return pad_to(text, self.total_width());
        }
        if self.scientific {
            let d = digits::scientific_exact(x, self.width, self.precision);
            render_scientific(
                self.sign(x),
                &d,
                self.precision,
                self.pad_left,
                self.exp_digits,
            )
        } else {
            let d = digits::positional(x, self.width, self.precision);
            render_positional(self.sign(x), &d, self.pad_left, self.pad_right)
        }
    }
}

/// Scientific notation is chosen from the finite non-zero magnitudes: a
/// value at or past the dtype's cut-off (1e8; 1e6 for float32), one below
/// 1e-4, or a max/min ratio above 1000. Comparisons happen in the dtype.
fn needs_scientific(finite: &[f64], width: Width) -> bool {
    let mut max = f64::NEG_INFINITY;
    let mut min = f64::INFINITY;
    for &x in finite {
        let a = x.abs();
        if a != 0.0 {
            max = max.max(a);
            min = min.min(a);
        }
    }
    if max == f64::NEG_INFINITY {
        return false;
    }
    match width {
        Width::Double => max >= 1e8 || min < 1e-4 || max / min > 1000.0,
        Width::Single => {
            let (max, min) = (max as f32, min as f32);
            max >= 1e6 || min < 1e-4f32 || max / min > 1000.0
        }
    }
}

/// Digits NumPy prints for an exponent: at least two.
fn exponent_digits(exp: i32) -> usize {
    exp.unsigned_abs().to_string().len().max(2)
}

fn pad_to(text: &str, width: usize) -> String {
    format!("{:>width$}", text, width = width)
}

/// `sign`, integer digits left-padded to `pad_left` (sign included), `.`,
/// fraction digits right-padded with spaces to `pad_right`.
pub(crate) fn render_positional(
    sign: &str,
    d: &Decimal,
    pad_left: usize,
    pad_right: usize,
) -> String {
    let head = format!("{}{}", sign, d.int_part());
    let frac = d.frac_part();
    format!("{:>pl$}.{:<pr$}", head, frac, pl = pad_left, pr = pad_right)
}

/// `sign`, one digit, `.`, fraction digits zero-padded to `min_frac`, `e`,
/// exponent sign and at least `exp_digits` exponent digits; the part before
/// the `.` is left-padded to `pad_left`.
pub(crate) fn render_scientific(
    sign: &str,
    d: &Decimal,
    min_frac: usize,
    pad_left: usize,
    exp_digits: usize,
) -> String {
    let (first, rest) = match d.digits.split_first() {
        Some((f, r)) => (*f as char, r),
        None => ('0', &[][..]),
    };
    let head = format!("{}{}", sign, first);
    let mut frac: String = rest.iter().map(|&b| b as char).collect();
    while frac.len() < min_frac {
        frac.push('0');
    }
    let exp = d.sci_exponent();
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{:>pl$}.{}e{}{:0>ed$}",
        head,
        frac,
        exp_sign,
        exp.unsigned_abs(),
        pl = pad_left,
        ed = exp_digits.max(2)
    )
}

/// Complex elements: real parts and imaginary parts each get their own
/// float format; imaginary parts always carry a sign.
#[derive(Clone, Debug)]
pub(crate) struct ComplexFormat {
    re: FloatFormat,
    im: FloatFormat,
}

impl ComplexFormat {
    pub fn new(data: &[(f64, f64)], width: Width, precision: usize) -> ComplexFormat {
        let re: Vec<f64> = data.iter().map(|c| c.0).collect();
        let im: Vec<f64> = data.iter().map(|c| c.1).collect();
        ComplexFormat {
            re: FloatFormat::new(&re, width, false, precision),
            im: FloatFormat::new(&im, width, true, precision),
        }
    }

    /// `re` and `im` side by side, the `j` placed before the imaginary
    /// part's right padding.
    pub fn format(&self, re: f64, im: f64) -> String {
        let r = self.re.format(re);
        let i = self.im.format(im);
        let body = i.trim_end_matches(' ');
        let pad = i.len() - body.len();
        format!("{}{}j{}", r, body, " ".repeat(pad))
    }
}
