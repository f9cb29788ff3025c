//! Reduction loops: pairwise float sums, folds, arg-extrema.
//!
//! A reduction visits, for each output element (in C order of the kept
//! axes), the reduced axes in a fixed order; the innermost reduced axes
//! that form one evenly strided stretch make a *run*. Float sums add each
//! run with NumPy's pairwise summation and accumulate runs in order; every
//! other reduction folds the values in order. `Plan` fixes that order (it
//! is chosen by `array::reduce`), so the typed loops here give the values
//! of the element-at-a-time definitions exactly.

use super::binary::Num;
use super::{convert, Bool, Element};
use crate::array::ndarray::StridedOffsets;

/// Which elements a reduction visits, and in what order.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Kept axes (C order) and their strides: one output per position.
    pub kept_shape: Vec<usize>,
    pub kept_strides: Vec<isize>,
    /// Reduced axes outside the run, outermost first.
    pub outer_shape: Vec<usize>,
    pub outer_strides: Vec<isize>,
    /// Length and stride of each run (1 and 0 when there is no run).
    pub run: usize,
    pub run_stride: isize,
}

impl Plan {
    fn outer_offsets(&self) -> StridedOffsets {
        StridedOffsets::new(&self.outer_shape, &self.outer_strides, 0)
    }

    /// Number of values reduced into each output.
    pub fn count(&self) -> usize {
        self.outer_shape.iter().product::<usize>() * self.run
    }
}

/// Calls `f(output index, pointer to the output's first value)` and
/// collects, per output, `reduce_one(pointer)`.
///
/// # Safety
/// `base` plus every kept, outer and run offset must address an element.
unsafe fn per_output<A>(
    plan: &Plan,
    base: *const u8,
    mut reduce_one: impl FnMut(*const u8) -> A,
) -> Vec<A> {
    StridedOffsets::new(&plan.kept_shape, &plan.kept_strides, 0)
        .map(|k| reduce_one(base.wrapping_add(k)))
        .collect()
}

/// NumPy's pairwise summation of `n` values `get(0..n)`: blocks of 128
/// with eight accumulators, halves split at a multiple of 8.
#[inline(always)]
pub fn pairwise<A: Num + Default>(n: usize, get: &impl Fn(usize) -> A) -> A {
    pairwise_from(0, n, get)
}

fn pairwise_from<A: Num + Default>(start: usize, n: usize, get: &impl Fn(usize) -> A) -> A {
    if n < 8 {
        let mut res = A::default();
        for i in 0..n {
            res = res.add(get(start + i));
        }
        res
    } else if n <= 128 {
        let mut r: [A; 8] = std::array::from_fn(|j| get(start + j));
        let mut i = 8;
        while i < n - (n % 8) {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc = acc.add(get(start + i + j));
            }
            i += 8;
        }
        let mut res = (r[0].add(r[1]).add(r[2].add(r[3]))).add(r[4].add(r[5]).add(r[6].add(r[7])));
        while i < n {
            res = res.add(get(start + i));
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_from(start, n2, get).add(pairwise_from(start + n2, n - n2, get))
    }
}

/// `pairwise` over `n` elements of type `T` at `p` (byte stride `stride`),
/// each converted to `A`.
///
/// # Safety
/// The `n` elements must be valid.
#[inline(always)]
unsafe fn pairwise_at<T: Element, A: Element + Num + Default>(
    p: *const u8,
    n: usize,
    stride: isize,
) -> A {
    if n < 8 {
        let mut res = A::default();
        for i in 0..n {
            res = res.add(convert::<T, A>(T::load(
                p.wrapping_offset(i as isize * stride),
            )));
        }
        res
    } else if n <= 128 {
        let at = |i: usize| convert::<T, A>(T::load(p.wrapping_offset(i as isize * stride)));
        let mut r: [A; 8] = std::array::from_fn(at);
        let mut i = 8;
        while i < n - (n % 8) {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc = acc.add(at(i + j));
            }
            i += 8;
        }
        let mut res = (r[0].add(r[1]).add(r[2].add(r[3]))).add(r[4].add(r[5]).add(r[6].add(r[7])));
        while i < n {
            res = res.add(at(i));
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        let left = pairwise_rec::<T, A>(p, n2, stride);
        let right = pairwise_rec::<T, A>(p.wrapping_offset(n2 as isize * stride), n - n2, stride);
        left.add(right)
    }
}

