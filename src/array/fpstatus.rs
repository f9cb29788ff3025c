//! The processor's floating-point exception flags, read around a ufunc loop.
//!
//! IEEE 754 arithmetic raises sticky status flags when an operation divides
//! a finite number by zero, overflows, or has no meaningful result (invalid:
//! `0/0`, `inf - inf`, `sqrt(-1)`, ...). NumPy clears them before a ufunc
//! loop and reads them after (`npy_clear_floatstatus` /
//! `npy_get_floatstatus`) to decide its RuntimeWarnings without looking at
//! the elements. [`watch`] does the same: when none of the three flags is
//! raised, no element of a float result can deserve a warning, so the
//! caller skips any pass over the result.
//!
//! On x86-64 the flags live in the SSE control/status register MXCSR (all
//! scalar and vector float arithmetic the compiler emits) and in the x87
//! status word (which some libm routines still use); both are read and
//! cleared, as glibc's `fetestexcept`/`feclearexcept` do. Only the status
//! bits are written back: rounding mode and exception masks stay as the
//! compiler assumes them. Elsewhere [`watch`] answers `None` ("unknown")
//! and callers look at the elements instead.
//!
//! The flags are per thread and sticky, so anything between the clear and
//! the read that raises them (a float-to-int conversion out of range raises
//! "invalid") counts too: watch only the loop itself, and treat raised
//! flags as "maybe", never as a verdict on their own.

/// The exception flags an operation raised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Raised {
    pub invalid: bool,
    pub divide_by_zero: bool,
    pub overflow: bool,
}

impl Raised {
    /// Whether any of the three flags was raised.
    pub fn any(self) -> bool {
        self.invalid || self.divide_by_zero || self.overflow
    }
}

/// Runs `f` with the flags cleared before it and read after it. `None`
/// where this target's flags cannot be read.
pub fn watch<R>(f: impl FnOnce() -> R) -> (R, Option<Raised>) {
    #[cfg(target_arch = "x86_64")]
    {
        x86::clear();
        let result = f();
        (result, Some(x86::raised()))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        (f(), None)
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::asm;

    use super::Raised;

    /// The exception status bits shared by MXCSR and the x87 status word:
    /// invalid (0), denormal operand (1), divide by zero (2), overflow (3),
    /// underflow (4), precision (5).
    const STATUS_BITS: u32 = 0x3f;
    const INVALID: u32 = 1 << 0;
    const DIVIDE_BY_ZERO: u32 = 1 << 2;
    const OVERFLOW: u32 = 1 << 3;

    fn read_mxcsr() -> u32 {
        let mut value: u32 = 0;
        // SAFETY: `stmxcsr` stores the 4-byte register into `value`, a
        // valid, writable local; it has no other effect. SSE is part of
        // the x86-64 baseline.
        unsafe {
            asm!("stmxcsr [{}]", in(reg) &mut value, options(nostack, preserves_flags));
        }
        value
    }

    fn x87_status() -> u32 {
        let status: u16;
        // SAFETY: `fnstsw ax` only copies the x87 status word into `ax`.
        unsafe {
            asm!("fnstsw ax", out("ax") status, options(nomem, nostack, preserves_flags));
        }
        u32::from(status)
    }

    /// Clears the exception status bits (nothing else) of both units.
    pub fn clear() {
        let mxcsr = read_mxcsr();
        if mxcsr & STATUS_BITS != 0 {
            let cleared = mxcsr & !STATUS_BITS;
            // SAFETY: `ldmxcsr` loads 4 bytes from `cleared`, a valid local;
            // the value differs from the current register only in the
            // sticky status bits, so rounding mode and exception masks (what
            // compiled code relies on) are unchanged and no trap is enabled.
            unsafe {
                asm!("ldmxcsr [{}]", in(reg) &cleared, options(nostack, preserves_flags, readonly));
            }
        }
        if x87_status() & STATUS_BITS != 0 {
            // SAFETY: `fnclex` clears the x87 exception flags (and the
            // busy/summary bits that follow from them); it touches no memory
            // and changes no control setting.
            unsafe {
                asm!("fnclex", options(nomem, nostack, preserves_flags));
            }
        }
    }

    /// The flags raised since the last [`clear`].
    pub fn raised() -> Raised {
        let bits = read_mxcsr() | x87_status();
        Raised {
            invalid: bits & INVALID != 0,
            divide_by_zero: bits & DIVIDE_BY_ZERO != 0,
            overflow: bits & OVERFLOW != 0,
        }
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use std::hint::black_box;

    fn flags_of(f: impl FnOnce() -> f64) -> Raised {
        watch(|| black_box(f())).1.unwrap_or_default()
    }

    #[test]
    fn each_flag_is_seen_and_cleared() {
        let (zero, one, big) = (black_box(0.0f64), black_box(1.0f64), black_box(1e308f64));
        assert_eq!(flags_of(|| one + one), Raised::default());
        assert!(flags_of(|| one / zero).divide_by_zero);
        assert!(flags_of(|| big * big).overflow);
        assert!(flags_of(|| zero / zero).invalid);
        // The previous watch's flags do not leak into the next one.
        assert!(!flags_of(|| one * one).any());
    }

    #[test]
    fn underflow_and_inexact_do_not_count() {
        let (tiny, third) = (black_box(1e-308f64), black_box(1.0f64 / 3.0));
        assert!(!flags_of(|| tiny * tiny).any());
        assert!(!flags_of(|| third * 3.0).any());
    }

    #[test]
    fn libm_flags_are_seen() {
        let (zero, minus) = (black_box(0.0f64), black_box(-8.0f64));
        assert!(flags_of(|| zero.powf(-1.0)).divide_by_zero);
        assert!(flags_of(|| minus.powf(0.5)).invalid);
        assert!(flags_of(|| black_box(1.0f64) % zero).invalid);
    }
}
