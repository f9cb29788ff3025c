//! Unary ufunc loops: negative, positive, invert, absolute.
//!
//! Typed loops for bool, integer and float dtypes (integer negation and
//! absolute value wrap in the element's width, as `ops`'s 64-bit result
//! narrowed does); complex values go through `ops::unary_scalar`.

use super::{element_cast, Bool, Element, C128, C64};
use crate::array::dtype::DType;
use crate::array::ops::{unary_scalar, UnaryOp};

/// `n` elements of `out = op(a)`; pointers and strides are `[out, a]`.
pub type UnaryFn = unsafe fn(n: usize, p: [*mut u8; 2], s: [isize; 2], op: UnaryOp);

/// Typed unary operations.
pub trait Unary: Element {
    /// The value itself (a bool is normalised to 0 or 1, as a cast does).
    #[inline(always)]
    fn positive(self) -> Self {
        self
    }
    fn negative(self) -> Self;
    fn invert(self) -> Self;
    fn absolute(self) -> Self;
}

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl Unary for $t {
            #[inline(always)] fn negative(self) -> Self { self.wrapping_neg() }
            #[inline(always)] fn invert(self) -> Self { !self }
            #[inline(always)] fn absolute(self) -> Self { self.wrapping_abs() }
        }
    )*};
}
signed!(i8, i16, i32, i64);

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Unary for $t {
            #[inline(always)] fn negative(self) -> Self { self.wrapping_neg() }
            #[inline(always)] fn invert(self) -> Self { !self }
            #[inline(always)] fn absolute(self) -> Self { self }
        }
    )*};
}
unsigned!(u8, u16, u32, u64);

macro_rules! float {
    ($($t:ty),*) => {$(
        impl Unary for $t {
            #[inline(always)] fn negative(self) -> Self { -self }
            #[inline(always)] fn invert(self) -> Self { self }
            #[inline(always)] fn absolute(self) -> Self { self.abs() }
        }
    )*};
}
float!(f32, f64);

impl Unary for Bool {
    #[inline(always)]
    fn positive(self) -> Self {
        Bool::new(self.get())
    }
    #[inline(always)]
    fn negative(self) -> Self {
        self
    }
    #[inline(always)]
    fn invert(self) -> Self {
        Bool::new(!self.get())
    }
    #[inline(always)]
    fn absolute(self) -> Self {
        Bool::new(self.get())
    }
}

/// # Safety
/// The pointers with their strides must address `n` valid elements each.
#[inline(always)]
unsafe fn run<T: Element>(n: usize, p: [*mut u8; 2], s: [isize; 2], f: impl Fn(T) -> T) {
    let [o, a] = p;
    let it = size_of::<T>();
    if s == [it as isize; 2] {
        for i in 0..n {
            T::store(o.add(i * it), f(T::load(a.add(i * it))));
        }
    } else {
        let (mut o, mut a) = (o, a);
        for _ in 0..n {
            T::store(o, f(T::load(a)));
            o = o.wrapping_offset(s[0]);
            a = a.wrapping_offset(s[1]);
        }
    }
}

unsafe fn typed<T: Unary>(n: usize, p: [*mut u8; 2], s: [isize; 2], op: UnaryOp) {
    typed_body::<T>(n, p, s, op)
}

/// `typed` compiled with AVX2 (chosen at run time when present).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn typed_avx2<T: Unary>(n: usize, p: [*mut u8; 2], s: [isize; 2], op: UnaryOp) {
    typed_body::<T>(n, p, s, op)
}

fn pick<T: Unary>() -> UnaryFn {
    #[cfg(target_arch = "x86_64")]
    if super::has_avx2() {
        return typed_avx2::<T>;
    }
    typed::<T>
}

#[inline(always)]
unsafe fn typed_body<T: Unary>(n: usize, p: [*mut u8; 2], s: [isize; 2], op: UnaryOp) {
    match op {
        UnaryOp::Negative => run::<T>(n, p, s, T::negative),
        UnaryOp::Positive => run::<T>(n, p, s, T::positive),
        UnaryOp::Invert => run::<T>(n, p, s, T::invert),
        UnaryOp::Absolute => run::<T>(n, p, s, T::absolute),
    }
}

/// `unary_scalar` per element, the result cast to `O`.
unsafe fn generic<T: Element, O: Element>(n: usize, p: [*mut u8; 2], s: [isize; 2], op: UnaryOp) {
    let [mut o, mut a] = p;
    for _ in 0..n {
        let r = element_cast(unary_scalar(op, T::load(a).to_scalar()), O::DTYPE);
        O::store(o, O::from_scalar(r));
        o = o.wrapping_offset(s[0]);
        a = a.wrapping_offset(s[1]);
    }
}

/// The loop for `op` on `dtype` (the output dtype is `dtype`, or the real
/// dtype for the absolute value of a complex dtype).
pub fn unary_fn(dtype: DType) -> UnaryFn {
    match dtype {
        DType::Bool => pick::<Bool>(),
        DType::Int8 => pick::<i8>(),
        DType::Int16 => pick::<i16>(),
        DType::Int32 => pick::<i32>(),
        DType::Int64 => pick::<i64>(),
        DType::UInt8 => pick::<u8>(),
        DType::UInt16 => pick::<u16>(),
        DType::UInt32 => pick::<u32>(),
        DType::UInt64 => pick::<u64>(),
        DType::Float32 => pick::<f32>(),
        DType::Float64 => pick::<f64>(),
        DType::Complex64 => complex::<C64, f32>,
        DType::Complex128 => complex::<C128, f64>,
    }
}

unsafe fn complex<T: Element, R: Element>(n: usize, p: [*mut u8; 2], s: [isize; 2], op: UnaryOp) {
    if op == UnaryOp::Absolute {
        generic::<T, R>(n, p, s, op)
    } else {
        generic::<T, T>(n, p, s, op)
    }
}