/// The recursive step of `pairwise_at` (not inlined into itself).
///
/// # Safety
/// As for `pairwise_at`.
unsafe fn pairwise_rec<T: Element, A: Element + Num + Default>(
    p: *const u8,
    n: usize,
    stride: isize,
) -> A {
    pairwise_at::<T, A>(p, n, stride)
}

/// Float sums: per output, runs summed pairwise and accumulated in order,
/// starting from zero; values converted from `T` to the accumulator `A`.
///
/// # Safety
/// As for `per_output`.
pub unsafe fn float_sum<T: Element, A: Element + Num + Default>(
    plan: &Plan,
    base: *const u8,
) -> Vec<A> {
    if kept_inner(plan) {
        // Runs of one: `0 + x` then `acc + that` is `acc + x` (the sum
        // starts at +0.0, so it never holds the -0.0 that `0 + x` would
        // turn into +0.0), i.e. a plain fold from zero.
        return fold_across::<T, A>(
            plan,
            base,
            |_| A::default(),
            |a, x| a.add(convert::<T, A>(x)),
        );
    }
    let (run, stride) = (plan.run, plan.run_stride);
    per_output(plan, base, |p| {
        let mut acc = A::default();
        for r in plan.outer_offsets() {
            let q = p.wrapping_add(r);
            let part = if stride == size_of::<T>() as isize {
                pairwise_at::<T, A>(q, run, size_of::<T>() as isize)
            } else {
                pairwise_at::<T, A>(q, run, stride)
            };
            acc = acc.add(part);
        }
        acc
    })
}

/// Complex sums: the real and the imaginary parts summed separately, each
/// as `float_sum` sums (parts of type `P`, at byte offsets 0 and `size_of::<P>()`).
///
/// # Safety
/// As for `per_output`; `T` must be a pair of `P`.
pub unsafe fn complex_sum<P: Element + Num + Default>(plan: &Plan, base: *const u8) -> Vec<(P, P)> {
    let (run, stride) = (plan.run, plan.run_stride);
    let half = size_of::<P>();
    per_output(plan, base, |p| {
        let (mut re, mut im) = (P::default(), P::default());
        for r in plan.outer_offsets() {
            let q = p.wrapping_add(r);
            let part = |off: usize| {
                let get =
                    |i: usize| P::load(q.wrapping_offset(i as isize * stride).wrapping_add(off));
                pairwise(run, &get)
            };
            re = re.add(part(0));
            im = im.add(part(half));
        }
        (re, im)
    })
}

/// Per output, `fold(acc, value)` over the values in order from `init(first
/// value)` (the first value is folded again: every fold used here is
/// idempotent on it or starts from an identity).
///
/// When the kept axes are the inner ones in memory (`m.sum(axis=0)` on a
/// C-ordered `m`), all outputs advance together, one reduced position at a
/// time, so memory is read in order; each output still sees its values in
/// the same order.
///
/// # Safety
/// As for `per_output`; there must be at least one value per output.
pub unsafe fn fold<T: Element, A: Copy>(
    plan: &Plan,
    base: *const u8,
    init: impl Fn(T) -> A,
    f: impl Fn(A, T) -> A,
) -> Vec<A> {
    if kept_inner(plan) {
        return fold_across::<T, A>(plan, base, init, f);
    }
    fold_each(plan, base, init, f)
}

/// Whether outputs should advance together: no run, several outputs, and
/// the kept axes nearer the inner end of memory than the reduced ones.
fn kept_inner(plan: &Plan) -> bool {
    let smallest = |shape: &[usize], strides: &[isize]| {
        shape
            .iter()
            .zip(strides)
            .filter(|(&n, _)| n > 1)
            .map(|(_, s)| s.unsigned_abs())
            .min()
    };
    let kept = smallest(&plan.kept_shape, &plan.kept_strides);
    let outer = smallest(&plan.outer_shape, &plan.outer_strides);
    plan.run == 1 && matches!((kept, outer), (Some(k), Some(o)) if k < o)
}

