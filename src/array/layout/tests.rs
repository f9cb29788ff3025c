//! Tests of the layout arithmetic: cases measured on NumPy 2.4, NumPy's own
//! reshape decisions on a generated table, and properties against brute force.

use super::*;
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Brute-force helpers

/// Every multi-index of `shape`, in `order`.
fn indices(shape: &[usize], order: Order) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    let axes: Vec<usize> = match order {
        Order::C => (0..shape.len()).collect(),
        Order::F => (0..shape.len()).rev().collect(),
    };
    for axis in axes {
        let mut next = Vec::new();
        for idx in &out {
            for i in 0..shape[axis] {
                let mut j = idx.clone();
                j.push(i);
                next.push(j);
            }
        }
        out = next;
    }
    if order == Order::F {
        for idx in &mut out {
            idx.reverse();
        }
    }
    out
}

/// Byte offsets (relative to the view's offset) of the elements in `order`.
fn offsets(shape: &[usize], strides: &[isize], order: Order) -> Vec<i64> {
    indices(shape, order)
        .iter()
        .map(|idx| {
            idx.iter()
                .zip(strides)
                .map(|(&i, &s)| i as i64 * s as i64)
                .sum()
        })
        .collect()
}

/// Whether some stride vector lets `new_shape` visit `shape`'s elements in
/// the same order (strides of length-1 axes are free).
fn view_exists(shape: &[usize], strides: &[isize], new_shape: &[usize], order: Order) -> bool {
    let old = offsets(shape, strides, order);
    if old.is_empty() {
        return true;
    }
    let mut candidate = vec![0isize; new_shape.len()];
    for (axis, &d) in new_shape.iter().enumerate() {
        if d > 1 {
            let mut unit = vec![0; new_shape.len()];
            unit[axis] = 1;
            let pos = indices(new_shape, order)
                .iter()
                .position(|idx| *idx == unit)
                .unwrap();
            candidate[axis] = (old[pos] - old[0]) as isize;
        }
    }
    offsets(new_shape, &candidate, order) == old
}

fn is_contiguous_brute(shape: &[usize], strides: &[isize], itemsize: usize, order: Order) -> bool {
    offsets(shape, strides, order)
        .iter()
        .enumerate()
        .all(|(k, &o)| o == (k * itemsize) as i64)
}

// ---------------------------------------------------------------------------
// Strides of new arrays and of views

#[test]
fn allocation_strides_match_numpy() {
    assert_eq!(c_strides(&[0, 3], 8), Some(vec![0, 0]));
    assert_eq!(c_strides(&[3, 0], 8), Some(vec![0, 0]));
    assert_eq!(f_strides(&[2, 0, 3], 8), Some(vec![0, 0, 0]));
    assert_eq!(c_strides(&[1, 3], 8), Some(vec![24, 8]));
    assert_eq!(f_strides(&[1, 3], 8), Some(vec![8, 8]));
    assert_eq!(c_strides(&[3, 1], 8), Some(vec![8, 8]));
    assert_eq!(f_strides(&[3, 1], 8), Some(vec![8, 24]));
    assert_eq!(c_strides(&[2, 1, 3], 8), Some(vec![24, 24, 8]));
    assert_eq!(f_strides(&[2, 1, 3], 8), Some(vec![8, 16, 16]));
    assert_eq!(c_strides(&[], 8), Some(vec![]));
    assert_eq!(c_strides(&[1], 8), Some(vec![8]));
    assert_eq!(c_strides(&[3, 4], 8), Some(vec![32, 8]));
    assert_eq!(c_strides(&[1 << 62, 4], 8), None);
}

#[test]
fn view_strides_count_zero_lengths_as_one() {
    // np.zeros((0, 3)).reshape(3, 0) and friends.
    assert_eq!(view_strides(&[3, 0], 8, Order::C), Some(vec![8, 8]));
    assert_eq!(view_strides(&[3, 0], 8, Order::F), Some(vec![8, 24]));
    assert_eq!(view_strides(&[0, 1, 3], 8, Order::C), Some(vec![24, 24, 8]));
    assert_eq!(view_strides(&[0, 3, 1], 8, Order::F), Some(vec![8, 8, 24]));
    assert_eq!(view_strides(&[2, 0, 2], 8, Order::C), Some(vec![16, 16, 8]));
}

