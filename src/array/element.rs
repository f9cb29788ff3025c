//! Reading, writing and casting single elements.
//!
//! Elements are stored in native byte order at any byte offset, so reads and
//! writes go through `from_ne_bytes`/`to_ne_bytes` and need no alignment.
//! Casting follows C conversion as NumPy's `astype(..., casting='unsafe')`
//! does: integers wrap, floats truncate toward zero.

use super::dtype::DType;
use super::scalar::Scalar;

macro_rules! read_as {
    ($t:ty, $bytes:expr, $off:expr) => {{
        const N: usize = std::mem::size_of::<$t>();
        let mut raw = [0u8; N];
        if let Some(src) = $bytes.get($off..$off + N) {
            raw.copy_from_slice(src);
        }
        <$t>::from_ne_bytes(raw)
    }};
}

macro_rules! write_as {
    ($t:ty, $bytes:expr, $off:expr, $v:expr) => {{
        const N: usize = std::mem::size_of::<$t>();
        let v: $t = $v;
        if let Some(dst) = $bytes.get_mut($off..$off + N) {
            dst.copy_from_slice(&v.to_ne_bytes());
        }
    }};
}

/// The element of type `dtype` stored at byte offset `off`.
pub fn read(dtype: DType, bytes: &[u8], off: usize) -> Scalar {
    match dtype {
        DType::Bool => Scalar::Bool(bytes.get(off).is_some_and(|b| *b != 0)),
        DType::Int8 => Scalar::Int(read_as!(i8, bytes, off) as i64),
        DType::Int16 => Scalar::Int(read_as!(i16, bytes, off) as i64),
        DType::Int32 => Scalar::Int(read_as!(i32, bytes, off) as i64),
        DType::Int64 => Scalar::Int(read_as!(i64, bytes, off)),
        DType::UInt8 => Scalar::UInt(read_as!(u8, bytes, off) as u64),
        DType::UInt16 => Scalar::UInt(read_as!(u16, bytes, off) as u64),
        DType::UInt32 => Scalar::UInt(read_as!(u32, bytes, off) as u64),
        DType::UInt64 => Scalar::UInt(read_as!(u64, bytes, off)),
        DType::Float32 => Scalar::Float(read_as!(f32, bytes, off) as f64),
        DType::Float64 => Scalar::Float(read_as!(f64, bytes, off)),
        DType::Complex64 => Scalar::Complex(
            read_as!(f32, bytes, off) as f64,
            read_as!(f32, bytes, off + 4) as f64,
        ),
        DType::Complex128 => {
            Scalar::Complex(read_as!(f64, bytes, off), read_as!(f64, bytes, off + 8))
        }
    }
}

/// Stores `v`, converted to `dtype`, at byte offset `off`.
pub fn write(dtype: DType, bytes: &mut [u8], off: usize, v: Scalar) {
    match (dtype, cast(v, dtype)) {
        (DType::Bool, v) => {
            if let Some(b) = bytes.get_mut(off) {
                *b = v.is_truthy() as u8;
            }
        }
        (DType::Int8, Scalar::Int(i)) => write_as!(i8, bytes, off, i as i8),
        (DType::Int16, Scalar::Int(i)) => write_as!(i16, bytes, off, i as i16),
        (DType::Int32, Scalar::Int(i)) => write_as!(i32, bytes, off, i as i32),
        (DType::Int64, Scalar::Int(i)) => write_as!(i64, bytes, off, i),
        (DType::UInt8, Scalar::UInt(u)) => write_as!(u8, bytes, off, u as u8),
        (DType::UInt16, Scalar::UInt(u)) => write_as!(u16, bytes, off, u as u16),
        (DType::UInt32, Scalar::UInt(u)) => write_as!(u32, bytes, off, u as u32),
        (DType::UInt64, Scalar::UInt(u)) => write_as!(u64, bytes, off, u),
        (DType::Float32, Scalar::Float(f)) => write_as!(f32, bytes, off, f as f32),
        (DType::Float64, Scalar::Float(f)) => write_as!(f64, bytes, off, f),
        (DType::Complex64, Scalar::Complex(re, im)) => {
            write_as!(f32, bytes, off, re as f32);
            write_as!(f32, bytes, off + 4, im as f32);
        }
        (DType::Complex128, Scalar::Complex(re, im)) => {
            write_as!(f64, bytes, off, re);
            write_as!(f64, bytes, off + 8, im);
        }
        // `cast` always returns the variant that matches `dtype`.
        _ => {}
    }
}

