//! One array's element format, chosen by dtype and fitted to the printed
//! elements: bools padded to `" True"`, integers right-aligned to a common
//! width, floats and complex numbers through `float.rs`.
//!
//! Also reads a `Scalar` as the value its dtype says it is, so a mismatched
//! pair (`Int8` with `Scalar::Float`, say) prints something sensible
//! instead of failing.

use super::digits::Width;
use super::float::{ComplexFormat, FloatFormat};
use crate::array::dtype::{DType, Kind};
use crate::array::scalar::Scalar;

/// The float width used for a float or complex dtype's digits.
pub(crate) fn float_width(dtype: DType) -> Width {
    match dtype {
        DType::Float32 | DType::Complex64 => Width::Single,
        _ => Width::Double,
    }
}

pub(crate) fn bool_value(v: Scalar) -> bool {
    v.is_truthy()
}

/// The value as an integer of `dtype` (floats truncate, out-of-range
/// values wrap as a C cast would).
pub(crate) fn int_value(dtype: DType, v: Scalar) -> i128 {
    let wide: i128 = match v {
        Scalar::Bool(b) => b as i128,
        Scalar::Int(i) => i as i128,
        Scalar::UInt(u) => u as i128,
        Scalar::Float(f) => f as i128,
        Scalar::Complex(re, _) => re as i128,
    };
    match dtype {
        DType::Int8 => wide as i8 as i128,
        DType::Int16 => wide as i16 as i128,
        DType::Int32 => wide as i32 as i128,
        DType::Int64 => wide as i64 as i128,
        DType::UInt8 => wide as u8 as i128,
        DType::UInt16 => wide as u16 as i128,
        DType::UInt32 => wide as u32 as i128,
        DType::UInt64 => wide as u64 as i128,
        _ => wide,
    }
}

fn narrow(dtype: DType, x: f64) -> f64 {
    match float_width(dtype) {
        Width::Single => x as f32 as f64,
        Width::Double => x,
    }
}

/// The value as a float of `dtype` (float32 values rounded to f32).
pub(crate) fn float_value(dtype: DType, v: Scalar) -> f64 {
    narrow(dtype, v.to_f64())
}

/// The value as a complex of `dtype` (complex64 parts rounded to f32).
pub(crate) fn complex_value(dtype: DType, v: Scalar) -> (f64, f64) {
    let (re, im) = v.to_complex();
    (narrow(dtype, re), narrow(dtype, im))
}

/// A format fitted to the printed elements of one array.
#[derive(Clone, Debug)]
pub(crate) enum ElementFormat {
    /// `true_text` is `" True"` in arrays with axes, `"True"` in 0-d ones.
    Bool {
        true_text: &'static str,
    },
    Int {
        dtype: DType,
        width: usize,
    },
    Float {
        dtype: DType,
        format: FloatFormat,
    },
    Complex {
        dtype: DType,
        format: ComplexFormat,
    },
}

impl ElementFormat {
    pub fn fit(dtype: DType, data: &[Scalar], zero_d: bool, precision: usize) -> ElementFormat {
        match dtype.kind() {
            Kind::Bool => ElementFormat::Bool {
                true_text: if zero_d { "True" } else { " True" },
            },
            Kind::Int | Kind::UInt => {
                let width = data
                    .iter()
                    .map(|&v| int_value(dtype, v).to_string().len())
                    .max()
                    .unwrap_or(0);
                ElementFormat::Int { dtype, width }
            }
            Kind::Float => {
                let values: Vec<f64> = data.iter().map(|&v| float_value(dtype, v)).collect();
                let format = FloatFormat::new(&values, float_width(dtype), false, precision);
                ElementFormat::Float { dtype, format }
            }
            Kind::Complex => {
                let values: Vec<(f64, f64)> =
                    data.iter().map(|&v| complex_value(dtype, v)).collect();
                let format = ComplexFormat::new(&values, float_width(dtype), precision);
                ElementFormat::Complex { dtype, format }
            }
        }
    }

    pub fn format(&self, v: Scalar) -> String {
        match self {
            ElementFormat::Bool { true_text } => {
                if bool_value(v) {
                    true_text.to_string()
                } else {
                    "False".to_string()
                }
            }
            ElementFormat::Int { dtype, width } => {
                format!("{:>w$}", int_value(*dtype, v), w = *width)
            }
            ElementFormat::Float { dtype, format } => format.format(float_value(*dtype, v)),
            ElementFormat::Complex { dtype, format } => {
                let (re, im) = complex_value(*dtype, v);
                format.format(re, im)
            }
        }
    }
}
