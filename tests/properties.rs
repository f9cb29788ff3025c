//! Property tests of the array core against brute-force references written
//! here, independently of the code under test:
//!
//! - basic indexing (ints, slices with any step, new axes, an ellipsis):
//!   values, shape, and that the result is a view of the same buffer;
//! - advanced indexing (integer arrays, boolean masks, mixed with ints and
//!   slices, NumPy's placement of the broadcast index dimensions): values
//!   and shape of a copy that shares nothing;
//! - `Array::copy_as` to every dtype and order, element by element;
//! - broadcasting arithmetic and comparisons, against a naive loop.
//!
//! Sources are int64 arrays whose element values are their own C-order
//! positions in an owner array, optionally seen through a permutation of
//! axes, so every value names the element it came from.

use npview::array::dtype::DType;
use npview::array::element;
use npview::array::index::{self, IndexItem, Indexed};
use npview::array::layout::Order;
use npview::array::ops::{self, BinaryOp, Operand};
use npview::array::scalar::Scalar;
use npview::array::Array;
use npview::error::ExcKind;
use proptest::prelude::*;
use std::rc::Rc;

// ---------------------------------------------------------------------------
// Sources: an owner array holding 0..size, maybe viewed with permuted axes.

/// A source array and the way back from its multi-indices to its values.
#[derive(Clone, Debug)]
struct Source {
    /// Shape of the owner (C-contiguous, values 0..size).
    owner_shape: Vec<usize>,
    /// `perm[k]` is the owner axis that source axis `k` walks.
    perm: Vec<usize>,
}

impl Source {
    fn shape(&self) -> Vec<usize> {
        self.perm.iter().map(|&k| self.owner_shape[k]).collect()
    }

    /// The value at a multi-index of the (permuted) source.
    fn value(&self, index: &[usize]) -> i64 {
        let mut owner_index = vec![0; self.owner_shape.len()];
        for (k, &i) in index.iter().enumerate() {
            owner_index[self.perm[k]] = i;
        }
        let mut flat = 0;
        for (&i, &n) in owner_index.iter().zip(&self.owner_shape) {
            flat = flat * n + i;
        }
        flat as i64
    }

    fn build(&self) -> Array {
        self.build_as(DType::Int64, Scalar::Int)
    }

    /// The same layout over an owner of `dtype` whose element at C-order
    /// position `i` is `value(i)`.
    fn build_as(&self, dtype: DType, value: impl Fn(i64) -> Scalar) -> Array {
        let size: usize = self.owner_shape.iter().product();
        let values: Vec<Scalar> = (0..size as i64).map(value).collect();
        let owner = Array::from_scalars(dtype, &self.owner_shape, &values).unwrap();
        let (shape, strides) = {
            let d = owner.data();
            let shape = self.perm.iter().map(|&k| d.shape[k]).collect();
            let strides = self.perm.iter().map(|&k| d.strides[k]).collect();
            (shape, strides)
        };
        owner.view_with(dtype, shape, strides, 0)
    }
}

fn source(max_ndim: usize, max_len: usize) -> impl Strategy<Value = Source> {
    prop::collection::vec(0..=max_len, 0..=max_ndim).prop_flat_map(|owner_shape| {
        let n = owner_shape.len();
        (
            Just(owner_shape),
            Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
        )
            .prop_map(|(owner_shape, perm)| Source { owner_shape, perm })
    })
}

/// Every multi-index of `shape`, in C order.
fn multi_indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![vec![]];
    for &n in shape {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                (0..n).map(move |i| {
                    let mut next = prefix.clone();
                    next.push(i);
                    next
                })
            })
            .collect();
    }
    out
}

fn int_values(a: &Array) -> Vec<i64> {
    a.to_scalars()
        .into_iter()
        .map(|s| match s {
            Scalar::Int(i) => i,
            other => panic!("expected an int64 element, got {other:?}"),
        })
        .collect()
}

fn int_array(shape: &[usize], values: &[i64]) -> Array {
    let scalars: Vec<Scalar> = values.iter().map(|&v| Scalar::Int(v)).collect();
    Array::from_scalars(DType::Int64, shape, &scalars).unwrap()
}

fn bool_array(shape: &[usize], values: &[bool]) -> Array {
    let scalars: Vec<Scalar> = values.iter().map(|&v| Scalar::Bool(v)).collect();
    Array::from_scalars(DType::Bool, shape, &scalars).unwrap()
}

