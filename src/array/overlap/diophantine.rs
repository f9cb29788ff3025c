//! NumPy's bounded Diophantine solver (`mem_overlap.c`), step for step, so
//! that a `max_work` budget runs out exactly where NumPy's does.
//!
//! The problem is `sum(a[i] * x[i]) == b` with `a[i] > 0` and
//! `0 <= x[i] <= ub[i]`. Terms are sorted by decreasing coefficient; pairs of
//! coefficients are folded into their GCD (Euclid), and a depth-first search
//! enumerates the candidates of the smallest-coefficient variables, solving
//! the last two variables in closed form. One unit of work is one search node
//! that found no solution.

/// One variable: coefficient `a` (> 0) and upper bound `ub` (lower bound 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub a: i64,
    pub ub: i64,
}

/// The result of one solve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    No,
    Yes,
    /// The work budget ran out first.
    TooHard,
    /// A 64-bit intermediate overflowed (NumPy gives up the same way).
    Overflow,
}

/// Sorts terms by decreasing coefficient, merges equal coefficients, trims
/// each bound to `b / a` and drops variables that can only be 0: NumPy's
/// `diophantine_simplify`. The decision (feasible or not) is unchanged.
/// `Err(())` when merging bounds overflows.
pub(crate) fn simplify(terms: &mut Vec<Term>, b: i64) -> Result<(), ()> {
    if terms.iter().any(|t| t.ub < 0) || b < 0 {
        return Ok(());
    }
    terms.sort_by_key(|t| std::cmp::Reverse(t.a));
    let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
    let mut overflow = false;
    for &t in terms.iter() {
        match merged.last_mut() {
            Some(last) if last.a == t.a => match last.ub.checked_add(t.ub) {
                Some(ub) => last.ub = ub,
                None => overflow = true,
            },
            _ => merged.push(t),
        }
    }
    merged.retain_mut(|t| {
        t.ub = t.ub.min(b / t.a);
        t.ub != 0
    });
    *terms = merged;
    if overflow {
        Err(())
    } else {
        Ok(())
    }
}

/// NumPy's `solve_diophantine` over terms sorted by decreasing coefficient.
/// `max_work: None` searches without limit. With `require_nontrivial`, `b`
/// is replaced by `sum(a * ub / 2)` and the solution `x == ub / 2` does not
/// count (every `ub` must be even): the internal-overlap problem.
pub(crate) fn solve(
    terms: &[Term],
    b: i64,
    max_work: Option<u64>,
    require_nontrivial: bool,
) -> Outcome {
    if terms.iter().any(|t| t.a <= 0) {
        return Outcome::Overflow;
    }
    if terms.iter().any(|t| t.ub < 0) {
        return Outcome::No;
    }
    let b = if require_nontrivial {
        match half_bound_sum(terms) {
            Some(sum) => sum,
            None => return Outcome::Overflow,
        }
    } else {
        b
    };
    if b < 0 {
        return Outcome::No;
    }
    match terms {
        [] => yes_if(!require_nontrivial && b == 0),
        [t] => yes_if(!require_nontrivial && b % t.a == 0 && b / t.a <= t.ub),
        _ => {
            let Some(folds) = precompute(terms) else {
                return Outcome::Overflow;
            };
            let mut search = Search {
                terms,
                folds: &folds,
                max_work,
                require_nontrivial,
                x: vec![0; terms.len()],
                count: 0,
            };
            search.dfs(terms.len() - 1, b)
        }
    }
}

fn yes_if(condition: bool) -> Outcome {
    if condition {
        Outcome::Yes
    } else {
        Outcome::No
    }
}

/// `sum(a * ub / 2)`, or `None` when a bound is odd or the sum overflows.
fn half_bound_sum(terms: &[Term]) -> Option<i64> {
    terms.iter().try_fold(0i64, |sum, t| {
        if t.ub % 2 != 0 {
            return None;
        }
        sum.checked_add(t.a.checked_mul(t.ub / 2)?)
    })
}

/// Euclid's algorithm: `(g, gamma, epsilon)` with
/// `gamma * a1 + epsilon * a2 == g == gcd(a1, a2)`, for `a1, a2 > 0`.
pub(crate) fn euclid(mut a1: i64, mut a2: i64) -> (i64, i64, i64) {
    let (mut gamma1, mut gamma2, mut epsilon1, mut epsilon2) = (1i64, 0i64, 0i64, 1i64);
    loop {
        if a2 > 0 {
            let r = a1 / a2;
            a1 -= r * a2;
            gamma1 -= r * gamma2;
            epsilon1 -= r * epsilon2;
        } else {
            return (a1, gamma1, epsilon1);
        }
        if a1 > 0 {
            let r = a2 / a1;
            a2 -= r * a1;
            gamma2 -= r * gamma1;
            epsilon2 -= r * epsilon1;
        } else {
            return (a2, gamma2, epsilon2);
        }
    }
}

