//! The RuntimeWarnings of one-input float ufuncs called as functions
//! (`np.sqrt(-1.0)`, `np.log(0.0)`, `np.exp(1000.0)`).
//!
//! As for the operators (`interp::warnings`), the exception flags of the
//! loop only say whether to look; the elements decide, so the messages do
//! not depend on how our libm raises flags: a NaN made from a non-NaN input
//! is an invalid value, an infinity made from a finite input is a division
//! by zero at a pole of the function (`log(0)`, `arctanh(1)`) and an
//! overflow anywhere else.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::fpstatus::Raised;
use crate::array::Array;

/// Whether `name(x)` is infinite because `x` is a pole of the function.
fn is_pole(name: &str, x: f64) -> bool {
    match name {
        "log" | "log2" | "log10" => x == 0.0,
        "log1p" => x == -1.0,
        "arctanh" => x.abs() == 1.0,
        _ => false,
    }
}

/// The warnings NumPy prints for `result = name(a)` computed in `dtype`,
/// in NumPy's order (divide by zero, overflow, invalid value).
pub fn float_math_warnings(
    name: &str,
    a: &Array,
    dtype: DType,
    result: &Array,
    raised: Option<Raised>,
) -> Vec<String> {
    if raised.is_some_and(|flags| !flags.any()) || !dtype.is_float() {
        return vec![];
    }
    let (d, r) = (a.data(), result.data());
    let (input, output) = (d.buffer.bytes(), r.buffer.bytes());
    let (mut divide, mut overflow, mut invalid) = (false, false, false);
    for (i, o) in a.offsets().zip(result.offsets()) {
        let x = element::cast(element::read(d.dtype, &input, i), dtype).to_f64();
        let z = element::read(r.dtype, &output, o).to_f64();
        if z.is_nan() {
            invalid |= !x.is_nan();
        } else if z.is_infinite() && x.is_finite() {
            if is_pole(name, x) {
                divide = true;
            } else {
                overflow = true;
            }
        }
    }
    [
        (divide, "divide by zero"),
        (overflow, "overflow"),
        (invalid, "invalid value"),
    ]
    .into_iter()
    .filter(|(seen, _)| *seen)
    .map(|(_, what)| format!("{what} encountered in {name}"))
    .collect()
}
