//! An exact solver for the bounded Diophantine problem that stays fast where
//! NumPy's depth-first search is slow, by meeting in the middle.
//!
//! The terms with the smallest coefficients (the tail) are folded into the
//! set of sums they can reach, kept as sorted disjoint runs of consecutive
//! multiples of their GCD; runs merge quickly because small coefficients
//! fill gaps. The remaining terms (the head) are enumerated with interval
//! and GCD pruning, and each head sum is looked up in the tail set.
//!
//! NumPy's documented hard case (two `as_strided` views with five terms of
//! about a thousand values each) builds a tail set of a few thousand runs
//! and looks up about a million head sums.

use std::cell::Cell;

use super::diophantine::Term;

/// Most runs visited while building the tail set, and most runs it may
/// hold; beyond these the term stays in the head.
const BUILD_WORK_LIMIT: u64 = 1 << 24;
const SET_SIZE_LIMIT: usize = 1 << 20;

/// Whether `sum(a[i] * x[i]) == b` has a solution with `0 <= x[i] <= ub[i]`.
/// `terms` must be simplified (sorted by decreasing coefficient, bounds
/// trimmed to `b / a`, no zero bounds) and `b >= 0`.
#[cfg(test)]
pub(crate) fn feasible(terms: &[Term], b: i64) -> bool {
    MeetInTheMiddle::new(terms, b).search(None) == Some(true)
}

/// The solver for one problem: the tail set is built once, and the head
/// search can be retried with growing budgets.
pub(crate) struct MeetInTheMiddle<'a> {
    head: &'a [Term],
    b: i64,
    tail: TailSet,
}

impl<'a> MeetInTheMiddle<'a> {
    /// Builds the tail set for simplified `terms` (sorted by decreasing
    /// coefficient, bounds trimmed to `b / a`, no zero bounds; `b >= 0`).
    pub(crate) fn new(terms: &'a [Term], b: i64) -> Self {
        let tail = TailSet::largest_within_limits(terms, b);
        MeetInTheMiddle {
            head: &terms[..terms.len() - tail.len],
            b,
            tail,
        }
    }

    /// An upper bound on the nodes the head search visits.
    pub(crate) fn node_bound(&self) -> u128 {
        let mut level = 1u128;
        let mut total = 1u128;
        for t in self.head {
            level = level.saturating_mul(u128::try_from(t.ub).unwrap_or(0) + 1);
            total = total.saturating_add(level);
        }
        total
    }

    /// The answer, or `None` when the head search would visit more than
    /// `max_nodes` nodes.
    pub(crate) fn search(&self, max_nodes: Option<u64>) -> Option<bool> {
        let search = HeadSearch::new(self.head, &self.tail, max_nodes);
        search.reaches(0, i128::from(self.b))
    }
}

/// The sums reachable by the last `len` terms, divided by their GCD `unit`,
/// as sorted, disjoint, non-adjacent inclusive runs `(low, high)`.
struct TailSet {
    len: usize,
    unit: i64,
    runs: Vec<(i64, i64)>,
}

impl TailSet {
    /// The tail set over the smallest-coefficient terms, grown one term at a
    /// time while building it costs less than the head enumeration it saves
    /// and stays within the limits.
    fn largest_within_limits(terms: &[Term], b: i64) -> TailSet {
        let n = terms.len();
        let mut set = TailSet {
            len: 0,
            unit: 0,
            runs: vec![(0, 0)],
        };
        let mut work = 0u64;
        while set.len < n {
            let next = terms[n - set.len - 1];
            let head_work = head_leaves(&terms[..n - set.len]);
            let unit = gcd(set.unit, next.a);
            let grown = if unit == set.unit {
                let copies = u128::try_from(next.ub.min(b / next.a)).unwrap_or(0) + 1;
                if copies.saturating_mul(set.runs.len() as u128) >= head_work {
                    break;
                }
                add_term(&set.runs, next.a / unit, next.ub, b / unit, &mut work).map(|runs| {
                    TailSet {
                        len: set.len + 1,
                        unit,
                        runs,
                    }
                })
            } else {
                work = 0;
                TailSet::build(&terms[n - set.len - 1..], b, &mut work)
            };
            match grown {
                Some(bigger) => set = bigger,
                None => break,
            }
        }
        set
    }

    /// The set for exactly `tail`, or `None` when it exceeds the limits.
    fn build(tail: &[Term], b: i64, work: &mut u64) -> Option<TailSet> {
        let unit = tail.iter().fold(0, |g, t| gcd(g, t.a));
        let limit = b / unit;
        let mut runs = vec![(0i64, 0i64)];
        for t in tail.iter().rev() {
            runs = add_term(&runs, t.a / unit, t.ub, limit, work)?;
        }
        Some(TailSet {
            len: tail.len(),
            unit,
            runs,
        })
    }

    /// Whether `value` (absolute, not divided by the unit) is reachable.
    fn contains(&self, value: i128) -> bool {
        if self.len == 0 {
            return value == 0;
        }
        let unit = i128::from(self.unit);
        if value < 0 || value % unit != 0 {
            return false;
        }
        let Ok(v) = i64::try_from(value / unit) else {
            return false;
        };
        let next = self.runs.partition_point(|&(low, _)| low <= v);
        next > 0 && self.runs[next - 1].1 >= v
    }

    /// The largest reachable sum (absolute).
    fn max(&self) -> i128 {
        let top = self.runs.last().map_or(0, |r| r.1);
        i128::from(top) * i128::from(self.unit.max(1))
    }
}

