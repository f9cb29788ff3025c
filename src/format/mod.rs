//! NumPy-identical text for arrays and scalars (`repr` and `str`).

use crate::array::dtype::DType;
use crate::array::scalar::Scalar;

/// Read access to the elements of an array to be printed.
pub trait Elements {
    fn shape(&self) -> &[usize];
    fn dtype(&self) -> DType;
    /// The element at a full multi-index (one entry per axis, each in range).
    fn get(&self, index: &[usize]) -> Scalar;
}

pub fn array_repr(_a: &dyn Elements) -> String {
    String::new()
}

pub fn array_str(_a: &dyn Elements) -> String {
    String::new()
}

/// NumPy 2 scalar repr: `np.int64(3)`, `np.float64(0.1)`, `np.True_`.
pub fn scalar_repr(_dtype: DType, _v: Scalar) -> String {
    String::new()
}

/// NumPy scalar str: `3`, `0.1`, `True`.
pub fn scalar_str(_dtype: DType, _v: Scalar) -> String {
    String::new()
}

/// Python's `repr(float)`.
pub fn float_repr(_v: f64) -> String {
    String::new()
}

/// Python's `repr(complex)`.
pub fn complex_repr(_re: f64, _im: f64) -> String {
    String::new()
}
