//! Tests of the overlap questions: NumPy's answers on measured and generated
//! cases (`testdata/overlap_cases.txt`, from `testdata/gen_overlap_cases.py`),
//! and properties against listing every byte.

use super::diophantine::{self, Outcome, Term};
use super::*;
use proptest::prelude::*;
use std::collections::HashSet;

fn ext(offset: usize, shape: &[usize], strides: &[isize], itemsize: usize) -> Extent {
    Extent::new(offset, shape, strides, itemsize)
}

/// Every byte a view touches.
fn bytes_of(e: &Extent) -> HashSet<usize> {
    let mut out = HashSet::new();
    for at in e.element_offsets(usize::MAX).unwrap() {
        out.extend(at..at + e.itemsize);
    }
    out
}

fn brute_shares(a: &Extent, b: &Extent) -> bool {
    !bytes_of(a).is_disjoint(&bytes_of(b))
}

fn brute_internal(e: &Extent) -> bool {
    let mut seen = HashSet::new();
    for at in e.element_offsets(usize::MAX).unwrap() {
        for byte in at..at + e.itemsize {
            if !seen.insert(byte) {
                return true;
            }
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Cases measured on NumPy

#[test]
fn facts_page_pairs() {
    // a = np.arange(12) (int64), m = a.reshape(3, 4), z complex128 of 4.
    let cases = [
        (ext(0, &[6], &[16], 8), ext(8, &[6], &[16], 8), false, true),
        (ext(0, &[6], &[16], 8), ext(0, &[4], &[24], 8), true, true),
        (ext(0, &[10], &[8], 8), ext(80, &[2], &[8], 8), false, false),
        (ext(0, &[3], &[32], 8), ext(8, &[3], &[32], 8), false, true),
        (
            ext(0, &[3, 2], &[32, 8], 8),
            ext(16, &[3, 2], &[32, 8], 8),
            false,
            true,
        ),
        (ext(0, &[12], &[8], 8), ext(0, &[96], &[1], 1), true, true),
        (ext(0, &[1], &[8], 8), ext(7, &[1], &[1], 1), true, true),
        (ext(0, &[1], &[8], 8), ext(8, &[1], &[1], 1), false, false),
        (ext(0, &[4], &[16], 8), ext(8, &[4], &[16], 8), false, true),
    ];
    for (a, b, shares, may) in cases {
        assert_eq!(shares_memory(&a, &b, None), Ok(shares), "{a:?} {b:?}");
        assert_eq!(may_share_memory(&a, &b), may, "{a:?} {b:?}");
    }
    // Empty views share nothing, even with their own base.
    let empty = ext(40, &[0], &[8], 8);
    let a = ext(0, &[12], &[8], 8);
    assert_eq!(shares_memory(&a, &empty, None), Ok(false));
    assert!(!may_share_memory(&a, &empty));
    assert_eq!(
        shares_memory(&a, &ext(0, &[6], &[16], 8), Some(0)),
        Err(OverlapError::TooHard)
    );
    assert_eq!(OverlapError::TooHard.to_string(), "Exceeded max_work");
}

#[test]
fn numpy_shares_memory_api_test() {
    // x = np.zeros([4, 5, 6], dtype=np.int8); a = x[:, ::2, ::3]; b = x[:, ::3, ::2]
    let x = ext(0, &[4, 5, 6], &[30, 6, 1], 1);
    let a = ext(0, &[4, 3, 2], &[30, 12, 3], 1);
    let b = ext(0, &[4, 2, 3], &[30, 18, 2], 1);
    assert_eq!(shares_memory(&x, &x, None), Ok(true));
    assert_eq!(
        shares_memory(&x, &ext(200, &[4, 5, 6], &[30, 6, 1], 1), None),
        Ok(false)
    );
    assert_eq!(shares_memory(&a, &b, None), Ok(true));
    assert_eq!(shares_memory(&a, &b, Some(1)), Err(OverlapError::TooHard));
}

#[test]
fn numpy_manual_cases() {
    // x = np.zeros([4, 20], dtype=np.int8): x[:, ::7] vs x[:, 3::3] do not
    // overlap (20*x1 + 7*x2 + 3*x3 = 78 has no solution in range).
    let a = ext(0, &[4, 3], &[20, 7], 1);
    let b = ext(3, &[4, 6], &[20, 3], 1);
    assert_eq!(shares_memory(&a, &b, None), Ok(false));
    assert!(may_share_memory(&a, &b));
    // Itemsize matters: int16 view of the same bytes.
    let c = ext(0, &[4, 10], &[20, 2], 2);
    assert_eq!(shares_memory(&a, &c, None), Ok(true));
}

#[test]
fn internal_overlap_manual_cases() {
    assert_eq!(
        has_internal_overlap(&ext(0, &[3, 3], &[2, 1], 1), None),
        Ok(true)
    );
    assert_eq!(
        has_internal_overlap(&ext(0, &[3, 3], &[3, 1], 1), None),
        Ok(false)
    );
    assert_eq!(
        has_internal_overlap(&ext(0, &[3, 3], &[2, 1], 1), Some(0)),
        Err(OverlapError::TooHard)
    );
    assert_eq!(
        has_internal_overlap(&ext(0, &[2, 3], &[0, 8], 8), Some(0)),
        Ok(true)
    );
    assert_eq!(
        has_internal_overlap(&ext(0, &[0, 3], &[0, 0], 8), None),
        Ok(false)
    );
    assert_eq!(has_internal_overlap(&ext(0, &[5], &[4], 8), None), Ok(true));
}

fn parse_ints<T: std::str::FromStr>(field: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    if field.is_empty() {
        return vec![];
    }
    field.split(',').map(|x| x.parse().unwrap()).collect()
}

fn parse_extent(fields: &[&str]) -> Extent {
    Extent::new(
        fields[0].parse().unwrap(),
        &parse_ints::<usize>(fields[1]),
        &parse_ints::<isize>(fields[2]),
        fields[3].parse().unwrap(),
    )
}

fn expected(answer: &str) -> Result<bool, OverlapError> {
    match answer {
        "T" => Ok(true),
        "F" => Ok(false),
        _ => Err(OverlapError::TooHard),
    }
}

fn budget(key: &str) -> Option<u64> {
    (key != "none").then(|| key.parse().unwrap())
}

/// NumPy's `may_share_memory`, `shares_memory` with several `max_work`
/// budgets, and its internal-overlap test, on the generated table.
#[test]
fn overlap_matches_numpy_table() {
    let table = include_str!("../testdata/overlap_cases.txt");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split(';').collect();
        let answers = fields
            .last()
            .unwrap()
            .split(',')
            .map(|kv| kv.split_once('=').unwrap());
        if fields[0] == "pair" {
            let a = parse_extent(&fields[1..5]);
            let b = parse_extent(&fields[5..9]);
            for (key, value) in answers {
                if key == "bounds" {
                    assert_eq!(may_share_memory(&a, &b), value == "T", "{line}");
                } else {
                    let got = shares_memory(&a, &b, budget(key));
                    assert_eq!(got, expected(value), "max_work={key}: {line}");
                }
            }
        } else {
            let a = parse_extent(&fields[1..5]);
            for (key, value) in answers {
                let got = has_internal_overlap(&a, budget(key));
                assert_eq!(got, expected(value), "max_work={key}: {line}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 500);
}

// ---------------------------------------------------------------------------
// NumPy's documented hard case

/// `x1 = as_strided(x, strides=(36674, 61119, 85569), shape=(1049,)*3)` and
/// `x2 = as_strided(x[64023025:], strides=(12223, 12224, 1),
/// shape=(1049, 1049, 1))` over int8: they do not overlap; NumPy's exact
/// search takes seconds (about 45 ms here in release, 0.4 s in debug).
#[test]
fn numpy_hard_case_is_fast() {
    let x1 = ext(0, &[1049, 1049, 1049], &[36674, 61119, 85569], 1);
    let x2 = ext(64023025, &[1049, 1049, 1], &[12223, 12224, 1], 1);
    let start = std::time::Instant::now();
    assert_eq!(shares_memory(&x1, &x2, None), Ok(false));
    let elapsed = start.elapsed();
    eprintln!("hard case: {elapsed:?}");
    assert!(elapsed.as_millis() < 2000, "{elapsed:?}");
    assert_eq!(
        shares_memory(&x1, &x2, Some(1_000_000)),
        Err(OverlapError::TooHard)
    );
    // Start the second view on an element of the first: now they overlap.
    let on_x1 = 36674 * 5 + 61119 * 7 + 85569 * 9 - 12223 * 3 - 12224 * 4;
    let x3 = ext(on_x1, &[1049, 1049, 1], &[12223, 12224, 1], 1);
    assert_eq!(shares_memory(&x1, &x3, None), Ok(true));
}

// ---------------------------------------------------------------------------
// The solvers against brute force

fn brute_feasible(terms: &[Term], b: i64) -> bool {
    fn go(terms: &[Term], b: i64) -> bool {
        match terms.split_first() {
            None => b == 0,
            Some((t, rest)) => (0..=t.ub).any(|x| b - t.a * x >= 0 && go(rest, b - t.a * x)),
        }
    }
    go(terms, b)
}

fn problem() -> impl Strategy<Value = (Vec<Term>, i64)> {
    prop::collection::vec((1i64..60, 0i64..7), 0..5).prop_flat_map(|raw| {
        let terms: Vec<Term> = raw.iter().map(|&(a, ub)| Term { a, ub }).collect();
        let top: i64 = terms.iter().map(|t| t.a * t.ub).sum();
        (Just(terms), -1..=top + 1)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn numpy_search_and_sumset_are_exact((terms, b) in problem()) {
        let expected = brute_feasible(&terms, b);
        let mut sorted = terms.clone();
        sorted.sort_by_key(|t| std::cmp::Reverse(t.a));
        prop_assert_eq!(diophantine::solve(&sorted, b, None, false) == Outcome::Yes, expected);
        let mut simple = terms.clone();
        diophantine::simplify(&mut simple, b).unwrap();
        prop_assert_eq!(diophantine::solve(&simple, b, None, false) == Outcome::Yes, expected);
        if b >= 0 {
            prop_assert_eq!(super::sumset::feasible(&simple, b), expected);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn sumset_agrees_with_numpy_search_on_larger_problems(
        raw in prop::collection::vec((1i64..5000, 0i64..60), 2..6),
        fraction in 0.0f64..1.0,
    ) {
        let mut terms: Vec<Term> = raw.iter().map(|&(a, ub)| Term { a, ub }).collect();
        let top: i64 = terms.iter().map(|t| t.a * t.ub).sum();
        let b = (top as f64 * fraction) as i64;
        diophantine::simplify(&mut terms, b).unwrap();
        let numpy = diophantine::solve(&terms, b, None, false);
        prop_assert_eq!(super::sumset::feasible(&terms, b), numpy == Outcome::Yes);
    }
}

// ---------------------------------------------------------------------------
// Views against brute force

fn extent() -> impl Strategy<Value = Extent> {
    (0usize..=4)
        .prop_flat_map(|nd| {
            (
                prop::collection::vec(0usize..=5, nd),
                prop::collection::vec(-6isize..=6, nd),
                prop::sample::select(vec![1usize, 2, 4, 8]),
                prop::sample::select(vec![1isize, 1, 2, 3]),
                0usize..40,
            )
        })
        .prop_map(|(shape, units, itemsize, unit, extra)| {
            let strides: Vec<isize> = units.iter().map(|u| u * unit * itemsize as isize).collect();
            let (lower, _) = layout::offset_bounds(&shape, &strides, itemsize).unwrap();
            Extent::new(extra + lower.unsigned_abs(), &shape, &strides, itemsize)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn shares_memory_matches_byte_listing(a in extent(), b in extent()) {
        let exact = brute_shares(&a, &b);
        prop_assert_eq!(shares_memory(&a, &b, None), Ok(exact));
        let bounds = match (a.byte_range(), b.byte_range()) {
            (Some((s1, e1)), Some((s2, e2))) => s1 < e2 && s2 < e1,
            _ => false,
        };
        prop_assert_eq!(may_share_memory(&a, &b), bounds);
        prop_assert!(!exact || bounds);
        match shares_memory(&a, &b, Some(3)) {
            Ok(answer) => prop_assert_eq!(answer, exact),
            Err(e) => prop_assert_eq!(e, OverlapError::TooHard),
        }
    }

    #[test]
    fn internal_overlap_matches_byte_listing(a in extent()) {
        prop_assert_eq!(has_internal_overlap(&a, None), Ok(brute_internal(&a)));
    }

    #[test]
    fn overlapping_elements_match_byte_listing(w in extent(), o in extent()) {
        let written = bytes_of(&w);
        let found = overlapping_elements(&w, &o, 10_000).unwrap();
        let mut expected = Vec::new();
        let mut index = vec![0usize; o.shape.len()];
        for (k, at) in o.element_offsets(usize::MAX).unwrap().into_iter().enumerate() {
            if k > 0 {
                advance_c_index(&mut index, &o.shape);
            }
            if (at..at + o.itemsize).any(|byte| written.contains(&byte)) {
                expected.push(index.clone());
            }
        }
        prop_assert_eq!(found, expected);
        prop_assert_eq!(overlapping_elements(&w, &o, 0).is_some(), w.size() == Some(0) && o.size() == Some(0));
    }
}

// ---------------------------------------------------------------------------
// Arbitrary input never panics

fn wild_extent() -> impl Strategy<Value = Extent> {
    let dim = prop_oneof![
        0usize..6,
        Just(usize::MAX),
        Just(1usize << 40),
        any::<usize>()
    ];
    let stride = prop_oneof![
        -50isize..50,
        Just(isize::MIN),
        Just(isize::MAX),
        any::<isize>()
    ];
    (
        prop::collection::vec(dim, 0..4),
        prop::collection::vec(stride, 0..4),
        prop_oneof![0usize..20, any::<usize>()],
        prop_oneof![0usize..10, Just(usize::MAX)],
    )
        .prop_map(|(shape, strides, offset, itemsize)| Extent {
            offset,
            shape,
            strides,
            itemsize,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn overlap_questions_never_panic(a in wild_extent(), b in wild_extent()) {
        let _ = may_share_memory(&a, &b);
        let _ = shares_memory(&a, &b, Some(2_000));
        let _ = has_internal_overlap(&a, Some(2_000));
        let _ = overlapping_elements(&a, &b, 1_000);
        let _ = a.element_offsets(1_000);
    }
}
