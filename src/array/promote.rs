//! NumPy 2 type promotion (NEP 50): strong array dtypes, weak Python scalars.

use super::dtype::{DType, Kind};
use super::ops::BinaryOp;
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

/// The result dtype of a ufunc over these operands. A Python int must fit
/// an integer result dtype.
pub fn result_type(operands: &[OperandType]) -> PyResult<DType> {
    let dtype = common_dtype(operands);
    for op in operands {
        if let OperandType::PyInt(v) = op {
            check_int_fits(*v, dtype)?;
        }
    }
    Ok(dtype)
}

/// `np.result_type`: the common dtype, where Python scalars only raise the
/// kind (int64 when nothing but Python ints is given).
pub fn common_dtype(operands: &[OperandType]) -> DType {
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
    dtype.unwrap_or(DType::Int64)
}

/// A Python int used with an integer dtype must fit it (NEP 50).
///
/// Ints within int64 get NumPy's "out of bounds" message. Beyond int64,
/// NumPy first converts through C `long` (64 bits): only uint32 and uint64
/// take the unsigned path, and everything else fails that conversion.
pub fn check_int_fits(v: impl Into<i128>, dtype: DType) -> PyResult<()> {
    let v: i128 = v.into();
    let Some((lo, hi)) = dtype.int_range() else {
        return Ok(());
    };
    if dtype == DType::Bool || (lo..=hi).contains(&v) {
        return Ok(());
    }
    let in_long = (i64::MIN as i128..=i64::MAX as i128).contains(&v);
    let in_ulong = (0..=u64::MAX as i128).contains(&v);
    if in_long || (in_ulong && matches!(dtype, DType::UInt32 | DType::UInt64)) {
        Err(overflow_error(format!(
            "Python integer {v} out of bounds for {}",
            dtype.name()
        )))
    } else {
        Err(overflow_error("Python int too large to convert to C long"))
    }
}

/// A comparison between the elements of an integer dtype and a Python int
/// outside its range has the same answer for every element; NumPy gives
/// that answer instead of raising. Returns an equivalent comparison against
/// the nearest bound of the range, `x op' bound`, or None when `v` fits (or
/// `op` is no comparison). `op` reads `x op v`, the array on the left.
pub fn clamp_comparison(op: BinaryOp, v: i128, dtype: DType) -> Option<(BinaryOp, i128)> {
    use BinaryOp::*;
    let (lo, hi) = dtype.int_range()?;
    let always = |answer: bool, bound: i128, above: bool| {
        // `x <= hi` and `x >= lo` always hold; `x > hi` and `x < lo` never do.
        let op = match (answer, above) {
            (true, true) => LessEqual,
            (false, true) => Greater,
            (true, false) => GreaterEqual,
            (false, false) => Less,
        };
        Some((op, bound))
    };
    let above = if v > hi {
        true
    } else if v < lo {
        false
    } else {
        return None;
    };
    let bound = if above { hi } else { lo };
    match op {
        Equal => always(false, bound, above),
        NotEqual => always(true, bound, above),
        Less | LessEqual => always(above, bound, above),
        Greater | GreaterEqual => always(!above, bound, above),
        _ => None,
    }
}

/// The comparison with its operands swapped: `a < b` is `b > a`.
pub fn mirror_comparison(op: BinaryOp) -> BinaryOp {
    use BinaryOp::*;
    match op {
        Less => Greater,
        LessEqual => GreaterEqual,
        Greater => Less,
        GreaterEqual => LessEqual,
        other => other,
    }
}

/// NumPy's casting rules, from strictest to loosest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    SameKind,
    Unsafe,
}

impl Casting {
    /// Parses a `casting=` argument, with NumPy's message for other names
    /// (`astype` also lists its 'same_value', which npview does not have).
    pub fn parse(name: &str, listed_same_value: bool) -> PyResult<Casting> {
        Ok(match name {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            other => {
                let extra = if listed_same_value {
                    ", 'same_value'"
                } else {
                    ""
                };
                return Err(crate::error::value_error(format!(
                    "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe'{extra} (got '{other}')"
                )));
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }

    /// Whether the rule lets `from` be cast to `to`.
    pub fn allows(self, from: DType, to: DType) -> bool {
        match self {
            Casting::No | Casting::Equiv => from == to,
            Casting::Safe => can_cast_safe(from, to),
            Casting::SameKind => can_cast_same_kind(from, to),
            Casting::Unsafe => true,
        }
    }

    /// NumPy's TypeError for a refused cast; `what` is "array data" or
    /// "scalar".
    pub fn refuse(self, what: &str, from: DType, to: DType) -> crate::error::PyErr {
        crate::error::type_error(format!(
            "Cannot cast {what} from dtype('{}') to dtype('{}') according to the rule '{}'",
            from.name(),
            to.name(),
            self.name()
        ))
    }
}

/// `np.can_cast(from, to, casting)`. With native byte order only, `no` and
/// `equiv` both mean the same dtype.
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    casting.allows(from, to)
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

    #[test]
    fn casting_rules_like_numpy() {
        assert!(can_cast(Int64, Float64, Casting::Safe));
        assert!(!can_cast(Int32, Float32, Casting::Safe));
        assert!(can_cast(Int16, Float32, Casting::Safe));
        assert!(can_cast(UInt64, Int64, Casting::SameKind));
        assert!(!can_cast(Int16, UInt8, Casting::SameKind));
        assert!(can_cast(Float64, Float32, Casting::SameKind));
        assert!(!can_cast(Complex128, Float32, Casting::SameKind));
        assert!(!can_cast(Int64, Float64, Casting::Equiv));
        assert!(can_cast(Complex128, Bool, Casting::Unsafe));
        assert!(Casting::parse("bogus", false).is_err());
    }

    #[test]
    fn python_int_range_messages() {
        let msg = |v: i128, d: DType| check_int_fits(v, d).err().map(|e| e.message);
        assert_eq!(msg(127, Int8), None);
        assert_eq!(
            msg(128, Int8).as_deref(),
            Some("Python integer 128 out of bounds for int8")
        );
        assert_eq!(msg(1 << 63, UInt64), None);
        assert_eq!(
            msg(1 << 63, UInt32).as_deref(),
            Some("Python integer 9223372036854775808 out of bounds for uint32")
        );
        assert_eq!(
            msg(1 << 63, Int64).as_deref(),
            Some("Python int too large to convert to C long")
        );
        assert_eq!(
            msg(-(1 << 64), UInt64).as_deref(),
            Some("Python int too large to convert to C long")
        );
        assert_eq!(msg(1 << 70, Float32), None);
    }

    #[test]
    fn out_of_range_comparisons_clamp() {
        use BinaryOp::*;
        assert_eq!(clamp_comparison(Less, 300, Int8), Some((LessEqual, 127)));
        assert_eq!(clamp_comparison(Equal, 300, Int8), Some((Greater, 127)));
        assert_eq!(clamp_comparison(Equal, -1, UInt8), Some((Less, 0)));
        assert_eq!(
            clamp_comparison(GreaterEqual, -5, UInt8),
            Some((GreaterEqual, 0))
        );
        assert_eq!(
            clamp_comparison(NotEqual, -1, UInt8),
            Some((GreaterEqual, 0))
        );
        assert_eq!(clamp_comparison(Less, 100, Int8), None);
        assert_eq!(clamp_comparison(Add, 300, Int8), None);
        assert_eq!(mirror_comparison(Less), Greater);
    }
}
