//! Binary ufunc loops: `out[i] = op(a[i], b[i])` in the loop dtype.
//!
//! The common operations (`+ - * /`, comparisons, maximum/minimum, bitwise)
//! have typed loops; the rest (floor division, remainder, power, shifts,
//! every complex operation) run `ops::apply` per element, which defines
//! them. Typed integer arithmetic wraps in the element's own width, which
//! equals `apply`'s wrap in 64 bits followed by the narrowing cast; float32
//! `+ - * /` in float32 equal the float64 result rounded to float32 (float64
//! carries more than twice float32's precision, so rounding twice is exact).

use super::{Bool, Element, C128, C64};
use crate::array::dtype::DType;
use crate::array::ops::{apply, BinaryOp};

/// `n` elements of `out = op(a, b)`; pointers and byte strides are in the
/// order `[out, a, b]`. The op is passed for the loops that need it.
pub type BinaryFn = unsafe fn(n: usize, p: [*mut u8; 3], s: [isize; 3], op: BinaryOp);

/// Arithmetic every real dtype has, with `apply`'s values.
pub trait Num: Element {
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// NumPy's `maximum`: NaN wins (the first NaN), ties give `o`.
    fn np_max(self, o: Self) -> Self;
    fn np_min(self, o: Self) -> Self;
    fn less(self, o: Self) -> bool;
    fn less_eq(self, o: Self) -> bool;
    fn equal(self, o: Self) -> bool;
}

/// Bitwise operations of bool and integer dtypes.
pub trait Bits: Element {
    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
}

macro_rules! int_num {
    ($($t:ty),*) => {$(
        impl Num for $t {
            #[inline(always)] fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline(always)] fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline(always)] fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline(always)] fn np_max(self, o: Self) -> Self { self.max(o) }
            #[inline(always)] fn np_min(self, o: Self) -> Self { self.min(o) }
            #[inline(always)] fn less(self, o: Self) -> bool { self < o }
            #[inline(always)] fn less_eq(self, o: Self) -> bool { self <= o }
            #[inline(always)] fn equal(self, o: Self) -> bool { self == o }
        }
        impl Bits for $t {
            #[inline(always)] fn and(self, o: Self) -> Self { self & o }
            #[inline(always)] fn or(self, o: Self) -> Self { self | o }
            #[inline(always)] fn xor(self, o: Self) -> Self { self ^ o }
        }
    )*};
}

int_num!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_num {
    ($($t:ty),*) => {$(
        impl Num for $t {
            #[inline(always)] fn add(self, o: Self) -> Self { self + o }
            #[inline(always)] fn sub(self, o: Self) -> Self { self - o }
            #[inline(always)] fn mul(self, o: Self) -> Self { self * o }
            #[inline(always)]
            fn np_max(self, o: Self) -> Self {
                if self > o || self.is_nan() { self } else { o }
            }
            #[inline(always)]
            fn np_min(self, o: Self) -> Self {
                if self < o || self.is_nan() { self } else { o }
            }
            #[inline(always)] fn less(self, o: Self) -> bool { self < o }
            #[inline(always)] fn less_eq(self, o: Self) -> bool { self <= o }
            #[inline(always)] fn equal(self, o: Self) -> bool { self == o }
        }
    )*};
}

float_num!(f32, f64);

impl Num for Bool {
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        self.or(o)
    }
    #[inline(always)]
    fn sub(self, o: Self) -> Self {
        self.xor(o)
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        self.and(o)
    }
    #[inline(always)]
    fn np_max(self, o: Self) -> Self {
        self.or(o)
    }
    #[inline(always)]
    fn np_min(self, o: Self) -> Self {
        self.and(o)
    }
    #[inline(always)]
    fn less(self, o: Self) -> bool {
        !self.get() & o.get()
    }
    #[inline(always)]
    fn less_eq(self, o: Self) -> bool {
        !self.get() | o.get()
    }
    #[inline(always)]
    fn equal(self, o: Self) -> bool {
        self.get() == o.get()
    }
}

impl Bits for Bool {
    #[inline(always)]
    fn and(self, o: Self) -> Self {
        Bool::new(self.get() & o.get())
    }
    #[inline(always)]
    fn or(self, o: Self) -> Self {
        Bool::new(self.get() | o.get())
    }
    #[inline(always)]
    fn xor(self, o: Self) -> Self {
        Bool::new(self.get() ^ o.get())
    }
}