/// `fold` with every output advancing together (see `fold`).
///
/// # Safety
/// As for `fold`.
unsafe fn fold_across<T: Element, A: Copy>(
    plan: &Plan,
    base: *const u8,
    init: impl Fn(T) -> A,
    f: impl Fn(A, T) -> A,
) -> Vec<A> {
    let first = plan.outer_offsets().next().unwrap_or(0);
    let kept: Vec<usize> = StridedOffsets::new(&plan.kept_shape, &plan.kept_strides, 0).collect();
    let mut acc: Vec<A> = kept
        .iter()
        .map(|&k| init(T::load(base.wrapping_add(first).wrapping_add(k))))
        .collect();
    // The kept axes as long runs (C order is kept by merging only).
    let merged = crate::array::layout::coalesce_axes(&plan.kept_shape, &[&plan.kept_strides]);
    let (inner_n, inner_s) = match &merged {
        Some(m) if !m.shape.is_empty() => {
            (m.shape[m.shape.len() - 1], m.strides[0][m.shape.len() - 1])
        }
        _ => (1, 0),
    };
    for r in plan.outer_offsets() {
        let p = base.wrapping_add(r);
        for (chunk, starts) in acc
            .chunks_mut(inner_n.max(1))
            .zip(kept.chunks(inner_n.max(1)))
        {
            let q = p.wrapping_add(starts[0]);
            if inner_s == size_of::<T>() as isize {
                for (i, a) in chunk.iter_mut().enumerate() {
                    *a = f(*a, T::load(q.wrapping_add(i * size_of::<T>())));
                }
            } else {
                for (i, a) in chunk.iter_mut().enumerate() {
                    *a = f(*a, T::load(q.wrapping_offset(i as isize * inner_s)));
                }
            }
        }
    }
    acc
}

/// `fold` one output at a time.
///
/// # Safety
/// As for `fold`.
unsafe fn fold_each<T: Element, A: Copy>(
    plan: &Plan,
    base: *const u8,
    init: impl Fn(T) -> A,
    f: impl Fn(A, T) -> A,
) -> Vec<A> {
    let (run, stride) = (plan.run, plan.run_stride);
    per_output(plan, base, |p| {
        let first = plan.outer_offsets().next().unwrap_or(0);
        let mut acc = init(T::load(p.wrapping_add(first)));
        for r in plan.outer_offsets() {
            let q = p.wrapping_add(r);
            if stride == size_of::<T>() as isize {
                for i in 0..run {
                    acc = f(acc, T::load(q.wrapping_add(i * size_of::<T>())));
                }
            } else {
                for i in 0..run {
                    acc = f(acc, T::load(q.wrapping_offset(i as isize * stride)));
                }
            }
        }
        acc
    })
}

/// Index of the first extreme value along a single run (`better(v, best)`
/// says `v` replaces the best so far); a NaN is the answer as soon as it is
/// met, as NumPy's argmin/argmax do.
///
/// # Safety
/// As for `per_output`, with the run the only reduced axis.
pub unsafe fn arg_extreme<T: Element>(
    plan: &Plan,
    base: *const u8,
    is_nan: impl Fn(T) -> bool,
    better: impl Fn(T, T) -> bool,
) -> Vec<i64> {
    let (run, stride) = (plan.run, plan.run_stride);
    per_output(plan, base, |p| {
        let at = |i: usize| T::load(p.wrapping_offset(i as isize * stride));
        let mut best = 0usize;
        let mut current = at(0);
        for i in 1..run {
            if is_nan(current) {
                break;
            }
            let v = at(i);
            if is_nan(v) || better(v, current) {
                best = i;
                current = v;
            }
        }
        best as i64
    })
}

/// Any/all as bool folds.
pub fn truthy<T: Element>(x: T) -> bool {
    convert::<T, Bool>(x).get()
}