/// Converts a value to `to` with C semantics (wrap, truncate, drop imaginary).
#[inline]
pub fn cast(v: Scalar, to: DType) -> Scalar {
    if let (Scalar::Float(f) | Scalar::Complex(f, _), true) = (v, to.is_integer()) {
        return float_to_int(f, to);
    }
    match to {
        DType::Bool => Scalar::Bool(v.is_truthy()),
        DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => {
            let wide = to_i64_wrapping(v);
            Scalar::Int(match to {
                DType::Int8 => wide as i8 as i64,
                DType::Int16 => wide as i16 as i64,
                DType::Int32 => wide as i32 as i64,
                _ => wide,
            })
        }
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => {
            let wide = to_i64_wrapping(v) as u64;
            let wide = match v {
                Scalar::UInt(u) => u,
                Scalar::Float(f) if f >= 9.223_372_036_854_776e18 => f as u64,
                _ => wide,
            };
            Scalar::UInt(match to {
                DType::UInt8 => wide as u8 as u64,
                DType::UInt16 => wide as u16 as u64,
                DType::UInt32 => wide as u32 as u64,
                _ => wide,
            })
        }
        DType::Float32 => Scalar::Float(to_f64(v) as f32 as f64),
        DType::Float64 => Scalar::Float(to_f64(v)),
        DType::Complex64 => {
            let (re, im) = v.to_complex();
            let (re, im) = match v {
                Scalar::Complex(..) => (re, im),
                other => (to_f64(other), 0.0),
            };
            Scalar::Complex(re as f32 as f64, im as f32 as f64)
        }
        DType::Complex128 => match v {
            Scalar::Complex(re, im) => Scalar::Complex(re, im),
            other => Scalar::Complex(to_f64(other), 0.0),
        },
    }
}

#[inline]
fn to_f64(v: Scalar) -> f64 {
    match v {
        Scalar::Bool(b) => b as u8 as f64,
        Scalar::Int(i) => i as f64,
        Scalar::UInt(u) => u as f64,
        Scalar::Float(f) => f,
        Scalar::Complex(re, _) => re,
    }
}

/// A float converted to an integer dtype as NumPy's C loops do on x86-64:
/// narrow signed types and uint8/16 go through the 32-bit truncating
/// conversion, int64 and uint32 through the 64-bit one (NaN and values out
/// of range give the "integer indefinite" value, then the bits are
/// truncated), uint64 through the 64-bit one with a 2^63 offset.
fn float_to_int(f: f64, to: DType) -> Scalar {
    const TWO_63: f64 = 9.223_372_036_854_776e18;
    let cvt32 = |x: f64| -> i32 {
        if x.is_nan() || !(-2_147_483_648.0..2_147_483_648.0).contains(&x) {
            i32::MIN
        } else {
            x as i32
        }
    };
    let cvt64 = |x: f64| -> i64 {
        if x.is_nan() || !(-TWO_63..TWO_63).contains(&x) {
            i64::MIN
        } else {
            x as i64
        }
    };
    match to {
        DType::Int8 => Scalar::Int(cvt32(f) as i8 as i64),
        DType::Int16 => Scalar::Int(cvt32(f) as i16 as i64),
        DType::Int32 => Scalar::Int(cvt32(f) as i64),
        DType::Int64 => Scalar::Int(cvt64(f)),
        DType::UInt8 => Scalar::UInt(cvt32(f) as u8 as u64),
        DType::UInt16 => Scalar::UInt(cvt32(f) as u16 as u64),
        DType::UInt32 => Scalar::UInt(cvt64(f) as u32 as u64),
        DType::UInt64 => Scalar::UInt(if f < TWO_63 {
            cvt64(f) as u64
        } else {
            (cvt64(f - TWO_63) as u64) ^ (1 << 63)
        }),
        _ => Scalar::Int(cvt64(f)),
    }
}

/// Integer value with C's float-to-int behaviour on x86-64: NaN and
/// out-of-range values become `i64::MIN`.
#[inline]
fn to_i64_wrapping(v: Scalar) -> i64 {
    match v {
        Scalar::Bool(b) => b as i64,
        Scalar::Int(i) => i,
        Scalar::UInt(u) => u as i64,
        Scalar::Float(f) | Scalar::Complex(f, _) => {
            if f.is_nan() || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
                i64::MIN
            } else {
                f as i64
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_dtype() {
        let mut bytes = vec![0u8; 32];
        for dtype in DType::ALL {
            write(dtype, &mut bytes, 3, Scalar::Int(5));
            assert_eq!(read(dtype, &bytes, 3), cast(Scalar::Int(5), dtype));
        }
    }

    #[test]
    fn casts_wrap_and_truncate() {
        assert_eq!(cast(Scalar::Int(300), DType::Int8), Scalar::Int(44));
        assert_eq!(cast(Scalar::Float(-2.9), DType::Int64), Scalar::Int(-2));
        assert_eq!(cast(Scalar::Int(-1), DType::UInt8), Scalar::UInt(255));
        assert_eq!(cast(Scalar::Float(0.1), DType::Bool), Scalar::Bool(true));
    }
}