// ---------------------------------------------------------------------------
// The reference: Python's slice rules and NumPy's indexing, by enumeration.

/// The positions a slice selects from `len` elements, by walking the
/// candidates one by one (no closed-form arithmetic).
fn slice_positions(start: Option<i64>, stop: Option<i64>, step: i64, len: usize) -> Vec<usize> {
    let n = len as i64;
    let resolve = |v: i64| if v < 0 { v + n } else { v };
    let mut out = Vec::new();
    if step > 0 {
        let first = start.map_or(0, |s| resolve(s).clamp(0, n));
        let end = stop.map_or(n, |s| resolve(s).clamp(0, n));
        let mut i = first;
        while i < end {
            out.push(i as usize);
            i += step;
        }
    } else {
        let first = start.map_or(n - 1, |s| resolve(s).clamp(-1, n - 1));
        let end = stop.map_or(-1, |s| resolve(s).clamp(-1, n - 1));
        let mut i = first;
        while i > end {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

/// One index item as the reference sees it.
#[derive(Clone, Debug)]
enum RefItem {
    Int(i64),
    Slice(Option<i64>, Option<i64>, i64),
    NewAxis,
    Ellipsis,
    IntArray(Vec<usize>, Vec<i64>),
    /// A mask over as many axes as its shape has.
    BoolArray(Vec<usize>, Vec<bool>),
}

impl RefItem {
    fn to_item(&self) -> IndexItem {
        match self {
            RefItem::Int(i) => IndexItem::Int(*i),
            RefItem::Slice(start, stop, step) => IndexItem::Slice {
                start: *start,
                stop: *stop,
                step: Some(*step),
            },
            RefItem::NewAxis => IndexItem::NewAxis,
            RefItem::Ellipsis => IndexItem::Ellipsis,
            RefItem::IntArray(shape, values) => IndexItem::IntArray(int_array(shape, values)),
            RefItem::BoolArray(shape, values) => IndexItem::BoolArray(bool_array(shape, values)),
        }
    }

    fn consumed(&self) -> usize {
        match self {
            RefItem::Int(_) | RefItem::Slice(..) | RefItem::IntArray(..) => 1,
            RefItem::BoolArray(shape, _) => shape.len(),
            RefItem::NewAxis | RefItem::Ellipsis => 0,
        }
    }

    fn is_advanced(&self, any_array: bool) -> bool {
        match self {
            RefItem::IntArray(..) | RefItem::BoolArray(..) => true,
            // An integer counts as a 0-d index array once arrays are present.
            RefItem::Int(_) => any_array,
            _ => false,
        }
    }
}

/// What the reference expects from `a[items]`.
#[derive(Debug, PartialEq)]
enum Expected {
    /// An IndexError (bounds, shapes) or a too-many-indices error.
    Error(ExcKind),
    Scalar(i64),
    Array(Vec<usize>, Vec<i64>),
}

/// One output dimension of basic indexing: input positions along an axis,
/// or a new axis of length 1.
enum BasicDim {
    Axis(usize, Vec<usize>),
    New,
}

fn normalize(i: i64, n: usize) -> Option<usize> {
    let j = if i < 0 { i + n as i64 } else { i };
    (0..n as i64).contains(&j).then_some(j as usize)
}

fn broadcast(shapes: &[Vec<usize>]) -> Option<Vec<usize>> {
    let ndim = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![1; ndim];
    for shape in shapes {
        for (k, &n) in shape.iter().enumerate() {
            let slot = &mut out[ndim - shape.len() + k];
            if *slot == 1 {
                *slot = n;
            } else if n != 1 && n != *slot {
                return None;
            }
        }
    }
    Some(out)
}

/// Index of the element of an array of `shape` broadcast to `target`, at
/// the multi-index `at` of the target.
fn broadcast_flat(shape: &[usize], target_index: &[usize]) -> usize {
    let offset = target_index.len() - shape.len();
    let mut flat = 0;
    for (k, &n) in shape.iter().enumerate() {
        let i = if n == 1 { 0 } else { target_index[offset + k] };
        flat = flat * n + i;
    }
    flat
}

fn reference(src: &Source, items: &[RefItem]) -> Expected {
    let shape = src.shape();
    let ndim = shape.len();
    let ellipses = items
        .iter()
        .filter(|i| matches!(i, RefItem::Ellipsis))
        .count();
    let consumed: usize = items.iter().map(RefItem::consumed).sum();
    if ellipses > 1 || consumed > ndim {
        return Expected::Error(ExcKind::IndexError);
    }
    // Expand the ellipsis (or append one) into full slices.
    let mut expanded = Vec::new();
    for item in items {
        if matches!(item, RefItem::Ellipsis) {
            expanded.extend((0..ndim - consumed).map(|_| RefItem::Slice(None, None, 1)));
        } else {
            expanded.push(item.clone());
        }
    }
    if ellipses == 0 {
        expanded.extend((0..ndim - consumed).map(|_| RefItem::Slice(None, None, 1)));
    }
    let any_array = expanded
        .iter()
        .any(|i| matches!(i, RefItem::IntArray(..) | RefItem::BoolArray(..)));

    // Walk the items: basic output dimensions, and advanced index arrays
    // (each with the input axis it indexes, its shape and its values).
    let mut basic_before: Vec<BasicDim> = Vec::new();
    let mut basic_after: Vec<BasicDim> = Vec::new();
    let mut advanced: Vec<(usize, Vec<usize>, Vec<usize>)> = Vec::new();
    let mut fixed: Vec<(usize, usize)> = Vec::new();
    let mut adv_positions = Vec::new();
    let mut axis = 0;
    for (pos, item) in expanded.iter().enumerate() {
        let into_after = !adv_positions.is_empty();
        let basic = if into_after {
            &mut basic_after
        } else {
            &mut basic_before
        };
        if item.is_advanced(any_array) {
            adv_positions.push(pos);
        }
        match item {
            RefItem::Int(i) => {
                let Some(j) = normalize(*i, shape[axis]) else {
                    return Expected::Error(ExcKind::IndexError);
                };
                if any_array {
                    advanced.push((axis, vec![], vec![j]));
                } else {
                    fixed.push((axis, j));
                }
                axis += 1;
            }
            RefItem::Slice(start, stop, step) => {
                basic.push(BasicDim::Axis(
                    axis,
                    slice_positions(*start, *stop, *step, shape[axis]),
                ));
                axis += 1;
            }
            RefItem::NewAxis => basic.push(BasicDim::New),
            RefItem::Ellipsis => unreachable!("expanded above"),
            RefItem::IntArray(ishape, values) => {
                let mut positions = Vec::with_capacity(values.len());
                for &v in values {
                    let Some(j) = normalize(v, shape[axis]) else {
                        return Expected::Error(ExcKind::IndexError);
                    };
                    positions.push(j);
                }
                advanced.push((axis, ishape.clone(), positions));
                axis += 1;
            }
            RefItem::BoolArray(mshape, values) => {
                if mshape[..] != shape[axis..axis + mshape.len()] {
                    return Expected::Error(ExcKind::IndexError);
                }
                // A mask is the index arrays of its true positions.
                let trues: Vec<Vec<usize>> = multi_indices(mshape)
                    .into_iter()
                    .zip(values)
                    .filter(|(_, &t)| t)
                    .map(|(ix, _)| ix)
                    .collect();
                for k in 0..mshape.len() {
                    let column = trues.iter().map(|ix| ix[k]).collect();
                    advanced.push((axis + k, vec![trues.len()], column));
                }
                axis += mshape.len();
            }
        }
    }

    if !any_array {
        let dims = basic_before;
        if dims.is_empty() && ellipses == 0 {
            // Every axis took an integer: a scalar (with an ellipsis, a
            // 0-d view).
            let mut index = vec![0; ndim];
            for &(ax, j) in &fixed {
                index[ax] = j;
            }
            return Expected::Scalar(src.value(&index));
        }
        let out_shape: Vec<usize> = dims
            .iter()
            .map(|d| match d {
                BasicDim::Axis(_, p) => p.len(),
                BasicDim::New => 1,
            })
            .collect();
        let values = multi_indices(&out_shape)
            .into_iter()
            .map(|out_index| {
                let mut index = vec![0; ndim];
                for &(ax, j) in &fixed {
                    index[ax] = j;
                }
                for (d, &o) in dims.iter().zip(&out_index) {
                    if let BasicDim::Axis(ax, p) = d {
                        index[*ax] = p[o];
                    }
                }
                src.value(&index)
            })
            .collect();
        return Expected::Array(out_shape, values);
    }

    let shapes: Vec<Vec<usize>> = advanced.iter().map(|(_, s, _)| s.clone()).collect();
    let Some(bshape) = broadcast(&shapes) else {
        return Expected::Error(ExcKind::IndexError);
    };
    let adjacent = adv_positions.windows(2).all(|w| w[1] == w[0] + 1);
    let (before, after): (Vec<&BasicDim>, Vec<&BasicDim>) = if adjacent {
        (basic_before.iter().collect(), basic_after.iter().collect())
    } else {
        (
            vec![],
            basic_before.iter().chain(basic_after.iter()).collect(),
        )
    };
    let dim_len = |d: &BasicDim| match d {
        BasicDim::Axis(_, p) => p.len(),
        BasicDim::New => 1,
    };
    let mut out_shape: Vec<usize> = before.iter().map(|d| dim_len(d)).collect();
    out_shape.extend(&bshape);
    out_shape.extend(after.iter().map(|d| dim_len(d)));
    let values = multi_indices(&out_shape)
        .into_iter()
        .map(|out_index| {
            let mut index = vec![0; ndim];
            let (head, rest) = out_index.split_at(before.len());
            let (bpart, tail) = rest.split_at(bshape.len());
            for (d, &o) in before.iter().zip(head).chain(after.iter().zip(tail)) {
                if let BasicDim::Axis(ax, p) = d {
                    index[*ax] = p[o];
                }
            }
            for (ax, ishape, positions) in &advanced {
                index[*ax] = positions[broadcast_flat(ishape, bpart)];
            }
            src.value(&index)
        })
        .collect();
    Expected::Array(out_shape, values)
}

// ---------------------------------------------------------------------------
// Strategies for index items, given the source shape.

fn slice_item(len: usize) -> impl Strategy<Value = RefItem> {
    let n = len as i64;
    let bound = prop::option::of(-n - 2..=n + 2);
    let step = prop_oneof![1i64..=3, -3i64..=-1];
    (bound.clone(), bound, step).prop_map(|(a, b, s)| RefItem::Slice(a, b, s))
}

/// An integer index, sometimes out of bounds.
fn int_item(len: usize) -> impl Strategy<Value = RefItem> {
    let n = len as i64;
    prop_oneof![
        9 => (-n.max(1)..n.max(1)).prop_map(RefItem::Int),
        1 => prop_oneof![Just(n), Just(-n - 1)].prop_map(RefItem::Int),
    ]
}

/// Basic items for `shape`: per axis an int or a slice, new axes sprinkled
/// in, and sometimes one ellipsis standing for a run of full axes.
fn basic_items(shape: Vec<usize>) -> impl Strategy<Value = Vec<RefItem>> {
    let per_axis: Vec<BoxedStrategy<RefItem>> = shape
        .iter()
        .map(|&len| prop_oneof![int_item(len), slice_item(len)].boxed())
        .collect();
    let ndim = shape.len();
    (
        per_axis,
        0..=ndim,
        0..=ndim,
        prop::collection::vec(0..=ndim, 0..3),
        any::<bool>(),
        0..=ndim,
    )
        .prop_map(
            move |(items, keep, ell_at, new_axes, use_ellipsis, ell_len)| {
                // Keep a prefix of the per-axis items (the rest are implied).
                let mut out: Vec<RefItem> = items.into_iter().take(keep).collect();
                if use_ellipsis {
                    // The ellipsis replaces some axes' items.
                    let at = ell_at.min(out.len());
                    let drop = ell_len.min(out.len() - at);
                    out.splice(at..at + drop, [RefItem::Ellipsis]);
                }
                for at in new_axes {
                    let at = at.min(out.len());
                    out.insert(at, RefItem::NewAxis);
                }
                out
            },
        )
}

/// An advanced item for the axes starting at `shape[0]`: an integer array
/// (1-d or 2-d, values mostly in range), a mask over one or two axes
/// (usually of the right shape), or a plain int or slice.
fn fancy_item(shape: Vec<usize>) -> BoxedStrategy<RefItem> {
    let len = shape[0];
    let n = len as i64;
    let value = prop_oneof![
        19 => -n.max(1)..n.max(1),
        1 => prop_oneof![Just(n), Just(-n - 1)],
    ];
    let int_array = prop_oneof![
        (0usize..=4)
            .prop_flat_map(move |k| (Just(vec![k]), prop::collection::vec(value.clone(), k))),
        (1usize..=2, 1usize..=3).prop_flat_map(move |(r, c)| {
            let value = prop_oneof![
                19 => -n.max(1)..n.max(1),
                1 => prop_oneof![Just(n), Just(-n - 1)],
            ];
            (Just(vec![r, c]), prop::collection::vec(value, r * c))
        }),
    ]
    .prop_map(|(s, v)| RefItem::IntArray(s, v));
    let mask_shape = if shape.len() >= 2 {
        prop_oneof![Just(vec![shape[0]]), Just(vec![shape[0], shape[1]])].boxed()
    } else {
        Just(vec![shape[0]]).boxed()
    };
    let mask_shape = prop_oneof![
        19 => mask_shape,
        1 => Just(vec![shape[0] + 1]),
    ];
    let mask = mask_shape.prop_flat_map(|s| {
        let size: usize = s.iter().product();
        (Just(s), prop::collection::vec(any::<bool>(), size))
    });
    prop_oneof![
        4 => int_array,
        3 => mask.prop_map(|(s, v)| RefItem::BoolArray(s, v)),
        2 => int_item(len),
        2 => slice_item(len),
    ]
    .boxed()
}

/// Items for an advanced index on `shape`: at least one index array, with
/// ints, slices and new axes around it.
fn fancy_items(shape: Vec<usize>) -> impl Strategy<Value = Vec<RefItem>> {
    let ndim = shape.len();
    let strategies: Vec<BoxedStrategy<RefItem>> =
        (0..ndim).map(|k| fancy_item(shape[k..].to_vec())).collect();
    (strategies, 1..=ndim.max(1), prop::option::of(0..=ndim)).prop_map(
        move |(candidates, keep, new_axis)| {
            // Items left to right, each consuming the axes it covers.
            let mut out = Vec::new();
            let mut axis = 0;
            for item in candidates {
                if out.len() >= keep || axis >= ndim {
                    break;
                }
                if out.len() < keep && axis < ndim {
                    let item = match &item {
                        RefItem::BoolArray(s, _) if axis + s.len() > ndim => {
                            RefItem::Slice(None, None, 1)
                        }
                        _ => item,
                    };
                    // Items were drawn for the axis of their position; a
                    // mask over two axes shifts the rest by one.
                    axis += item.consumed();
                    out.push(item);
                }
            }
            if !out
                .iter()
                .any(|i| matches!(i, RefItem::IntArray(..) | RefItem::BoolArray(..)))
            {
                out.insert(0, RefItem::IntArray(vec![0], vec![]));
            }
            if let Some(at) = new_axis {
                let at = at.min(out.len());
                out.insert(at, RefItem::NewAxis);
            }
            out
        },
    )
}

// ---------------------------------------------------------------------------
// Checks.

/// Compares `index::get` with the reference; `expect_view` says basic
/// indexing, whose results must share the source's buffer.
fn check_index(src: &Source, items: &[RefItem], expect_view: bool) -> Result<(), TestCaseError> {
    let a = src.build();
    let index_items: Vec<IndexItem> = items.iter().map(RefItem::to_item).collect();
    let expected = reference(src, items);
    let got = index::get(&a, &index_items);
    match (expected, got) {
        (Expected::Error(kind), Err(e)) => prop_assert_eq!(kind, e.kind),
        (Expected::Error(kind), Ok(r)) => {
            return Err(TestCaseError::fail(format!("expected {kind:?}, got {r:?}")))
        }
        (expected, Err(e)) => {
            return Err(TestCaseError::fail(format!(
                "expected {expected:?}, got error {e:?}"
            )))
        }
        (Expected::Scalar(v), Ok(Indexed::Scalar(d, s))) => {
            prop_assert_eq!(d, DType::Int64);
            prop_assert_eq!(s, Scalar::Int(v));
        }
        (Expected::Array(shape, values), Ok(Indexed::View(v))) => {
            prop_assert!(expect_view, "advanced indexing returned a view");
            prop_assert_eq!(v.shape(), shape);
            prop_assert_eq!(int_values(&v), values);
            // A view: the same buffer, no data of its own, based on the owner.
            prop_assert!(Rc::ptr_eq(&v.buffer(), &a.buffer()));
            prop_assert!(!v.data().owndata);
            let owner = a.base().expect("the source is a view of its owner");
            prop_assert!(v.base().is_some_and(|b| b.same_object(&owner)));
        }
        (Expected::Array(shape, values), Ok(Indexed::Copy(c))) => {
            prop_assert!(!expect_view, "basic indexing returned a copy");
            prop_assert_eq!(c.shape(), shape);
            prop_assert_eq!(int_values(&c), values);
            prop_assert!(!Rc::ptr_eq(&c.buffer(), &a.buffer()));
        }
        (expected, Ok(other)) => {
            return Err(TestCaseError::fail(format!(
                "expected {expected:?}, got {other:?}"
            )))
        }
    }
    Ok(())
}

fn basic_case() -> impl Strategy<Value = (Source, Vec<RefItem>)> {
    source(4, 5).prop_flat_map(|src| {
        let shape = src.shape();
        (Just(src), basic_items(shape))
    })
}

fn fancy_case() -> impl Strategy<Value = (Source, Vec<RefItem>)> {
    prop::collection::vec(1usize..=4, 1..=4)
        .prop_flat_map(|owner_shape| {
            let n = owner_shape.len();
            (
                Just(owner_shape),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
            )
        })
        .prop_flat_map(|(owner_shape, perm)| {
            let src = Source { owner_shape, perm };
            let shape = src.shape();
            (Just(src), fancy_items(shape))
        })
}

const DTYPES: [DType; 13] = DType::ALL;

/// Values of every kind for `copy_as` and arithmetic sources.
fn scalar_for(dtype: DType, seed: i64) -> Scalar {
    match dtype {
        DType::Bool => Scalar::Bool(seed % 3 == 0),
        DType::Float32 | DType::Float64 => Scalar::Float(seed as f64 * 0.75 - 3.0),
        DType::Complex64 | DType::Complex128 => {
            Scalar::Complex(seed as f64 * 0.5, 1.0 - seed as f64 * 0.25)
        }
        d if d.kind() == npview::array::dtype::Kind::UInt => Scalar::UInt((seed * 37) as u64),
        _ => Scalar::Int(seed * 37 - 200),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn basic_indexing_matches_reference((src, items) in basic_case()) {
        check_index(&src, &items, true)?;
    }

    #[test]
    fn advanced_indexing_matches_reference((src, items) in fancy_case()) {
        check_index(&src, &items, false)?;
    }

    #[test]
    fn slices_of_slices_stay_views_of_the_owner(
        (src, first) in basic_case(),
        second_seed in any::<u64>(),
    ) {
        // Index the result of basic indexing again: still the owner's buffer.
        let a = src.build();
        let items: Vec<IndexItem> = first.iter().map(RefItem::to_item).collect();
        let Ok(Indexed::View(v)) = index::get(&a, &items) else { return Ok(()) };
        let shape = v.shape();
        let again: Vec<IndexItem> = shape
            .iter()
            .enumerate()
            .map(|(k, _)| {
                let step = if (second_seed >> k) & 1 == 1 { -1 } else { 2 };
                IndexItem::Slice { start: None, stop: None, step: Some(step) }
            })
            .collect();
        if let Ok(Indexed::View(w)) = index::get(&v, &again) {
            prop_assert!(Rc::ptr_eq(&w.buffer(), &a.buffer()));
            let owner = a.base().expect("the source is a view");
            prop_assert!(w.base().is_some_and(|b| b.same_object(&owner)));
            // Values: walk the view's view by enumeration.
            let expect: Vec<i64> = multi_indices(&w.shape())
                .into_iter()
                .map(|ix| {
                    let inner: Vec<usize> = ix
                        .iter()
                        .zip(&shape)
                        .enumerate()
                        .map(|(k, (&i, &n))| {
                            if (second_seed >> k) & 1 == 1 { n - 1 - i } else { 2 * i }
                        })
                        .collect();
                    match v.get(&inner) {
                        Scalar::Int(x) => x,
                        _ => -1,
                    }
                })
                .collect();
            prop_assert_eq!(int_values(&w), expect);
        }
    }

    #[test]
    fn copy_as_matches_enumeration(
        (src, items) in basic_case(),
        from in 0usize..13,
        to in 0usize..13,
        fortran in any::<bool>(),
    ) {
        // A strided, maybe reversed view of any dtype, copied to any dtype.
        let from = DTYPES[from];
        let to = DTYPES[to];
        let index_items: Vec<IndexItem> = items.iter().map(RefItem::to_item).collect();
        let positions = src.build();
        let Ok(Indexed::View(where_from)) = index::get(&positions, &index_items) else {
            return Ok(());
        };
        let typed = src.build_as(from, |i| scalar_for(from, i));
        let Ok(Indexed::View(view)) = index::get(&typed, &index_items) else {
            return Err(TestCaseError::fail("the same index gave no view"));
        };
        let shape = view.shape();
        let order = if fortran { Order::F } else { Order::C };
        let copy = view.copy_as(to, order).unwrap();
        prop_assert_eq!(copy.shape(), shape.clone());
        prop_assert_eq!(copy.dtype(), to);
        prop_assert!(!Rc::ptr_eq(&copy.buffer(), &view.buffer()));
        prop_assert!(copy.data().owndata);
        if fortran {
            prop_assert!(copy.is_f_contiguous());
        } else {
            prop_assert!(copy.is_c_contiguous());
        }
        for (ix, position) in multi_indices(&shape).into_iter().zip(int_values(&where_from)) {
            let expect = element::cast(element::cast(scalar_for(from, position), from), to);
            let got = copy.get(&ix);
            let same = match (got, expect) {
                (Scalar::Float(a), Scalar::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
                (g, e) => g == e,
            };
            prop_assert!(same, "at {:?}: {:?} != {:?}", ix, got, expect);
        }
    }

    #[test]
    fn broadcasting_arithmetic_matches_naive_loop(
        common in prop::collection::vec(0usize..=4, 0..=4),
        drop_a in 0usize..=4,
        drop_b in 0usize..=4,
        ones_a in any::<u8>(),
        ones_b in any::<u8>(),
        op in 0usize..7,
        float_a in any::<bool>(),
        float_b in any::<bool>(),
        reversed in any::<bool>(),
    ) {
        // Two shapes that broadcast to `common`: leading axes dropped,
        // some axes replaced by 1.
        let shape_of = |drop: usize, ones: u8| -> Vec<usize> {
            let drop = drop.min(common.len());
            common[drop..]
                .iter()
                .enumerate()
                .map(|(k, &n)| if (ones >> k) & 1 == 1 { 1 } else { n })
                .collect()
        };
        let (sa, sb) = (shape_of(drop_a, ones_a), shape_of(drop_b, ones_b));
        let make = |shape: &[usize], float: bool, salt: i64| -> Array {
            let size: usize = shape.iter().product();
            let values: Vec<Scalar> = (0..size as i64)
                .map(|i| {
                    let v = (i * 7 + salt) % 11 - 5;
                    if float { Scalar::Float(v as f64 / 4.0) } else { Scalar::Int(v) }
                })
                .collect();
            let dtype = if float { DType::Float64 } else { DType::Int64 };
            let a = Array::from_scalars(dtype, shape, &values).unwrap();
            if !reversed || shape.is_empty() {
                return a;
            }
            // Read the same values through a reversed, strided layout:
            // store them in reverse in a buffer twice as long.
            let mut big_shape = shape.to_vec();
            let last = big_shape.len() - 1;
            big_shape[last] *= 2;
            let big = Array::zeros(dtype, &big_shape, Order::C).unwrap();
            let (strides, offset) = {
                let d = big.data();
                let mut strides = d.strides.clone();
                let step = strides[last];
                strides[last] = -2 * step;
                let offset = if shape[last] == 0 {
                    0
                } else {
                    (2 * (shape[last] - 1)) as isize * step
                };
                (strides, offset as usize)
            };
            let view = big.view_with(dtype, shape.into(), strides, offset);
            npview::array::ndarray::copy_elements(&a, &view);
            view
        };
        let a = make(&sa, float_a, 1);
        let b = make(&sb, float_b, 4);
        let ops = [
            BinaryOp::Add,
            BinaryOp::Subtract,
            BinaryOp::Multiply,
            BinaryOp::Maximum,
            BinaryOp::Minimum,
            BinaryOp::Less,
            BinaryOp::Equal,
        ];
        let op = ops[op];
        let result = ops::binary(op, &Operand::Array(a.clone()), &Operand::Array(b.clone()), None)
            .unwrap();
        let expect_shape = broadcast(&[sa.clone(), sb.clone()]).unwrap();
        prop_assert_eq!(result.shape(), expect_shape.clone());
        let float = float_a || float_b;
        let comparison = matches!(op, BinaryOp::Less | BinaryOp::Equal);
        let expect_dtype = if comparison {
            DType::Bool
        } else if float {
            DType::Float64
        } else {
            DType::Int64
        };
        prop_assert_eq!(result.dtype(), expect_dtype);
        let (va, vb) = (a.to_scalars(), b.to_scalars());
        for ix in multi_indices(&expect_shape) {
            let x = va[broadcast_flat(&sa, &ix)].to_f64();
            let y = vb[broadcast_flat(&sb, &ix)].to_f64();
            // Small integers: every result is exact in f64.
            let expect = match op {
                BinaryOp::Add => Scalar::Float(x + y),
                BinaryOp::Subtract => Scalar::Float(x - y),
                BinaryOp::Multiply => Scalar::Float(x * y),
                BinaryOp::Maximum => Scalar::Float(x.max(y)),
                BinaryOp::Minimum => Scalar::Float(x.min(y)),
                BinaryOp::Less => Scalar::Bool(x < y),
                _ => Scalar::Bool(x == y),
            };
            let got = result.get(&ix);
            let got = match got {
                Scalar::Int(i) => Scalar::Float(i as f64),
                other => other,
            };
            prop_assert_eq!(got, expect, "at {:?}", ix);
        }
    }

    #[test]
    fn incompatible_shapes_are_a_value_error(
        n in 2usize..=4,
        m in 2usize..=4,
        extra in prop::collection::vec(1usize..=3, 0..=2),
    ) {
        prop_assume!(n != m);
        let mut sa = extra.clone();
        sa.push(n);
        let mut sb = extra;
        sb.push(m);
        let a = Array::zeros(DType::Int64, &sa, Order::C).unwrap();
        let b = Array::zeros(DType::Int64, &sb, Order::C).unwrap();
        let err = ops::binary(BinaryOp::Add, &Operand::Array(a), &Operand::Array(b), None)
            .unwrap_err();
        prop_assert_eq!(err.kind, ExcKind::ValueError);
        prop_assert!(err.message.starts_with("operands could not be broadcast together"));
    }
}

#[test]
fn reference_slices_follow_python() {
    // Python: list(range(10))[8:2:-2] == [8, 6, 4]; [::-1] of 3 == [2, 1, 0].
    assert_eq!(slice_positions(Some(8), Some(2), -2, 10), vec![8, 6, 4]);
    assert_eq!(slice_positions(None, None, -1, 3), vec![2, 1, 0]);
    assert_eq!(slice_positions(Some(-100), Some(100), 3, 7), vec![0, 3, 6]);
    assert_eq!(slice_positions(Some(100), None, -2, 5), vec![4, 2, 0]);
    assert_eq!(
        slice_positions(Some(5), Some(2), 1, 10),
        Vec::<usize>::new()
    );
    assert_eq!(slice_positions(Some(-1), Some(-100), -3, 7), vec![6, 3, 0]);
}

#[test]
fn reference_places_separated_advanced_indices_first() {
    // t[[0, 1], :, [0, 1]] on (2, 3, 4, 5) has shape (2, 3, 5).
    let src = Source {
        owner_shape: vec![2, 3, 4, 5],
        perm: vec![0, 1, 2, 3],
    };
    let items = vec![
        RefItem::IntArray(vec![2], vec![0, 1]),
        RefItem::Slice(None, None, 1),
        RefItem::IntArray(vec![2], vec![0, 1]),
    ];
    match reference(&src, &items) {
        Expected::Array(shape, _) => assert_eq!(shape, vec![2, 3, 5]),
        other => panic!("{other:?}"),
    }
    let adjacent = vec![
        RefItem::Slice(None, None, 1),
        RefItem::IntArray(vec![2], vec![0, 1]),
        RefItem::IntArray(vec![2], vec![0, 1]),
    ];
    match reference(&src, &adjacent) {
        Expected::Array(shape, _) => assert_eq!(shape, vec![2, 2, 5]),
        other => panic!("{other:?}"),
    }
}