/// One element of an operation, as a type so each loop is its own function.
pub trait Kernel<T, O> {
    fn f(a: T, b: T) -> O;
}

macro_rules! kernels {
    ($($name:ident: $bound:ident, $out:ty, |$a:ident, $b:ident| $body:expr;)*) => {$(
        pub struct $name;
        impl<T: $bound> Kernel<T, $out> for $name {
            #[inline(always)]
            fn f($a: T, $b: T) -> $out {
                $body
            }
        }
    )*};
}

kernels! {
    Add: Num, T, |a, b| a.add(b);
    Sub: Num, T, |a, b| a.sub(b);
    Mul: Num, T, |a, b| a.mul(b);
    Max: Num, T, |a, b| a.np_max(b);
    Min: Num, T, |a, b| a.np_min(b);
    Lt: Num, Bool, |a, b| Bool::new(a.less(b));
    Le: Num, Bool, |a, b| Bool::new(a.less_eq(b));
    Gt: Num, Bool, |a, b| Bool::new(b.less(a));
    Ge: Num, Bool, |a, b| Bool::new(b.less_eq(a));
    Eq: Num, Bool, |a, b| Bool::new(a.equal(b));
    Ne: Num, Bool, |a, b| Bool::new(!a.equal(b));
    And: Bits, T, |a, b| a.and(b);
    Or: Bits, T, |a, b| a.or(b);
    Xor: Bits, T, |a, b| a.xor(b);
}

/// Float division (integer `/` runs in float64, see `ops`).
pub struct Div;
impl Kernel<f32, f32> for Div {
    #[inline(always)]
    fn f(a: f32, b: f32) -> f32 {
        a / b
    }
}
impl Kernel<f64, f64> for Div {
    #[inline(always)]
    fn f(a: f64, b: f64) -> f64 {
        a / b
    }
}

/// The typed loop, compiled for the baseline instruction set.
///
/// # Safety
/// The pointers with their strides must address `n` valid elements each.
unsafe fn run<T: Element, O: Element, K: Kernel<T, O>>(
    n: usize,
    p: [*mut u8; 3],
    s: [isize; 3],
    _: BinaryOp,
) {
    body::<T, O, K>(n, p, s)
}

/// The typed loop compiled with AVX2 (chosen at run time when present).
///
/// # Safety
/// As for `run`; the processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn run_avx2<T: Element, O: Element, K: Kernel<T, O>>(
    n: usize,
    p: [*mut u8; 3],
    s: [isize; 3],
    _: BinaryOp,
) {
    body::<T, O, K>(n, p, s)
}

/// The typed loop compiled with AVX-512 (chosen at run time when present).
///
/// # Safety
/// As for `run`; the processor must have AVX-512F and AVX-512BW.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw")]
unsafe fn run_avx512<T: Element, O: Element, K: Kernel<T, O>>(
    n: usize,
    p: [*mut u8; 3],
    s: [isize; 3],
    _: BinaryOp,
) {
    body::<T, O, K>(n, p, s)
}

/// The loop for `K` on this processor.
fn pick<T: Element, O: Element, K: Kernel<T, O>>() -> BinaryFn {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512bw") {
        return run_avx512::<T, O, K>;
    }
    #[cfg(target_arch = "x86_64")]
    if super::has_avx2() {
        return run_avx2::<T, O, K>;
    }
    run::<T, O, K>
}

