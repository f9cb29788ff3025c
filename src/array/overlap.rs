//! Whether strided views of one buffer touch the same bytes.
//!
//! Owns the questions NumPy answers with `may_share_memory` (do the byte
//! ranges intersect?), `shares_memory` (is some byte really in both? an
//! integer program, solved exactly or within a work budget) and the
//! internal-overlap test (does one view reach a byte twice?), plus a
//! brute-force listing of which elements of one view touch another.
//!
//! Does not own buffer identity: callers ask only about views of the same
//! buffer. Views are described by [`Extent`]; layout arithmetic comes from
//! `layout`.

mod diophantine;
mod sumset;

use std::fmt;

use super::layout;
use diophantine::{Outcome, Term};

/// A view inside one buffer: where its element 0 starts (bytes from the
/// buffer start) and its layout.
///
/// A valid extent has one stride per axis and touches no byte before the
/// buffer start (`offset` plus the most negative reach is at least 0). The
/// functions here accept invalid extents without panicking: the bounds test
/// assumes they may share, the exact tests report an overflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extent {
    pub offset: usize,
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
    pub itemsize: usize,
}

impl Extent {
    /// An extent from its parts (not validated).
    pub fn new(offset: usize, shape: &[usize], strides: &[isize], itemsize: usize) -> Extent {
        Extent {
            offset,
            shape: shape.to_vec(),
            strides: strides.to_vec(),
            itemsize,
        }
    }

    /// Number of elements (`None` if the shape is too big to be valid).
    pub fn size(&self) -> Option<usize> {
        layout::checked_size(&self.shape)
    }

    /// Half-open byte range touched, `None` when empty or not representable.
    pub fn byte_range(&self) -> Option<(usize, usize)> {
        layout::byte_extent(&self.shape, &self.strides, self.offset, self.itemsize)
    }

    /// The bounds test's view of this extent.
    fn bounds(&self) -> Bounds {
        if self.size() == Some(0) {
            return Bounds::Empty;
        }
        match self.byte_range() {
            Some((start, end)) if start < end => Bounds::Range(start, end),
            Some(_) => Bounds::Empty,
            None => Bounds::Invalid,
        }
    }

    /// Byte offsets of the elements in C order, or `None` when there are more
    /// than `limit` of them or the layout is invalid.
    pub fn element_offsets(&self, limit: usize) -> Option<Vec<usize>> {
        let size = self.size()?;
        if size > limit || self.shape.len() != self.strides.len() {
            return None;
        }
        if size == 0 {
            return Some(Vec::new());
        }
        self.byte_range()?;
        let mut out = Vec::with_capacity(size);
        let mut index = vec![0usize; self.shape.len()];
        let mut at = self.offset;
        for k in 0..size {
            out.push(at);
            if k + 1 < size {
                at = self.step_index(&mut index, at)?;
            }
        }
        Some(out)
    }

    /// Advances a C-order multi-index that is not the last one, returning the
    /// new element's offset.
    fn step_index(&self, index: &mut [usize], at: usize) -> Option<usize> {
        let mut at = at;
        for axis in (0..index.len()).rev() {
            let stride = self.strides[axis];
            if index[axis] + 1 < self.shape[axis] {
                index[axis] += 1;
                return at.checked_add_signed(stride);
            }
            let back = stride.checked_mul(isize::try_from(index[axis]).ok()?)?;
            at = at.checked_add_signed(back.checked_neg()?)?;
            index[axis] = 0;
        }
        Some(at)
    }
}

/// The bounds of one extent as the overlap tests see them.
enum Bounds {
    Empty,
    Range(usize, usize),
    /// A non-empty extent whose byte range cannot be computed.
    Invalid,
}

/// Why an exact answer was not found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlapError {
    /// The `max_work` budget ran out (NumPy's `TooHardError`).
    TooHard,
    /// The byte arithmetic overflowed 64 bits (NumPy's `OverflowError`).
    Overflow,
}

impl fmt::Display for OverlapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OverlapError::TooHard => "Exceeded max_work",
            OverlapError::Overflow => "Integer overflow in computing overlap",
        })
    }
}

impl std::error::Error for OverlapError {}

