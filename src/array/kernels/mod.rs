//! Typed element loops: the fast paths under `ops`, `reduce`, `index` and
//! copies.
//!
//! Every loop here is generic over a Rust element type (`Element`) and is
//! chosen once per call from the dtypes involved (`with_dtype!`), never per
//! element. Loops take raw byte pointers and byte strides so one loop serves
//! every layout; `strided` turns an n-d layout into as few long 1-d loops as
//! possible, and each loop has a contiguous form the compiler vectorises.
//!
//! Values must equal, bit for bit, what the element-at-a-time definitions in
//! `element` (casting) and `ops::apply` (arithmetic) give: every typed
//! operation is either proved equal to its `Scalar` definition (integer
//! wrap-around, float32 `+ - * /` done in float32) or is that definition,
//! inlined.
//!
//! Memory safety rests on one check: `strided::Operand::new` verifies that
//! every element of a layout lies inside its buffer before a loop runs.

pub mod arrays;
pub mod binary;
pub mod cast;
pub mod copy;
pub mod reduce;
pub mod scan;
pub mod select;
pub mod stream;
pub mod strided;
pub mod transpose;
pub mod ufunc;
pub mod unary;

#[cfg(test)]
mod tests;

use super::dtype::DType;
use super::element;
use super::scalar::Scalar;

/// A Rust type that holds one element of a dtype, stored in native byte
/// order at any alignment.
pub trait Element: Copy + 'static {
    const DTYPE: DType;

    fn to_scalar(self) -> Scalar;

    /// The element for a value already converted to `DTYPE` (by
    /// `element::cast`); other variants give zero.
    fn from_scalar(v: Scalar) -> Self;

    /// Reads the element at `p`.
    ///
    /// # Safety
    /// `p` must point at `size_of::<Self>()` readable bytes.
    #[inline(always)]
    unsafe fn load(p: *const u8) -> Self {
        p.cast::<Self>().read_unaligned()
    }

    /// Writes the element at `p`.
    ///
    /// # Safety
    /// `p` must point at `size_of::<Self>()` writable bytes.
    #[inline(always)]
    unsafe fn store(p: *mut u8, v: Self) {
        p.cast::<Self>().write_unaligned(v)
    }
}

/// A NumPy bool as stored: one byte, true when nonzero (a `uint8` array
/// viewed as bool may hold any byte, so Rust's `bool` cannot be used).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(transparent)]
pub struct Bool(pub u8);

impl Bool {
    #[inline(always)]
    pub fn get(self) -> bool {
        self.0 != 0
    }

    #[inline(always)]
    pub fn new(b: bool) -> Bool {
        Bool(b as u8)
    }
}

/// complex64 as stored: two float32.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C)]
pub struct C64 {
    pub re: f32,
    pub im: f32,
}

/// complex128 as stored: two float64.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C)]
pub struct C128 {
    pub re: f64,
    pub im: f64,
}

impl Element for Bool {
    const DTYPE: DType = DType::Bool;
    #[inline(always)]
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self.get())
    }
    #[inline(always)]
    fn from_scalar(v: Scalar) -> Self {
        Bool::new(matches!(v, Scalar::Bool(true)))
    }
}

macro_rules! int_element {
    ($($t:ty => $dtype:ident, $variant:ident, $wide:ty);* $(;)?) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$dtype;
            #[inline(always)]
            fn to_scalar(self) -> Scalar {
                Scalar::$variant(self as $wide)
            }
            #[inline(always)]
            fn from_scalar(v: Scalar) -> Self {
                match v {
                    Scalar::$variant(x) => x as $t,
                    _ => 0,
                }
            }
        }
    )*};
}

int_element! {
    i8 => Int8, Int, i64;
    i16 => Int16, Int, i64;
    i32 => Int32, Int, i64;
    i64 => Int64, Int, i64;
    u8 => UInt8, UInt, u64;
    u16 => UInt16, UInt, u64;
    u32 => UInt32, UInt, u64;
    u64 => UInt64, UInt, u64;
}