/// The folded problem after combining variables `0..=j+1`: the combined
/// coefficient (a GCD), its bound, and Euclid's coefficients.
#[derive(Clone, Copy, Debug)]
struct Fold {
    a: i64,
    ub: i64,
    gamma: i64,
    epsilon: i64,
}

/// NumPy's `diophantine_precompute`; `None` on overflow.
fn precompute(terms: &[Term]) -> Option<Vec<Fold>> {
    let n = terms.len();
    let mut folds = Vec::with_capacity(n - 1);
    let (g, gamma, epsilon) = euclid(terms[0].a, terms[1].a);
    let mut ub = 0;
    if n > 2 {
        let (c1, c2) = (terms[0].a / g, terms[1].a / g);
        ub = terms[0]
            .ub
            .checked_mul(c1)?
            .checked_add(terms[1].ub.checked_mul(c2)?)?;
    }
    folds.push(Fold {
        a: g,
        ub,
        gamma,
        epsilon,
    });
    for j in 2..n {
        let prev = folds[j - 2];
        let (g, gamma, epsilon) = euclid(prev.a, terms[j].a);
        let mut ub = 0;
        if j < n - 1 {
            let (c1, c2) = (prev.a / g, terms[j].a / g);
            ub = c1
                .checked_mul(prev.ub)?
                .checked_add(c2.checked_mul(terms[j].ub)?)?;
        }
        folds.push(Fold {
            a: g,
            ub,
            gamma,
            epsilon,
        });
    }
    Some(folds)
}

/// State of one depth-first search.
struct Search<'a> {
    terms: &'a [Term],
    folds: &'a [Fold],
    max_work: Option<u64>,
    require_nontrivial: bool,
    x: Vec<i64>,
    count: u64,
}

impl Search<'_> {
    /// Whether variables `0..=v` can reach `b` (NumPy's `diophantine_dfs`).
    fn dfs(&mut self, v: usize, b: i64) -> Outcome {
        if self.max_work.is_some_and(|m| self.count >= m) {
            return Outcome::TooHard;
        }
        let (a1, u1) = if v == 1 {
            (self.terms[0].a, self.terms[0].ub)
        } else {
            (self.folds[v - 2].a, self.folds[v - 2].ub)
        };
        let Term { a: a2, ub: u2 } = self.terms[v];
        let fold = self.folds[v - 1];
        if b % fold.a != 0 {
            return self.no();
        }
        let c = b / fold.a;
        let (c1, c2) = (a2 / fold.a, a1 / fold.a);
        // The candidates are x1 = x10 + c1*t, x2 = x20 - c2*t for integer t.
        let x10 = i128::from(fold.gamma) * i128::from(c);
        let x20 = i128::from(fold.epsilon) * i128::from(c);
        let t_lower = ceil_div(-x10, c1).max(ceil_div(x20 - i128::from(u2), c2));
        let t_upper = floor_div(i128::from(u1) - x10, c1).min(floor_div(x20, c2));
        if t_lower > t_upper {
            return self.no();
        }
        let (Ok(t_l), Ok(t_u)) = (i64::try_from(t_lower), i64::try_from(t_upper)) else {
            return Outcome::Overflow;
        };
        let x1 = i64::try_from(x10 + i128::from(c1) * i128::from(t_l));
        let x2 = i64::try_from(x20 - i128::from(c2) * i128::from(t_l));
        let (Ok(x1), Ok(x2), Some(span)) = (x1, x2, t_u.checked_sub(t_l)) else {
            return Outcome::Overflow;
        };
        if v == 1 {
            return self.base_case(x1, x2);
        }
        for t in 0..=span {
            // Bounded by the t range, so these cannot overflow.
            self.x[v] = x2 - c2 * t;
            let Some(b2) = a2.checked_mul(self.x[v]).and_then(|p| b.checked_sub(p)) else {
                return Outcome::Overflow;
            };
            let result = self.dfs(v - 1, b2);
            if result != Outcome::No {
                return result;
            }
        }
        self.no()
    }

    /// The first solution of the two-variable problem, unless it is the
    /// trivial one the internal-overlap problem excludes.
    fn base_case(&mut self, x1: i64, x2: i64) -> Outcome {
        self.x[0] = x1;
        self.x[1] = x2;
        if self.require_nontrivial {
            let trivial = self.terms.iter().zip(&self.x).all(|(t, &x)| x == t.ub / 2);
            if trivial {
                return self.no();
            }
        }
        Outcome::Yes
    }

    fn no(&mut self) -> Outcome {
        self.count += 1;
        Outcome::No
    }
}

/// `ceil(n / d)` for `d > 0`.
fn ceil_div(n: i128, d: i64) -> i128 {
    -(-n).div_euclid(i128::from(d))
}

/// `floor(n / d)` for `d > 0`.
fn floor_div(n: i128, d: i64) -> i128 {
    n.div_euclid(i128::from(d))
}