#[test]
fn sizes_are_checked_like_numpy() {
    assert_eq!(checked_size(&[3, 4]), Some(12));
    assert_eq!(checked_size(&[]), Some(1));
    assert_eq!(checked_size(&[2, 0, 5]), Some(0));
    // NumPy refuses np.zeros((0, 2**62, 2**62)) although it is empty.
    assert_eq!(checked_size(&[0, 1 << 62, 1 << 62]), None);
    assert_eq!(checked_nbytes(&[1 << 61], 8), None);
    assert_eq!(checked_nbytes(&[1 << 59], 8), Some(1 << 62));
    assert_eq!(checked_nbytes(&[0, 1 << 40, 1 << 40], 8), None);
    assert_eq!(
        creation_shape(&[2, -3], 8),
        Err(ShapeError::NegativeDimension)
    );
    assert_eq!(creation_shape(&[2, 1 << 62], 8), Err(ShapeError::TooBig));
    assert_eq!(creation_shape(&[2, 3], 8), Ok(vec![2, 3]));
    assert_eq!(
        ShapeError::TooBig.to_string(),
        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."
    );
    assert_eq!(
        ShapeError::NegativeDimension.to_string(),
        "negative dimensions are not allowed"
    );
}

// ---------------------------------------------------------------------------
// Contiguity

#[test]
fn contiguity_flags_match_numpy() {
    let flags = |shape: &[usize], strides: &[isize]| {
        (
            is_c_contiguous(shape, strides, 8),
            is_f_contiguous(shape, strides, 8),
        )
    };
    assert_eq!(flags(&[6], &[8]), (true, true)); // a[2:8]
    assert_eq!(flags(&[6], &[16]), (false, false)); // a[::2]
    assert_eq!(flags(&[12], &[-8]), (false, false)); // a[::-1]
    assert_eq!(flags(&[0], &[8]), (true, true)); // a[5:2]
    assert_eq!(flags(&[1], &[40]), (true, true)); // a[3:4:5]
    assert_eq!(flags(&[3, 4], &[32, 8]), (true, false)); // m
    assert_eq!(flags(&[4, 3], &[8, 32]), (false, true)); // m.T
    assert_eq!(flags(&[3], &[32]), (false, false)); // m[:, 1]
    assert_eq!(flags(&[2, 3], &[0, 8]), (false, false)); // broadcast_to
    assert_eq!(flags(&[], &[]), (true, true)); // 0-d
    assert_eq!(flags(&[1, 4, 1], &[7, 8, -3]), (true, true));
    assert_eq!(flags(&[3, 0], &[5, 7]), (true, true));
    assert_eq!(flags(&[3, 2], &[8, 24]), (false, true)); // m[:, [0, 2]]
    assert_eq!(Order::any(&[4, 3], &[8, 32], 8), Order::F);
    assert_eq!(Order::any(&[4], &[8], 8), Order::C);
    assert_eq!(Order::any(&[4], &[16], 8), Order::C);
}

#[test]
fn contiguity_survives_huge_strides() {
    assert!(!is_c_contiguous(&[2, 2], &[isize::MIN, 8], 8));
    assert!(is_c_contiguous(&[1 << 40, 1], &[8, isize::MAX], 8));
    assert!(!is_c_contiguous(&[2, 2], &[8], 8));
}

// ---------------------------------------------------------------------------
// Reshape

#[test]
fn resolve_new_shape_matches_numpy_messages() {
    assert_eq!(resolve_new_shape(12, &[3, -1]), Ok(vec![3, 4]));
    assert_eq!(resolve_new_shape(12, &[-2, 6]), Ok(vec![2, 6]));
    assert_eq!(resolve_new_shape(0, &[-1]), Ok(vec![0]));
    assert_eq!(resolve_new_shape(1, &[]), Ok(vec![]));
    let message = |size, req: &[i64]| resolve_new_shape(size, req).unwrap_err().to_string();
    assert_eq!(
        message(12, &[5, 3]),
        "cannot reshape array of size 12 into shape (5,3)"
    );
    assert_eq!(
        message(12, &[5]),
        "cannot reshape array of size 12 into shape (5,)"
    );
    assert_eq!(
        message(12, &[-1, 5]),
        "cannot reshape array of size 12 into shape (5)"
    );
    assert_eq!(
        message(12, &[0, -1]),
        "cannot reshape array of size 12 into shape (0,newaxis)"
    );
    assert_eq!(
        message(0, &[0, -2]),
        "cannot reshape array of size 0 into shape (0,newaxis)"
    );
    assert_eq!(
        message(0, &[-1, 0]),
        "cannot reshape array of size 0 into shape (0)"
    );
    assert_eq!(
        message(12, &[]),
        "cannot reshape array of size 12 into shape ()"
    );
    assert_eq!(
        message(12, &[-1, -1]),
        "can only specify one unknown dimension"
    );
    assert_eq!(
        message(12, &[-3, -1]),
        "can only specify one unknown dimension"
    );
    assert_eq!(
        message(12, &[1 << 62, 1 << 62]),
        "cannot reshape array of size 12 into shape (4611686018427387904,4611686018427387904)"
    );
    assert_eq!(
        message(12, &[1 << 62, 1 << 62, -1]),
        "cannot reshape array of size 12 into shape (4611686018427387904,4611686018427387904,newaxis)"
    );
}