/// NumPy's `may_share_memory` (its default, bounds-only test): whether the
/// byte ranges of two views intersect. Empty views never share. A view
/// whose range cannot be computed is assumed to share.
pub fn may_share_memory(a: &Extent, b: &Extent) -> bool {
    match (a.bounds(), b.bounds()) {
        (Bounds::Empty, _) | (_, Bounds::Empty) => false,
        (Bounds::Range(s1, e1), Bounds::Range(s2, e2)) => s1 < e2 && s2 < e1,
        _ => true,
    }
}

/// NumPy's `shares_memory`: whether some byte lies in both views.
///
/// `max_work: None` (NumPy's default) answers exactly. `Some(0)` is the
/// bounds test alone, failing with [`OverlapError::TooHard`] whenever the
/// ranges intersect. `Some(n)` runs NumPy's search with a budget of `n`
/// candidates, failing where NumPy fails. Exact answers use a faster
/// search than NumPy's but always agree with it.
pub fn shares_memory(a: &Extent, b: &Extent, max_work: Option<u64>) -> Result<bool, OverlapError> {
    let (start1, end1, start2, end2) = match (a.bounds(), b.bounds()) {
        (Bounds::Empty, _) | (_, Bounds::Empty) => return Ok(false),
        (Bounds::Range(s1, e1), Bounds::Range(s2, e2)) => (s1, e1, s2, e2),
        _ => return Err(OverlapError::Overflow),
    };
    if !(start1 < end2 && start2 < end1) {
        return Ok(false);
    }
    if max_work == Some(0) {
        return Err(OverlapError::TooHard);
    }
    let (mut terms, rhs) = overlap_problem(a, b, (start1, end1, start2, end2))?;
    diophantine::simplify(&mut terms, rhs).map_err(|_| OverlapError::Overflow)?;
    let outcome = match max_work {
        Some(budget) => diophantine::solve(&terms, rhs, Some(budget), false),
        None => solve_exact(&terms, rhs),
    };
    outcome_to_result(outcome)
}

/// Whether a view reaches some byte through two different multi-indices:
/// NumPy's `solve_may_have_internal_overlap` (C-contiguous views never do;
/// a zero stride on a longer axis always does; otherwise the search, with
/// `max_work` counted as in [`shares_memory`]).
pub fn has_internal_overlap(a: &Extent, max_work: Option<u64>) -> Result<bool, OverlapError> {
    if layout::is_c_contiguous(&a.shape, &a.strides, a.itemsize) {
        return Ok(false);
    }
    if a.shape.len() != a.strides.len() {
        return Err(OverlapError::Overflow);
    }
    let mut all = Vec::with_capacity(a.shape.len() + 1);
    for (&d, &s) in a.shape.iter().zip(&a.strides) {
        all.push(Term {
            a: stride_coefficient(s)?,
            ub: i64::try_from(d).map_err(|_| OverlapError::Overflow)? - 1,
        });
    }
    let mut terms = Vec::with_capacity(all.len() + 1);
    for t in all {
        if t.ub == 0 {
            continue;
        }
        if t.a == 0 {
            return Ok(true);
        }
        terms.push(t);
    }
    if a.itemsize > 1 {
        terms.push(itemsize_term(a.itemsize)?);
    }
    for t in &mut terms {
        t.ub = t.ub.checked_mul(2).ok_or(OverlapError::Overflow)?;
    }
    terms.sort_by_key(|t| std::cmp::Reverse(t.a));
    outcome_to_result(diophantine::solve(&terms, -1, max_work, true))
}

/// Multi-indices (C order) of the elements of `observer` that touch a byte of
/// `written`, found by listing every byte; `None` when the two views hold
/// more than `budget` elements together or a layout is invalid.
pub fn overlapping_elements(
    written: &Extent,
    observer: &Extent,
    budget: usize,
) -> Option<Vec<Vec<usize>>> {
    let total = written.size()?.checked_add(observer.size()?)?;
    if total > budget {
        return None;
    }
    let touched = byte_runs(written)?;
    let offsets = observer.element_offsets(budget)?;
    let mut index = vec![0usize; observer.shape.len()];
    let mut found = Vec::new();
    for (k, &at) in offsets.iter().enumerate() {
        if k > 0 {
            advance_c_index(&mut index, &observer.shape);
        }
        let end = at.checked_add(observer.itemsize)?;
        let next = touched.partition_point(|&(start, _)| start < end);
        if next > 0 && touched[next - 1].1 > at {
            found.push(index.clone());
        }
    }
    Some(found)
}