/// `runs + coefficient * [0, ub]`, restricted to `[0, limit]`; `None` once
/// the work (runs visited while merging) or the size exceeds the limits.
/// Each shifted copy is merged into the sorted result in one linear pass.
fn add_term(
    runs: &[(i64, i64)],
    coefficient: i64,
    ub: i64,
    limit: i64,
    work: &mut u64,
) -> Option<Vec<(i64, i64)>> {
    let ub = ub.min(limit / coefficient);
    if let [(low, high)] = *runs {
        if coefficient <= high - low + 1 {
            let top = i128::from(high) + i128::from(coefficient) * i128::from(ub);
            return Some(vec![(low, top.min(i128::from(limit)) as i64)]);
        }
    }
    let mut merged: Vec<(i64, i64)> = runs.to_vec();
    let mut next: Vec<(i64, i64)> = Vec::with_capacity(runs.len() * 2);
    for x in 1..=ub {
        let shift = coefficient * x;
        *work = work.checked_add((merged.len() + runs.len()) as u64)?;
        if *work > BUILD_WORK_LIMIT {
            return None;
        }
        let copy = runs
            .iter()
            .take_while(|&&(low, _)| low.saturating_add(shift) <= limit)
            .map(|&(low, high)| (low + shift, high.saturating_add(shift).min(limit)));
        merge_into(&merged, copy, &mut next);
        std::mem::swap(&mut merged, &mut next);
        if merged.len() > SET_SIZE_LIMIT {
            return None;
        }
    }
    Some(merged)
}

/// Writes into `out` the union of two sorted run lists (`a` coalesced),
/// joining overlapping and adjacent runs.
fn merge_into(a: &[(i64, i64)], b: impl Iterator<Item = (i64, i64)>, out: &mut Vec<(i64, i64)>) {
    out.clear();
    let mut push = |(low, high): (i64, i64)| match out.last_mut() {
        Some(last) if low <= last.1.saturating_add(1) => last.1 = last.1.max(high),
        _ => out.push((low, high)),
    };
    let mut a = a.iter().copied().peekable();
    let mut b = b.peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let run = if take_a { a.next() } else { b.next() };
        if let Some(run) = run {
            push(run);
        }
    }
}

/// Upper estimate of the head's enumeration size.
fn head_leaves(head: &[Term]) -> u128 {
    head.iter().fold(1u128, |n, t| {
        n.saturating_mul(u128::try_from(t.ub).unwrap_or(0) + 1)
    })
}

/// Depth-first enumeration of the head terms.
struct HeadSearch<'a> {
    nodes: Cell<u64>,
    max_nodes: Option<u64>,
    head: &'a [Term],
    tail: &'a TailSet,
    /// `rest_max[i]`: the largest sum of head terms `i..` plus the tail.
    rest_max: Vec<i128>,
    /// `rest_gcd[i]`: GCD of the coefficients after head term `i` (the
    /// tail's unit included); 0 when nothing follows.
    rest_gcd: Vec<i64>,
}

impl<'a> HeadSearch<'a> {
    fn new(head: &'a [Term], tail: &'a TailSet, max_nodes: Option<u64>) -> Self {
        let n = head.len();
        let mut rest_max = vec![tail.max(); n + 1];
        let mut rest_gcd = vec![tail.unit; n + 1];
        for i in (0..n).rev() {
            rest_max[i] = rest_max[i + 1] + i128::from(head[i].a) * i128::from(head[i].ub);
            rest_gcd[i] = gcd(rest_gcd[i + 1], head[i].a);
        }
        HeadSearch {
            nodes: Cell::new(0),
            max_nodes,
            head,
            tail,
            rest_max,
            rest_gcd,
        }
    }

    /// Whether head terms `i..` plus the tail can sum to `r`; `None` once the
    /// node budget is spent.
    fn reaches(&self, i: usize, r: i128) -> Option<bool> {
        let nodes = self.nodes.get() + 1;
        if self.max_nodes.is_some_and(|m| nodes > m) {
            return None;
        }
        self.nodes.set(nodes);
        if r < 0 || r > self.rest_max[i] {
            return Some(false);
        }
        let Some(term) = self.head.get(i) else {
            return Some(self.tail.contains(r));
        };
        let a = i128::from(term.a);
        let low = ceil_div(r - self.rest_max[i + 1], a).max(0);
        let high = (r / a).min(i128::from(term.ub));
        let Some((first, step)) = congruent_start(term.a, r, self.rest_gcd[i + 1], low) else {
            return Some(false);
        };
        let mut x = first;
        while x <= high {
            if self.reaches(i + 1, r - a * x)? {
                return Some(true);
            }
            x += step;
        }
        Some(false)
    }
}

/// The smallest `x >= low` with `a * x ≡ r (mod g)`, and the step between
/// such `x`; `None` if there is none. `g == 0` means no constraint.
fn congruent_start(a: i64, r: i128, g: i64, low: i128) -> Option<(i128, i128)> {
    if g == 0 {
        return Some((low, 1));
    }
    let g = i128::from(g);
    let a = i128::from(a);
    let d = gcd_i128(a, g);
    if r.rem_euclid(d) != 0 {
        return None;
    }
    let m = g / d;
    if m == 1 {
        return Some((low, 1));
    }
    let x0 = ((r / d).rem_euclid(m) * mod_inverse((a / d).rem_euclid(m), m)).rem_euclid(m);
    let first = low + (x0 - low).rem_euclid(m);
    Some((first, m))
}

/// The inverse of `a` modulo `m` (`gcd(a, m) == 1`, `m > 1`).
fn mod_inverse(a: i128, m: i128) -> i128 {
    let (mut old_r, mut r) = (a, m);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    old_s.rem_euclid(m)
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn gcd_i128(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        gcd_i128(b, a % b)
    }
}

/// `ceil(n / d)` for `d > 0`.
fn ceil_div(n: i128, d: i128) -> i128 {
    -(-n).div_euclid(d)
}