impl Element for f32 {
    const DTYPE: DType = DType::Float32;
    #[inline(always)]
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self as f64)
    }
    #[inline(always)]
    fn from_scalar(v: Scalar) -> Self {
        match v {
            Scalar::Float(x) => x as f32,
            _ => 0.0,
        }
    }
}

impl Element for f64 {
    const DTYPE: DType = DType::Float64;
    #[inline(always)]
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self)
    }
    #[inline(always)]
    fn from_scalar(v: Scalar) -> Self {
        match v {
            Scalar::Float(x) => x,
            _ => 0.0,
        }
    }
}

impl Element for C64 {
    const DTYPE: DType = DType::Complex64;
    #[inline(always)]
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(self.re as f64, self.im as f64)
    }
    #[inline(always)]
    fn from_scalar(v: Scalar) -> Self {
        match v {
            Scalar::Complex(re, im) => C64 {
                re: re as f32,
                im: im as f32,
            },
            _ => C64 { re: 0.0, im: 0.0 },
        }
    }
}

impl Element for C128 {
    const DTYPE: DType = DType::Complex128;
    #[inline(always)]
    fn to_scalar(self) -> Scalar {
        Scalar::Complex(self.re, self.im)
    }
    #[inline(always)]
    fn from_scalar(v: Scalar) -> Self {
        match v {
            Scalar::Complex(re, im) => C128 { re, im },
            _ => C128 { re: 0.0, im: 0.0 },
        }
    }
}

pub use element::cast as element_cast;

/// `U`'s value for `x`, exactly as `element::cast` converts.
#[inline(always)]
pub fn convert<T: Element, U: Element>(x: T) -> U {
    if T::DTYPE == U::DTYPE && T::DTYPE != DType::Bool {
        // A cast to the same numeric dtype changes nothing (a bool is
        // normalised to 0 or 1, so it goes the long way).
        // SAFETY: equal dtypes mean equal element types.
        return unsafe { std::mem::transmute_copy::<T, U>(&x) };
    }
    U::from_scalar(element::cast(x.to_scalar(), U::DTYPE))
}

/// Runs `$body` with the type alias `$t` bound to the element type of
/// `$dtype`: the one place a dtype becomes a Rust type.
#[macro_export]
#[doc(hidden)]
macro_rules! with_dtype {
    ($dtype:expr, $t:ident => $body:expr) => {{
        use $crate::array::dtype::DType as __D;
        use $crate::array::kernels as __k;
        match $dtype {
            __D::Bool => {
                type $t = __k::Bool;
                $body
            }
            __D::Int8 => {
                type $t = i8;
                $body
            }
            __D::Int16 => {
                type $t = i16;
                $body
            }
            __D::Int32 => {
                type $t = i32;
                $body
            }
            __D::Int64 => {
                type $t = i64;
                $body
            }
            __D::UInt8 => {
                type $t = u8;
                $body
            }
            __D::UInt16 => {
                type $t = u16;
                $body
            }
            __D::UInt32 => {
                type $t = u32;
                $body
            }
            __D::UInt64 => {
                type $t = u64;
                $body
            }
            __D::Float32 => {
                type $t = f32;
                $body
            }
            __D::Float64 => {
                type $t = f64;
                $body
            }
            __D::Complex64 => {
                type $t = __k::C64;
                $body
            }
            __D::Complex128 => {
                type $t = __k::C128;
                $body
            }
        }
    }};
}

pub use crate::with_dtype;

/// Whether the processor has AVX2 (checked once, then cached by std).
#[cfg(target_arch = "x86_64")]
#[inline]
pub fn has_avx2() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

/// The largest element, in bytes: scratch space for one value of any dtype.
pub const MAX_ITEMSIZE: usize = 16;