#[test]
fn reshape_views_and_copies_from_the_facts_page() {
    let view = |shape: &[usize], strides: &[isize], new: &[usize], order| {
        reshape_without_copy(shape, strides, 8, new, order)
    };
    // m = arange(12).reshape(3, 4); v = arange(12)
    assert_eq!(view(&[4, 3], &[8, 32], &[3, 4], Order::C), None); // m.T.reshape(3, 4)
    assert_eq!(view(&[4, 3], &[8, 32], &[12], Order::F), Some(vec![8]));
    assert_eq!(view(&[6], &[16], &[2, 3], Order::C), Some(vec![48, 16]));
    assert_eq!(view(&[3, 2], &[32, 16], &[6], Order::C), Some(vec![16]));
    assert_eq!(
        view(&[2, 4], &[64, 8], &[2, 2, 2], Order::C),
        Some(vec![64, 16, 8])
    );
    assert_eq!(view(&[4, 3], &[8, 32], &[12], Order::C), None); // m.T.reshape(-1)
    assert_eq!(view(&[3, 2], &[32, 8], &[6], Order::C), None); // m[:, :2].reshape(-1)
    assert_eq!(view(&[3, 4], &[32, 8], &[4, 3], Order::F), None);
    assert_eq!(view(&[4], &[32], &[1, 4], Order::C), Some(vec![128, 32]));
    // expand_dims(v, 0) for v = arange(4): (32, 8)
    assert_eq!(view(&[4], &[8], &[1, 4], Order::C), Some(vec![32, 8]));
}

