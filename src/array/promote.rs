//! NumPy 2 type promotion (NEP 50): strong array dtypes, weak Python scalars.

use super::dtype::{DType, Kind};
use crate::error::{overflow_error, PyResult};

/// A ufunc operand as promotion sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OperandType {
    /// An array or NumPy scalar: its dtype counts fully.
    Strong(DType),
    /// A Python bool/int/float/complex: only its kind counts.
    PyBool,
    PyInt(i64),
    PyFloat,
    PyComplex,
}

/// The common dtype of two dtypes (`np.result_type`).
pub fn promote(a: DType, b: DType) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    let (ka, kb) = (a.kind(), b.kind());
    if ka == Kind::Bool {
        return b;
    }
    if kb == Kind::Bool {
        return a;
    }
    if ka > kb {
        return promote(b, a);
    }
    // Now kind(a) <= kind(b).
    match (ka, kb) {
        (Kind::UInt, Kind::UInt) | (Kind::Int, Kind::Int) | (Kind::Float, Kind::Float) => {
            if a.itemsize() >= b.itemsize() {
                a
            } else {
                b
            }
        }
        (Kind::Complex, Kind::Complex) => {
            if a.itemsize() >= b.itemsize() {
                a
            } else {
                b
            }
        }
        (Kind::UInt, Kind::Int) => {
            if b.itemsize() > a.itemsize() {
                b
            } else {
                DType::integer(true, a.itemsize() * 2).unwrap_or(Float64)
            }
        }
        (Kind::UInt | Kind::Int, Kind::Float) => {
            if a.itemsize() <= 2 {
                b
            } else {
                Float64
            }
        }
        (Kind::UInt | Kind::Int, Kind::Complex) => {
            if a.itemsize() <= 2 {
                b
            } else {
                Complex128
            }
        }
        (Kind::Float, Kind::Complex) => {
            if a == Float64 {
                Complex128
            } else {
                b
            }
        }
        _ => b,
    }
}

/// The result dtype of a ufunc over these operands.
pub fn result_type(operands: &[OperandType]) -> PyResult<DType> {
    let strong = operands.iter().filter_map(|op| match op {
        OperandType::Strong(d) => Some(*d),
        _ => None,
    });
    let mut dtype: Option<DType> = strong.reduce(promote);
    // Weak scalars only raise the kind.
    for op in operands {
        let weak_kind = match op {
            OperandType::Strong(_) => continue,
            OperandType::PyBool => DType::Bool,
            OperandType::PyInt(_) => DType::Int64,
            OperandType::PyFloat => DType::Float64,
            OperandType::PyComplex => DType::Complex128,
        };
        dtype = Some(match dtype {
            None => weak_kind,
            Some(d) if weak_kind.kind() <= d.kind() => d,
            Some(d) if weak_kind.kind() == Kind::Int && d.kind() == Kind::UInt => d,
            Some(d) => match (d, weak_kind.kind()) {
                (DType::Float32, Kind::Complex) => DType::Complex64,
                _ => weak_kind,
            },
        });
    }
    let dtype = dtype.unwrap_or(DType::Int64);
    for op in operands {
        if let OperandType::PyInt(v) = op {
            check_int_fits(*v, dtype)?;
        }
    }
    Ok(dtype)
}

/// A Python int used with an integer dtype must fit it (NEP 50).
pub fn check_int_fits(v: i64, dtype: DType) -> PyResult<()> {
    if let Some((lo, hi)) = dtype.int_range() {
        if dtype != DType::Bool && ((v as i128) < lo || (v as i128) > hi) {
            return Err(overflow_error(format!(
                "Python integer {v} out of bounds for {}",
                dtype.name()
            )));
        }
    }
    Ok(())
}

/// `np.can_cast(from, to, casting='same_kind')`.
pub fn can_cast_same_kind(from: DType, to: DType) -> bool {
    if can_cast_safe(from, to) {
        return true;
    }
    let (kf, kt) = (from.kind(), to.kind());
    match (kf, kt) {
        (Kind::UInt, Kind::Int) => true,
        _ => kf <= kt,
    }
}

/// `np.can_cast(from, to, casting='safe')`.
pub fn can_cast_safe(from: DType, to: DType) -> bool {
    promote(from, to) == to
}

#[cfg(test)]
mod tests {
    use super::*;
    use DType::*;

    #[test]
    fn promotes_like_numpy() {
        assert_eq!(promote(UInt8, Int8), Int16);
        assert_eq!(promote(UInt64, Int64), Float64);
        assert_eq!(promote(Int32, Float32), Float64);
        assert_eq!(promote(Int16, Float32), Float32);
        assert_eq!(promote(Float32, Complex64), Complex64);
        assert_eq!(promote(Float64, Complex64), Complex128);
        assert_eq!(promote(Bool, Int8), Int8);
    }

    #[test]
    fn weak_scalars_keep_array_dtype() {
        let r = |ops: &[OperandType]| result_type(ops).ok();
        assert_eq!(
            r(&[OperandType::Strong(Int8), OperandType::PyInt(1)]),
            Some(Int8)
        );
        assert_eq!(
            r(&[OperandType::Strong(Int64), OperandType::PyFloat]),
            Some(Float64)
        );
        assert_eq!(
            r(&[OperandType::Strong(Float32), OperandType::PyFloat]),
            Some(Float32)
        );
        assert_eq!(
            r(&[OperandType::Strong(Bool), OperandType::PyInt(1)]),
            Some(Int64)
        );
        assert_eq!(
            r(&[OperandType::Strong(Float32), OperandType::PyComplex]),
            Some(Complex64)
        );
        assert!(r(&[OperandType::Strong(Int8), OperandType::PyInt(300)]).is_none());
    }
}