/// Sorted, merged half-open byte runs of a view's elements.
fn byte_runs(e: &Extent) -> Option<Vec<(usize, usize)>> {
    let mut runs: Vec<(usize, usize)> = e
        .element_offsets(usize::MAX)?
        .into_iter()
        .map(|at| Some((at, at.checked_add(e.itemsize)?)))
        .collect::<Option<_>>()?;
    runs.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
    for (start, end) in runs {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    Some(merged)
}

fn advance_c_index(index: &mut [usize], shape: &[usize]) {
    for axis in (0..index.len()).rev() {
        if index[axis] + 1 < shape[axis] {
            index[axis] += 1;
            return;
        }
        index[axis] = 0;
    }
}

/// The overlap question as `sum(a * x) == rhs` (NumPy's formulation): one
/// term per axis of either view that moves (length > 1, stride != 0), plus
/// one per view for the bytes inside an element; of the two equivalent
/// right-hand sides NumPy picks the smaller.
fn overlap_problem(
    a: &Extent,
    b: &Extent,
    (start1, end1, start2, end2): (usize, usize, usize, usize),
) -> Result<(Vec<Term>, i64), OverlapError> {
    let rhs = (end2 - 1 - start1).min(end1 - 1 - start2);
    let rhs = i64::try_from(rhs).map_err(|_| OverlapError::Overflow)?;
    let mut terms = Vec::new();
    for e in [a, b] {
        for (&d, &s) in e.shape.iter().zip(&e.strides) {
            if d <= 1 || s == 0 {
                continue;
            }
            terms.push(Term {
                a: stride_coefficient(s)?,
                ub: i64::try_from(d - 1).map_err(|_| OverlapError::Overflow)?,
            });
        }
    }
    for e in [a, b] {
        if e.itemsize > 1 {
            terms.push(itemsize_term(e.itemsize)?);
        }
    }
    Ok((terms, rhs))
}

fn stride_coefficient(stride: isize) -> Result<i64, OverlapError> {
    i64::try_from(stride.unsigned_abs()).map_err(|_| OverlapError::Overflow)
}

fn itemsize_term(itemsize: usize) -> Result<Term, OverlapError> {
    Ok(Term {
        a: 1,
        ub: i64::try_from(itemsize - 1).map_err(|_| OverlapError::Overflow)?,
    })
}

/// The first work budget of the exact search; each round quadruples it.
const QUICK_WORK: u64 = 1 << 10;
/// The budget from which the meet-in-the-middle search joins (building its
/// tail set costs up to a few tens of milliseconds).
const MEET_WORK: u64 = 1 << 16;

/// An exact answer from two complete searches run in alternating rounds of
/// growing budgets, so the answer costs a small multiple of the faster one:
/// NumPy's depth-first search (quick on most real problems) and, from
/// `MEET_WORK` on, a meet-in-the-middle search (quick on NumPy's hard cases),
/// which runs to the end once its whole search is within 8 budgets.
fn solve_exact(terms: &[Term], rhs: i64) -> Outcome {
    let mut budget = QUICK_WORK;
    let mut meet = None;
    loop {
        match diophantine::solve(terms, rhs, Some(budget), false) {
            Outcome::TooHard => {}
            other => return other,
        }
        if budget >= MEET_WORK {
            let meet = meet.get_or_insert_with(|| sumset::MeetInTheMiddle::new(terms, rhs));
            let limit = (meet.node_bound() > u128::from(budget) * 8).then_some(budget);
            match meet.search(limit) {
                Some(true) => return Outcome::Yes,
                Some(false) => return Outcome::No,
                None => {}
            }
        }
        budget = budget.saturating_mul(4);
    }
}

fn outcome_to_result(outcome: Outcome) -> Result<bool, OverlapError> {
    match outcome {
        Outcome::Yes => Ok(true),
        Outcome::No => Ok(false),
        Outcome::TooHard => Err(OverlapError::TooHard),
        Outcome::Overflow => Err(OverlapError::Overflow),
    }
}

#[cfg(test)]
mod tests;
