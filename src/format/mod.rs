//! NumPy-identical text for arrays and scalars (`repr` and `str`), matching
//! NumPy 2.4 with its default print options.
//!
//! The pieces: `digits.rs` (decimal digits of binary floats), `float.rs`
//! (NumPy's float and complex element formats), `element.rs` (the element
//! format of each dtype), `layout.rs` (which elements are shown and how the
//! brackets and lines are laid out), `scalar.rs` (scalars, Python floats and
//! complex numbers, dtypes). This module ties them into `repr` and `str`.

mod digits;
mod element;
mod float;
mod layout;
mod scalar;

#[cfg(test)]
mod tests;

use crate::array::dtype::DType;
use crate::array::scalar::Scalar;
use element::ElementFormat;
use layout::{Layout, Selection};

pub use scalar::{complex_repr, dtype_repr, float_repr, scalar_repr, scalar_str};

/// Read access to the elements of an array to be printed.
pub trait Elements {
    fn shape(&self) -> &[usize];
    fn dtype(&self) -> DType;
    /// The element at a full multi-index (one entry per axis, each in range).
    fn get(&self, index: &[usize]) -> Scalar;
}

/// The subset of `np.set_printoptions` this printer honours; floats always
/// use floatmode `'maxprec'` and sign `'-'`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintOptions {
    /// Characters per line (`linewidth`).
    pub linewidth: usize,
    /// Arrays with more elements than this are summarised (`threshold`).
    pub threshold: usize,
    /// Items kept at each end of a summarised axis (`edgeitems`).
    pub edgeitems: usize,
    /// Most digits after the decimal point for floats (`precision`).
    pub precision: usize,
}

impl Default for PrintOptions {
    fn default() -> PrintOptions {
        PrintOptions {
            linewidth: 75,
            threshold: 1000,
            edgeitems: 3,
            precision: 8,
        }
    }
}

/// `repr(a)`: `array([1, 2, 3])`, `array([1, 2], dtype=int8)`,
/// `array([], shape=(0, 3), dtype=float64)`.
pub fn array_repr(a: &dyn Elements) -> String {
    array_repr_with(a, &PrintOptions::default())
}

/// `str(a)`: `[1 2 3]`; a 0-d array prints as its scalar.
pub fn array_str(a: &dyn Elements) -> String {
    array_str_with(a, &PrintOptions::default())
}

/// `repr(a)` under the given options.
pub fn array_repr_with(a: &dyn Elements, opts: &PrintOptions) -> String {
    const PREFIX: &str = "array(";
    let shape = a.shape();
    let dtype = a.dtype();
    let size = element_count(shape);
    let body = array_text(a, opts, ", ", PREFIX, ")");
    let mut extras = Vec::new();
    if (size == 0 && shape != [0]) || size > opts.threshold as u128 {
        extras.push(format!("shape={}", crate::array::layout::tuple_repr(shape)));
    }
    if !dtype.is_repr_default() || size == 0 {
        extras.push(format!("dtype={}", dtype.name()));
    }
    if extras.is_empty() {
        return format!("{}{})", PREFIX, body);
    }
    let head = format!("{}{},", PREFIX, body);
    let tail = format!("{})", extras.join(", "));
    let last_line = head.rsplit('\n').next().unwrap_or("");
    if last_line.len() + tail.len() + 1 > opts.linewidth {
        format!("{}\n{}{}", head, " ".repeat(PREFIX.len()), tail)
    } else {
        format!("{} {}", head, tail)
    }
}

/// `str(a)` under the given options.
pub fn array_str_with(a: &dyn Elements, opts: &PrintOptions) -> String {
    if a.shape().is_empty() {
        return scalar_str(a.dtype(), a.get(&[]));
    }
    array_text(a, opts, " ", "", "")
}

/// Element count, without overflow.
fn element_count(shape: &[usize]) -> u128 {
    shape
        .iter()
        .fold(1u128, |acc, &n| acc.saturating_mul(n as u128))
}

/// NumPy's `array2string`: the bracketed text of the elements, laid out as
/// if `prefix` stood before it and `suffix` after its last line.
fn array_text(
    a: &dyn Elements,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    let shape = a.shape();
    let size = element_count(shape);
    if size == 0 {
        return "[]".to_string();
    }
    let summarise = size > opts.threshold as u128;
    let selection = Selection::new(shape, summarise, opts.edgeitems);
    let values = selection.gather(a);
    let format = ElementFormat::fit(a.dtype(), &values, shape.is_empty(), opts.precision);
    let cells: Vec<String> = values.iter().map(|&v| format.format(v)).collect();
    if shape.is_empty() {
        return cells.into_iter().next().unwrap_or_default();
    }
    let dims = selection.dims();
    Layout {
        cells: &cells,
        dims: &dims,
        summarised: &selection.summarised,
        edgeitems: opts.edgeitems,
        separator,
        prefix_len: prefix.len(),
        line_width: opts.linewidth as isize - suffix.len() as isize,
    }
    .render()
}