#[test]
fn literal_and_resolved_requests_differ_like_numpy() {
    let plan = |req: &[i64], order| plan_reshape(&[1, 3], &[999, 16], 8, req, order).unwrap();
    assert_eq!(plan(&[1, 3], Order::C).strides, Some(vec![999, 16]));
    assert_eq!(plan(&[1, -1], Order::C).strides, Some(vec![48, 16]));
    assert_eq!(plan(&[1, 3], Order::F).strides, Some(vec![999, 16]));
    assert_eq!(plan(&[1, -1], Order::F).strides, Some(vec![16, 16]));
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

/// The table in `testdata/reshape_cases.txt`, generated from NumPy by
/// `testdata/gen_reshape_cases.py`.
#[test]
fn reshape_matches_numpy_table() {
    let table = include_str!("../testdata/reshape_cases.txt");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.splitn(6, ';').collect();
        let itemsize: usize = fields[0].parse().unwrap();
        let shape: Vec<usize> = parse_ints(fields[1]);
        let strides: Vec<isize> = parse_ints(fields[2]);
        let order = if fields[3] == "C" { Order::C } else { Order::F };
        let requested: Vec<i64> = parse_ints(fields[4]);
        let got = plan_reshape(&shape, &strides, itemsize, &requested, order);
        let (kind, rest) = fields[5].split_once(':').unwrap();
        match kind {
            "error" => assert_eq!(got.unwrap_err().to_string(), rest, "{line}"),
            "copy" => {
                let plan = got.unwrap();
                assert_eq!(plan.shape, parse_ints::<usize>(rest), "{line}");
                assert_eq!(plan.strides, None, "{line}");
            }
            _ => {
                let (new_shape, new_strides) = rest.split_once(':').unwrap();
                let plan = got.unwrap();
                assert_eq!(plan.shape, parse_ints::<usize>(new_shape), "{line}");
                assert_eq!(plan.strides, Some(parse_ints(new_strides)), "{line}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 300);
}

// ---------------------------------------------------------------------------
// Extents

#[test]
fn byte_extents() {
    assert_eq!(byte_extent(&[12], &[-8], 88, 8), Some((0, 96))); // a[::-1]
    assert_eq!(byte_extent(&[3], &[-16], 64, 8), Some((32, 72))); // a[8:2:-2]
    assert_eq!(byte_extent(&[0], &[8], 40, 8), None);
    assert_eq!(byte_extent(&[], &[], 16, 8), Some((16, 24)));
    assert_eq!(byte_extent(&[3, 2], &[0, 8], 0, 8), Some((0, 16)));
    assert_eq!(byte_extent(&[2], &[-8], 0, 8), None); // starts before the buffer
    assert_eq!(offset_bounds(&[2, 3], &[-24, 8], 8), Some((-24, 24)));
    assert_eq!(offset_bounds(&[2, 0], &[8, 8], 8), Some((0, 0)));
    assert_eq!(offset_bounds(&[3], &[isize::MAX], 8), None);
    assert_eq!(element_offset(&[3, 4], &[32, 8], 8, &[2, 1]), Some(80));
    assert_eq!(element_offset(&[3, 4], &[32, 8], 8, &[3, 1]), None);
}

// ---------------------------------------------------------------------------
// Broadcasting

#[test]
fn broadcast_shapes_and_messages() {
    assert_eq!(broadcast_shapes(&[&[2, 3], &[3]]), Ok(vec![2, 3]));
    assert_eq!(broadcast_shapes(&[&[0], &[1]]), Ok(vec![0]));
    assert_eq!(broadcast_shapes(&[]), Ok(vec![]));
    assert_eq!(broadcast_shapes(&[&[], &[4, 1], &[5]]), Ok(vec![4, 5]));
    let err = broadcast_shapes(&[&[3], &[4]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "operands could not be broadcast together with shapes (3,) (4,) "
    );
    assert_eq!(
        err.mismatch_message(),
        "shape mismatch: objects cannot be broadcast to a single shape.  \
         Mismatch is between arg 0 with shape (3,) and arg 1 with shape (4,)."
    );
    let err = broadcast_shapes(&[&[], &[3], &[4]]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "operands could not be broadcast together with shapes () (3,) (4,) "
    );
    let err = broadcast_shapes(&[&[3], &[1], &[4]]).unwrap_err();
    assert_eq!((err.first, err.second), (0, 2));
    let err = broadcast_shapes(&[&[2, 3], &[4, 5, 1], &[3, 3]]).unwrap_err();
    assert_eq!(
        err.mismatch_message(),
        "shape mismatch: objects cannot be broadcast to a single shape.  \
         Mismatch is between arg 0 with shape (2, 3) and arg 1 with shape (4, 5, 1)."
    );
    assert_eq!(
        broadcast_shapes(&[&[2, 3], &[4, 1, 2]])
            .unwrap_err()
            .to_string(),
        "operands could not be broadcast together with shapes (2,3) (4,1,2) "
    );
}

#[test]
fn broadcast_strides_match_broadcast_to() {
    assert_eq!(broadcast_strides(&[3], &[8], &[2, 3]), Some(vec![0, 8]));
    assert_eq!(
        broadcast_strides(&[3, 1], &[8, 8], &[2, 3, 1]),
        Some(vec![0, 8, 0])
    );
    assert_eq!(
        broadcast_strides(&[1, 2], &[24, 16], &[2, 1, 2]),
        Some(vec![0, 0, 16])
    );
    assert_eq!(
        broadcast_strides(&[2, 1], &[8, 8], &[2, 0]),
        Some(vec![8, 0])
    );
    assert_eq!(broadcast_strides(&[], &[], &[]), Some(vec![]));
    assert_eq!(broadcast_strides(&[3], &[8], &[4]), None);
    assert_eq!(broadcast_strides(&[0], &[8], &[1]), None);
    assert_eq!(broadcast_strides(&[2, 1], &[8, 8], &[2]), None);
    assert_eq!(
        broadcast_to_message(&[2, 3], &[5, 2, 4]),
        "operands could not be broadcast together with remapped shapes \
         [original->remapped]: (2,3)  and requested shape (5,2,4)"
    );
    assert_eq!(
        broadcast_to_message(&[2, 1], &[2]),
        "input operand has more dimensions than allowed by the axis remapping"
    );
}

// ---------------------------------------------------------------------------
// Coalescing

#[test]
fn coalescing_merges_common_contiguous_axes() {
    let c = coalesce_axes(&[3, 4], &[&[32, 8], &[0, 0]]).unwrap();
    assert_eq!(c.shape, vec![12]);
    assert_eq!(c.strides, vec![vec![8], vec![0]]);
    let c = coalesce_axes(&[3, 4], &[&[32, 8], &[8, 24]]).unwrap();
    assert_eq!(c.shape, vec![3, 4]);
    let c = coalesce_axes(&[2, 1, 3, 4], &[&[96, 7, 32, 8]]).unwrap();
    assert_eq!(c.shape, vec![24]);
    assert_eq!(c.strides, vec![vec![8]]);
    let c = coalesce_axes(&[3, 0], &[&[8, 8]]).unwrap();
    assert_eq!((c.shape, c.strides), (vec![0], vec![vec![0]]));
    let c = coalesce_axes(&[1, 1], &[&[8, 8], &[0, 0]]).unwrap();
    assert_eq!((c.shape, c.strides), (vec![], vec![vec![], vec![]]));
    assert_eq!(coalesce_axes(&[2], &[&[8, 8]]), None);
}

// ---------------------------------------------------------------------------
// Properties against brute force

fn layout() -> impl Strategy<Value = (Vec<usize>, Vec<isize>, usize)> {
    (0usize..=4)
        .prop_flat_map(|nd| {
            (
                prop::collection::vec(0usize..=5, nd),
                prop::collection::vec(-6isize..=6, nd),
                prop::sample::select(vec![1usize, 2, 4, 8]),
                prop::bool::weighted(0.5),
            )
        })
        .prop_map(|(shape, units, itemsize, contiguous)| {
            let strides = if contiguous {
                // Mostly permuted/sliced contiguous layouts, to reach the
                // interesting reshape paths.
                let mut s = c_strides(&shape, itemsize).unwrap();
                if shape.contains(&0) {
                    s = view_strides(&shape, itemsize, Order::C).unwrap();
                }
                for (k, u) in units.iter().enumerate() {
                    if u % 3 == 0 {
                        s[k] *= u.signum().max(1) * 2;
                    }
                }
                if units.first().is_some_and(|u| *u < 0) {
                    s.reverse();
                }
                s
            } else {
                units.iter().map(|u| u * itemsize as isize).collect()
            };
            (shape, strides, itemsize)
        })
}

/// A new shape with the same number of elements as `shape`.
fn same_size_shape(shape: &[usize], picks: &[usize]) -> Vec<usize> {
    let size: usize = shape.iter().product();
    if size == 0 {
        let mut s: Vec<usize> = picks.iter().map(|p| p % 3).collect();
        s.push(0);
        return s;
    }
    let mut factors = Vec::new();
    let (mut m, mut p) = (size, 2);
    while m > 1 {
        while m % p == 0 {
            factors.push(p);
            m /= p;
        }
        p += 1;
    }
    let nd = picks.len().max(1);
    let mut dims = vec![1usize; nd];
    for (k, f) in factors.iter().enumerate() {
        dims[picks.get(k).copied().unwrap_or(0) % nd] *= f;
    }
    dims
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn contiguity_matches_brute_force((shape, strides, itemsize) in layout()) {
        prop_assert_eq!(
            is_c_contiguous(&shape, &strides, itemsize),
            is_contiguous_brute(&shape, &strides, itemsize, Order::C)
        );
        prop_assert_eq!(
            is_f_contiguous(&shape, &strides, itemsize),
            is_contiguous_brute(&shape, &strides, itemsize, Order::F)
        );
    }

    #[test]
    fn reshape_is_a_view_exactly_when_one_exists(
        (shape, strides, itemsize) in layout(),
        picks in prop::collection::vec(0usize..4, 0..5),
        f_order in any::<bool>(),
    ) {
        let order = if f_order { Order::F } else { Order::C };
        let new_shape = same_size_shape(&shape, &picks);
        let got = reshape_without_copy(&shape, &strides, itemsize, &new_shape, order);
        match &got {
            Some(new_strides) => prop_assert_eq!(
                offsets(&new_shape, new_strides, order),
                offsets(&shape, &strides, order)
            ),
            None => prop_assert!(!view_exists(&shape, &strides, &new_shape, order)),
        }
    }

    #[test]
    fn byte_extent_matches_brute_force(
        (shape, strides, itemsize) in layout(),
        offset in 0usize..200,
    ) {
        let all = offsets(&shape, &strides, Order::C);
        let expected = if all.is_empty() {
            None
        } else {
            let lo = offset as i64 + all.iter().min().unwrap();
            let hi = offset as i64 + all.iter().max().unwrap() + itemsize as i64;
            (lo >= 0).then_some((lo as usize, hi as usize))
        };
        prop_assert_eq!(byte_extent(&shape, &strides, offset, itemsize), expected);
    }

    #[test]
    fn broadcast_strides_repeat_the_source(
        (shape, strides, _itemsize) in layout(),
        lead in prop::collection::vec(0usize..=3, 0..2),
        stretch in prop::collection::vec(0usize..=3, 4),
    ) {
        let mut target = lead.clone();
        for (k, &d) in shape.iter().enumerate() {
            target.push(if d == 1 { stretch[k] } else { d });
        }
        prop_assert_eq!(broadcast_shapes(&[&shape, &target]), Ok(target.clone()));
        let b = broadcast_strides(&shape, &strides, &target).unwrap();
        for idx in indices(&target, Order::C) {
            let src: Vec<usize> = idx[lead.len()..]
                .iter()
                .zip(&shape)
                .map(|(&i, &d)| if d == 1 { 0 } else { i })
                .collect();
            prop_assert_eq!(
                element_offset(&target, &b, 0, &idx),
                element_offset(&shape, &strides, 0, &src)
            );
        }
    }

    #[test]
    fn coalescing_keeps_the_visit_order(
        (shape, strides, _itemsize) in layout(),
        other in prop::collection::vec(-6isize..=6, 4),
    ) {
        let second: Vec<isize> = strides
            .iter()
            .zip(&other)
            .map(|(&s, &o)| if o == 0 { s * 2 } else { s })
            .collect();
        let c = coalesce_axes(&shape, &[&strides, &second]).unwrap();
        prop_assert!(c.shape.len() <= shape.len().max(1));
        if shape.contains(&0) {
            prop_assert_eq!(c.shape, vec![0]);
        } else {
            prop_assert_eq!(offsets(&c.shape, &c.strides[0], Order::C), offsets(&shape, &strides, Order::C));
            prop_assert_eq!(offsets(&c.shape, &c.strides[1], Order::C), offsets(&shape, &second, Order::C));
        }
    }
}

// ---------------------------------------------------------------------------
// Arbitrary input never panics

fn wild_dims() -> impl Strategy<Value = Vec<usize>> {
    let dim = prop_oneof![
        0usize..6,
        Just(usize::MAX),
        Just(1usize << 40),
        any::<usize>()
    ];
    prop::collection::vec(dim, 0..5)
}

fn wild_strides() -> impl Strategy<Value = Vec<isize>> {
    let stride = prop_oneof![
        -50isize..50,
        Just(isize::MIN),
        Just(isize::MAX),
        any::<isize>()
    ];
    prop::collection::vec(stride, 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn layout_functions_never_panic(
        shape in wild_dims(),
        strides in wild_strides(),
        new_shape in wild_dims(),
        requested in prop::collection::vec(any::<i64>(), 0..5),
        itemsize in prop_oneof![0usize..20, any::<usize>()],
        offset in any::<usize>(),
        f_order in any::<bool>(),
    ) {
        let order = if f_order { Order::F } else { Order::C };
        let _ = checked_size(&shape);
        let _ = checked_nbytes(&shape, itemsize);
        let _ = c_strides(&shape, itemsize);
        let _ = f_strides(&shape, itemsize);
        let _ = view_strides(&shape, itemsize, order);
        let _ = is_c_contiguous(&shape, &strides, itemsize);
        let _ = is_f_contiguous(&shape, &strides, itemsize);
        let _ = Order::any(&shape, &strides, itemsize);
        let _ = reshape_without_copy(&shape, &strides, itemsize, &new_shape, order);
        let _ = reshape_resolved(&shape, &strides, itemsize, &new_shape, order);
        let _ = plan_reshape(&shape, &strides, itemsize, &requested, order).map_err(|e| e.to_string());
        let _ = resolve_new_shape(offset, &requested).map_err(|e| e.to_string());
        let _ = creation_shape(&requested, itemsize);
        let _ = offset_bounds(&shape, &strides, itemsize);
        let _ = byte_extent(&shape, &strides, offset, itemsize);
        let _ = element_offset(&shape, &strides, offset, &new_shape);
        let _ = broadcast_shapes(&[&shape, &new_shape]).map_err(|e| (e.to_string(), e.mismatch_message()));
        let _ = broadcast_strides(&shape, &strides, &new_shape);
        let _ = broadcast_to_message(&shape, &new_shape);
        let _ = coalesce_axes(&shape, &[&strides, &strides]);
    }
}