/// The typed loop, with contiguous and scalar-operand forms.
///
/// # Safety
/// As for `run`.
#[inline(always)]
unsafe fn body<T: Element, O: Element, K: Kernel<T, O>>(n: usize, p: [*mut u8; 3], s: [isize; 3]) {
    let [o, a, b] = p;
    let [so, sa, sb] = s;
    let (it, io) = (size_of::<T>(), size_of::<O>());
    let contiguous_out = so == io as isize;
    if contiguous_out && sa == it as isize && sb == it as isize {
        if io == it && o == a {
            // In place (`a += b`): one pointer read and written.
            for i in 0..n {
                let x = T::load(o.add(i * it));
                O::store(o.add(i * io), K::f(x, T::load(b.add(i * it))));
            }
        } else {
            for i in 0..n {
                let r = K::f(T::load(a.add(i * it)), T::load(b.add(i * it)));
                O::store(o.add(i * io), r);
            }
        }
    } else if contiguous_out && sa == 0 && sb == it as isize {
        let x = T::load(a);
        for i in 0..n {
            O::store(o.add(i * io), K::f(x, T::load(b.add(i * it))));
        }
    } else if contiguous_out && sa == it as isize && sb == 0 {
        let y = T::load(b);
        if io == it && o == a {
            for i in 0..n {
                let x = T::load(o.add(i * it));
                O::store(o.add(i * io), K::f(x, y));
            }
        } else {
            for i in 0..n {
                O::store(o.add(i * io), K::f(T::load(a.add(i * it)), y));
            }
        }
    } else {
        let (mut o, mut a, mut b) = (o, a, b);
        for _ in 0..n {
            O::store(o, K::f(T::load(a), T::load(b)));
            o = o.wrapping_offset(so);
            a = a.wrapping_offset(sa);
            b = b.wrapping_offset(sb);
        }
    }
}

/// `apply` per element, for the operations without a typed loop.
///
/// # Safety
/// As for `run`.
unsafe fn generic<T: Element, O: Element>(n: usize, p: [*mut u8; 3], s: [isize; 3], op: BinaryOp) {
    let [mut o, mut a, mut b] = p;
    let [so, sa, sb] = s;
    for _ in 0..n {
        let r = apply(op, T::DTYPE, T::load(a).to_scalar(), T::load(b).to_scalar());
        O::store(o, O::from_scalar(r));
        o = o.wrapping_offset(so);
        a = a.wrapping_offset(sa);
        b = b.wrapping_offset(sb);
    }
}

/// The loop for `op` computed in `dtype` (inputs already of `dtype`; the
/// output is bool for comparisons, `dtype` otherwise).
pub fn binary_fn(op: BinaryOp, dtype: DType) -> BinaryFn {
    use BinaryOp::*;
    macro_rules! num {
        ($t:ty) => {
            match op {
                Add => pick::<$t, $t, self::Add>(),
                Subtract => pick::<$t, $t, Sub>(),
                Multiply => pick::<$t, $t, Mul>(),
                Maximum => pick::<$t, $t, Max>(),
                Minimum => pick::<$t, $t, Min>(),
                Less => pick::<$t, Bool, Lt>(),
                LessEqual => pick::<$t, Bool, Le>(),
                Greater => pick::<$t, Bool, Gt>(),
                GreaterEqual => pick::<$t, Bool, Ge>(),
                Equal => pick::<$t, Bool, Eq>(),
                NotEqual => pick::<$t, Bool, Ne>(),
                _ => fallback::<$t>(op),
            }
        };
    }
    macro_rules! bits {
        ($t:ty) => {
            match op {
                BitAnd => pick::<$t, $t, And>(),
                BitOr => pick::<$t, $t, Or>(),
                BitXor => pick::<$t, $t, Xor>(),
                _ => num!($t),
            }
        };
    }
    match dtype {
        DType::Bool => match op {
            Add | BitOr | Maximum => pick::<Bool, Bool, Or>(),
            Multiply | BitAnd | Minimum => pick::<Bool, Bool, And>(),
            BitXor => pick::<Bool, Bool, Xor>(),
            Less | LessEqual | Greater | GreaterEqual | Equal | NotEqual => num!(Bool),
            _ => fallback::<Bool>(op),
        },
        DType::Int8 => bits!(i8),
        DType::Int16 => bits!(i16),
        DType::Int32 => bits!(i32),
        DType::Int64 => bits!(i64),
        DType::UInt8 => bits!(u8),
        DType::UInt16 => bits!(u16),
        DType::UInt32 => bits!(u32),
        DType::UInt64 => bits!(u64),
        DType::Float32 => match op {
            Divide => pick::<f32, f32, Div>(),
            _ => num!(f32),
        },
        DType::Float64 => match op {
            Divide => pick::<f64, f64, Div>(),
            _ => num!(f64),
        },
        DType::Complex64 => fallback::<C64>(op),
        DType::Complex128 => fallback::<C128>(op),
    }
}

fn fallback<T: Element>(op: BinaryOp) -> BinaryFn {
    if op.is_comparison() {
        generic::<T, Bool>
    } else {
        generic::<T, T>
    }
}
