//! Indexing: basic indices make views, advanced indices make copies.
//!
//! Callers (the interpreter) translate Python index objects into
//! `IndexItem`s; this module applies NumPy's rules: slice arithmetic, the
//! ellipsis, new axes, bounds checks with NumPy's messages, boolean masks
//! and the placement of the broadcast advanced-index dimensions. The
//! general advanced-index code here is element by element; `fast` takes
//! the common single-mask and single-index-array cases with typed loops.

use smallvec::SmallVec;

use super::dtype::DType;
use super::element;
use super::layout::{broadcast_shapes, broadcast_strides, Dims, Strides};
use super::ndarray::{Array, ArrayData, StridedOffsets};
use super::scalar::Scalar;
use crate::error::{index_error, type_error, value_error, PyErr, PyResult};

mod fast;

#[derive(Clone, Debug)]
pub enum IndexItem {
    Int(i64),
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    NewAxis,
    Ellipsis,
    /// An integer index array (advanced indexing).
    IntArray(Array),
    /// A boolean mask (advanced indexing); 0-d for `a[True]`.
    BoolArray(Array),
}

impl IndexItem {
    fn is_advanced(&self) -> bool {
        matches!(self, IndexItem::IntArray(_) | IndexItem::BoolArray(_))
    }

    /// How many axes of the indexed array this item consumes.
    fn consumed_axes(&self) -> usize {
        match self {
            IndexItem::Int(_) | IndexItem::Slice { .. } | IndexItem::IntArray(_) => 1,
            IndexItem::BoolArray(mask) => mask.ndim(),
            IndexItem::NewAxis | IndexItem::Ellipsis => 0,
        }
    }
}

/// What indexing produced.
#[derive(Clone, Debug)]
pub enum Indexed {
    /// Every axis indexed by an integer: a NumPy scalar (a copy).
    Scalar(DType, Scalar),
    /// Basic indexing: a view sharing the buffer.
    View(Array),
    /// Advanced indexing: a new array.
    Copy(Array),
}

/// `start`, `step` and length of a slice over an axis of `len` elements,
/// as Python's `slice.indices` computes them.
pub fn slice_bounds(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> PyResult<(i64, i64, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let (lower, upper) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let clamp = |v: i64| -> i64 {
        if v < 0 {
            (v.saturating_add(len)).max(lower)
        } else {
            v.min(upper)
        }
    };
    let start = start.map_or(if step < 0 { upper } else { lower }, clamp);
    let stop = stop.map_or(if step < 0 { lower } else { upper }, clamp);
    let count = if step == 1 && stop > start {
        // The common `a[lo:hi]`, without a division's latency.
        stop - start
    } else if step > 0 && stop > start {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        // NumPy normalises an empty slice to start 0, step 1.
        return Ok((0, 1, 0));
    };
    Ok((start, step, count as usize))
}

fn normalize_index(i: i64, size: usize, axis: usize) -> PyResult<usize> {
    let n = size as i64;
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        return Err(index_error(format!(
            "index {i} is out of bounds for axis {axis} with size {size}"
        )));
    }
    Ok(j as usize)
}

/// Replaces the ellipsis by the full slices it stands for and checks the
/// number of indices.
fn expand(items: &[IndexItem], ndim: usize) -> PyResult<Vec<IndexItem>> {
    let fill = full_slices(items, ndim)?;
    let ellipses = items
        .iter()
        .filter(|i| matches!(i, IndexItem::Ellipsis))
        .count();
    let full = IndexItem::Slice {
        start: None,
        stop: None,
        step: None,
    };
    let mut out = Vec::with_capacity(items.len() + ndim);
    for item in items {
        if matches!(item, IndexItem::Ellipsis) {
            out.extend(std::iter::repeat_n(full.clone(), fill));
        } else {
            out.push(item.clone());
        }
    }
    if ellipses == 0 {
        out.extend(std::iter::repeat_n(full, fill));
    }
    Ok(out)
}

/// Applies `a[items]`.
pub fn get(a: &Array, items: &[IndexItem]) -> PyResult<Indexed> {
    if items.iter().any(IndexItem::is_advanced) {
        if let Some(result) = fast::get(a, items)? {
            return Ok(Indexed::Copy(result));
        }
        return get_advanced(a, items).map(Indexed::Copy);
    }
    get_basic(a, items)
}

/// `a[items]` for advanced indices, element by element (the definition;
/// `fast::get` handles the common cases with typed loops).
pub(crate) fn get_advanced(a: &Array, items: &[IndexItem]) -> PyResult<Array> {
    let selection = advanced(a, items)?;
    let dtype = a.dtype();
    let values: Vec<Scalar> = {
        let d = a.data();
        let bytes = d.buffer.bytes();
        selection
            .offsets
            .iter()
            .map(|&off| element::read(dtype, &bytes, off))
            .collect()
    };
    let filled = Array::from_scalars(dtype, &selection.memory_shape(), &values)?;
    let Some((nb, lead)) = selection.moved else {
        return Ok(filled);
    };
    // Move the index dimensions into place: a view of the filled array.
    let mstrides = filled.data().strides.clone();
    let mut strides = Strides::from_slice(&mstrides[nb..nb + lead]);
    strides.extend_from_slice(&mstrides[..nb]);
    strides.extend_from_slice(&mstrides[nb + lead..]);
    Ok(filled.view_with(dtype, selection.shape.into(), strides, 0))
}

/// `a[items]` without index arrays: a view, or a scalar when every axis
/// gets an integer.
fn get_basic(a: &Array, items: &[IndexItem]) -> PyResult<Indexed> {
    let all_ints = items.iter().all(|i| matches!(i, IndexItem::Int(_)));
    if all_ints && items.len() == a.ndim() {
        let (dtype, value) = element_at(a, items, |d, bytes, off| element::read(d, bytes, off))?;
        return Ok(Indexed::Scalar(dtype, value));
    }
    Ok(Indexed::View(basic(a, items)?))
}

/// `a[start:stop:step]`: what `get` gives for that one slice item (a view
/// with the first axis sliced), without the general walk over an item list.
pub fn slice(
    a: &Array,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<Array> {
    if a.ndim() == 0 {
        // The general path raises NumPy's error.
        return basic(a, &[IndexItem::Slice { start, stop, step }]);
    }
    slice_data(a, start, stop, step).map(Array::from_data)
}

/// The layout of `a[start:stop:step]` for an array of at least one
/// dimension (a 0-d array is an IndexError, which `slice` raises).
#[inline]
pub fn slice_data(
    a: &Array,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<ArrayData> {
    let d = a.data();
    let (Some(&len0), Some(&stride0)) = (d.shape.first(), d.strides.first()) else {
        return Err(too_many_indices(0, 1));
    };
    let (first, step, len) = slice_bounds(start, stop, step, len0)?;
    let offset = d.offset as isize + first as isize * stride0;
    // `from_slice` copies; `clone` would push element by element.
    let mut shape = Dims::from_slice(&d.shape);
    let mut strides = Strides::from_slice(&d.strides);
    shape[0] = len;
    strides[0] = step as isize * stride0;
    let dtype = d.dtype;
    drop(d);
    Ok(a.view_data(dtype, shape, strides, offset as usize))
}

/// Applies `a[items] = values` (values already an array of any dtype).
/// Every check happens before the first write.
pub fn set(a: &Array, items: &[IndexItem], values: &Array) -> PyResult<()> {
    if !a.begin_write() {
        return Err(value_error("assignment destination is read-only"));
    }
    if items.iter().any(IndexItem::is_advanced) {
        // The typed paths do not log which elements they write; while the
        // aliasing report listens, the general path (which does) runs.
        if !super::writes::is_on() && fast::set(a, items, values)? {
            return Ok(());
        }
        return set_advanced(a, items, values);
    }
    if items.len() == a.ndim()
        && items.iter().all(|i| matches!(i, IndexItem::Int(_)))
        && values.ndim() == 0
    {
        // One element: write it in place, with no view in between.
        let value = values.get(&[]);
        let (_, written) = element_at(a, items, |dtype, bytes, off| {
            element::write(dtype, bytes, off, value);
            off
        })?;
        super::writes::record_offsets(&a.data(), &[written]);
        return Ok(());
    }
    let view = basic(a, items)?;
    assign(&view, values)
}

/// `a[i, j, ...] = value` for one element named by an integer per axis,
/// with `value` already cast to `a`'s dtype: what `set` does for that
/// index and a 0-d value, without the 0-d array. Returns false, having
/// done nothing, for any other index.
pub fn set_element(a: &Array, items: &[IndexItem], value: Scalar) -> PyResult<bool> {
    let indices: Option<SmallVec<[i64; 4]>> = items
        .iter()
        .map(|i| match i {
            IndexItem::Int(i) => Some(*i),
            _ => None,
        })
        .collect();
    match indices {
        Some(indices) => set_element_at(a, &indices, value),
        None => Ok(false),
    }
}

/// `a[i, j, ...] = value` with one integer per axis (checked, negative
/// indices counting from the end), `value` cast as it is written. Returns
/// false, having done nothing, when the count of indices is not `a.ndim()`.
pub fn set_element_at(a: &Array, indices: &[i64], value: Scalar) -> PyResult<bool> {
    if indices.len() != a.ndim() {
        return Ok(false);
    }
    // The flags are read here, and `begin_write` runs only when there is
    // a warning flag to drop: this is the store of every `b[i] = x` in a
    // loop.
    let mut d = a.data();
    if !d.writeable || d.warn_on_write {
        drop(d);
        if !a.begin_write() {
            return Err(value_error("assignment destination is read-only"));
        }
        d = a.data();
    }
    let mut offset = d.offset as isize;
    for (axis, ((&i, &size), &stride)) in indices.iter().zip(&d.shape).zip(&d.strides).enumerate() {
        offset += normalize_index(i, size, axis)? as isize * stride;
    }
    let offset = offset as usize;
    super::writes::record_element(&d, offset);
    element::write(d.dtype, &mut d.buffer.bytes_mut(), offset, value);
    Ok(true)
}

/// `a[items] = values` for advanced indices, element by element (the
/// definition; `fast::set` handles the common cases with typed loops).
pub(crate) fn set_advanced(a: &Array, items: &[IndexItem], values: &Array) -> PyResult<()> {
    let selection = advanced(a, items)?;
    let single_mask = matches!(items, [IndexItem::BoolArray(m)] if m.ndim() > 0);
    let source = broadcast_values(values, &selection.shape, single_mask, |vshape| {
        format!(
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                super::layout::shape_string(vshape),
                super::layout::shape_string(&selection.shape)
            )
    })?;
    let source = selection.in_memory_order(source);
    let d = a.data();
    super::writes::record_offsets(&d, &selection.offsets);
    let mut bytes = d.buffer.bytes_mut();
    for (&off, v) in selection.offsets.iter().zip(source) {
        element::write(d.dtype, &mut bytes, off, v);
    }
    Ok(())
}

/// Runs `f(dtype, bytes, offset)` on the element `items` (one integer per
/// axis) selects, after NumPy's bounds checks.
fn element_at<R>(
    a: &Array,
    items: &[IndexItem],
    f: impl FnOnce(DType, &mut [u8], usize) -> R,
) -> PyResult<(DType, R)> {
    let d = a.data();
    let mut offset = d.offset as isize;
    for (axis, item) in items.iter().enumerate() {
        if let IndexItem::Int(i) = item {
            let j = normalize_index(*i, d.shape[axis], axis)?;
            offset += j as isize * d.strides[axis];
        }
    }
    let mut bytes = d.buffer.bytes_mut();
    let r = f(d.dtype, &mut bytes, offset as usize);
    Ok((d.dtype, r))
}

/// Writes `values` (broadcast) into every element of `dst`.
pub fn assign(dst: &Array, values: &Array) -> PyResult<()> {
    if !dst.begin_write() {
        return Err(value_error("assignment destination is read-only"));
    }
    let shape = dst.shape();
    let source = broadcast_values(values, &shape, false, |vshape| {
        format!(
            "could not broadcast input array from shape {} into shape {}",
            super::layout::shape_string(vshape),
            super::layout::shape_string(&shape)
        )
    })?;
    let d = dst.data();
    super::writes::record(&d);
    let mut bytes = d.buffer.bytes_mut();
    for (off, v) in StridedOffsets::new(&d.shape, &d.strides, d.offset).zip(source) {
        element::write(d.dtype, &mut bytes, off, v);
    }
    Ok(())
}

/// The values of `values` broadcast to `shape`, read in full before any
/// write so that overlapping source and destination behave as copies.
fn broadcast_values(
    values: &Array,
    shape: &[usize],
    single_mask: bool,
    message: impl Fn(&[usize]) -> String,
) -> PyResult<Vec<Scalar>> {
    let d = values.data();
    if single_mask && d.shape.len() > 1 {
        return Err(type_error(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            d.shape.len()
        )));
    }
    let Some(strides) = broadcast_strides(&d.shape, &d.strides, shape) else {
        if single_mask && d.shape.len() == 1 {
            let wanted: usize = shape.iter().product();
            return Err(value_error(format!(
                "NumPy boolean array indexing assignment cannot assign {} input values to the {} output values where the mask is true",
                d.shape[0], wanted
            )));
        }
        return Err(value_error(message(&d.shape)));
    };
    let bytes = d.buffer.bytes();
    Ok(StridedOffsets::new(shape, &strides, d.offset)
        .map(|off| element::read(d.dtype, &bytes, off))
        .collect())
}

/// Basic indexing (no index arrays): the resulting view.
fn basic(a: &Array, items: &[IndexItem]) -> PyResult<Array> {
    let d = a.data();
    let ndim = d.shape.len();
    // The checks `expand` makes, without building the expanded list: the
    // ellipsis (or the end) stands for `fill` full slices.
    let fill = full_slices(items, ndim)?;
    // Inline up to four axes; `ndim + items.len()` would be an upper bound
    // but would spill results of three or four axes to the heap.
    let mut shape = Dims::new();
    let mut strides = Strides::new();
    let mut offset = d.offset as isize;
    let mut axis = 0;
    let whole = |axis: &mut usize, shape: &mut Dims, strides: &mut Strides| {
        shape.push(d.shape[*axis]);
        strides.push(d.strides[*axis]);
        *axis += 1;
    };
    let mut filled = false;
    for item in items {
        match item {
            IndexItem::Int(i) => {
                let j = normalize_index(*i, d.shape[axis], axis)?;
                offset += j as isize * d.strides[axis];
                axis += 1;
            }
            IndexItem::Slice { start, stop, step } => {
                let (first, step, len) = slice_bounds(*start, *stop, *step, d.shape[axis])?;
                offset += first as isize * d.strides[axis];
                shape.push(len);
                strides.push(step as isize * d.strides[axis]);
                axis += 1;
            }
            IndexItem::NewAxis => {
                shape.push(1);
                strides.push(0);
            }
            IndexItem::Ellipsis => {
                for _ in 0..fill {
                    whole(&mut axis, &mut shape, &mut strides);
                }
                filled = true;
            }
            IndexItem::IntArray(_) | IndexItem::BoolArray(_) => {}
        }
    }
    if !filled {
        for _ in 0..fill {
            whole(&mut axis, &mut shape, &mut strides);
        }
    }
    let dtype = d.dtype;
    drop(d);
    Ok(a.view_with(dtype, shape, strides, offset as usize))
}

/// How many full slices the ellipsis (or the end of the index) stands for,
/// after NumPy's checks on the number of indices.
fn full_slices(items: &[IndexItem], ndim: usize) -> PyResult<usize> {
    // One pass over the items: this runs for every subscript.
    let mut ellipses = 0;
    let mut consumed = 0;
    for item in items {
        ellipses += usize::from(matches!(item, IndexItem::Ellipsis));
        consumed += item.consumed_axes();
    }
    if ellipses > 1 {
        return Err(index_error(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if consumed > ndim {
        return Err(too_many_indices(ndim, consumed));
    }
    Ok(ndim - consumed)
}

/// The elements an advanced index selects: the result shape and the byte
/// offset of each result element, in C order.
struct Selection {
    shape: Vec<usize>,
    offsets: Vec<usize>,
    /// When the broadcast index dimensions sit after `.1` leading axes of the
    /// result, `offsets` list them outermost: `(index ndim, leading axes)`.
    moved: Option<(usize, usize)>,
}

impl Selection {
    /// Reorders values given in result C order to the order of `offsets`.
    fn in_memory_order(&self, values: Vec<Scalar>) -> Vec<Scalar> {
        let Some((nb, lead)) = self.moved else {
            return values;
        };
        let c = super::layout::c_strides(&self.shape, 1).unwrap_or_default();
        let mut strides: Vec<isize> = c[lead..lead + nb].to_vec();
        strides.extend_from_slice(&c[..lead]);
        strides.extend_from_slice(&c[lead + nb..]);
        StridedOffsets::new(&self.memory_shape(), &strides, 0)
            .map(|i| values[i])
            .collect()
    }

    /// The result shape in the order `offsets` enumerates it.
    fn memory_shape(&self) -> Vec<usize> {
        match self.moved {
            None => self.shape.clone(),
            Some((nb, lead)) => {
                let mut m: Vec<usize> = self.shape[lead..lead + nb].to_vec();
                m.extend_from_slice(&self.shape[..lead]);
                m.extend_from_slice(&self.shape[lead + nb..]);
                m
            }
        }
    }
}

/// One advanced index after masks became integer arrays: the view axis it
/// indexes, the original axis (for messages) and its integer values.
struct AdvancedIndex {
    view_axis: usize,
    original_axis: usize,
    shape: Vec<usize>,
    values: Vec<i64>,
}

fn advanced(a: &Array, items: &[IndexItem]) -> PyResult<Selection> {
    let items = expand(items, a.ndim())?;
    let d = a.data();
    let mut view_shape = Vec::new();
    let mut view_strides = Vec::new();
    let mut offset = d.offset as isize;
    let mut indices: Vec<AdvancedIndex> = Vec::new();
    let mut item_positions = Vec::new();
    let mut axis = 0;
    for (position, item) in items.iter().enumerate() {
        match item {
            IndexItem::Slice { start, stop, step } => {
                let (first, step, len) = slice_bounds(*start, *stop, *step, d.shape[axis])?;
                offset += first as isize * d.strides[axis];
                view_shape.push(len);
                view_strides.push(step as isize * d.strides[axis]);
                axis += 1;
            }
            IndexItem::NewAxis => {
                view_shape.push(1);
                view_strides.push(0);
            }
            IndexItem::Ellipsis => {}
            IndexItem::Int(i) => {
                item_positions.push(position);
                indices.push(AdvancedIndex {
                    view_axis: view_shape.len(),
                    original_axis: axis,
                    shape: vec![],
                    values: vec![*i],
                });
                view_shape.push(d.shape[axis]);
                view_strides.push(d.strides[axis]);
                axis += 1;
            }
            IndexItem::IntArray(arr) => {
                item_positions.push(position);
                let values = arr
                    .to_scalars()
                    .into_iter()
                    .map(|s| match s {
                        Scalar::Int(i) => i,
                        Scalar::UInt(u) => u as i64,
                        Scalar::Bool(b) => b as i64,
                        other => other.to_f64() as i64,
                    })
                    .collect();
                indices.push(AdvancedIndex {
                    view_axis: view_shape.len(),
                    original_axis: axis,
                    shape: arr.shape(),
                    values,
                });
                view_shape.push(d.shape[axis]);
                view_strides.push(d.strides[axis]);
                axis += 1;
            }
            IndexItem::BoolArray(mask) => {
                item_positions.push(position);
                let mask_shape = mask.shape();
                if mask_shape.is_empty() {
                    // `a[True]` adds a length-1 axis selected by [0]; `a[False]` selects nothing.
                    let selected = mask.get(&[]).is_truthy();
                    indices.push(AdvancedIndex {
                        view_axis: view_shape.len(),
                        original_axis: axis,
                        shape: vec![selected as usize],
                        values: if selected { vec![0] } else { vec![] },
                    });
                    view_shape.push(1);
                    view_strides.push(0);
                    continue;
                }
                for (k, &n) in mask_shape.iter().enumerate() {
                    if d.shape[axis + k] != n {
                        return Err(index_error(format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {}",
                            axis + k,
                            d.shape[axis + k],
                            n
                        )));
                    }
                }
                let flags = mask.to_scalars();
                let hits: Vec<usize> = flags
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_truthy())
                    .map(|(i, _)| i)
                    .collect();
                // One integer index array per mask axis (`nonzero`).
                for k in 0..mask_shape.len() {
                    let inner: usize = mask_shape[k + 1..].iter().product();
                    let values = hits
                        .iter()
                        .map(|&flat| ((flat / inner) % mask_shape[k]) as i64)
                        .collect();
                    indices.push(AdvancedIndex {
                        view_axis: view_shape.len(),
                        original_axis: axis,
                        shape: vec![hits.len()],
                        values,
                    });
                    view_shape.push(d.shape[axis]);
                    view_strides.push(d.strides[axis]);
                    axis += 1;
                }
            }
        }
    }

    let index_shapes: Vec<&[usize]> = indices.iter().map(|ix| ix.shape.as_slice()).collect();
    let b_shape = broadcast_shapes(&index_shapes).map_err(|_| {
        let mut msg = String::from(
            "shape mismatch: indexing arrays could not be broadcast together with shapes ",
        );
        for s in &index_shapes {
            msg.push_str(&super::layout::shape_string(s));
            msg.push(' ');
        }
        index_error(msg)
    })?;
    for ix in &indices {
        let size = view_shape[ix.view_axis];
        for &v in &ix.values {
            normalize_index(v, size, ix.original_axis)?;
        }
    }

    // Adjacent advanced indices keep their place; separated ones go first.
    let adjacent = item_positions.windows(2).all(|w| w[1] == w[0] + 1);
    let is_adv_axis = |ax: usize| indices.iter().any(|ix| ix.view_axis == ax);
    let first_adv = indices.iter().map(|ix| ix.view_axis).min().unwrap_or(0);
    let rest_axes: Vec<usize> = (0..view_shape.len())
        .filter(|&ax| !is_adv_axis(ax))
        .collect();
    let insert_at = if adjacent {
        rest_axes.iter().filter(|&&ax| ax < first_adv).count()
    } else {
        0
    };
    let mut shape: Vec<usize> = rest_axes.iter().map(|&ax| view_shape[ax]).collect();
    let rest_strides: Vec<isize> = rest_axes.iter().map(|&ax| view_strides[ax]).collect();
    shape.splice(insert_at..insert_at, b_shape.iter().copied());
    // The result must be allocatable before anything is built for it.
    check_allocatable(&shape, d.dtype)?;

    // Offset contributed by the advanced indices, per broadcast position.
    let b_size: usize = b_shape.iter().product();
    let mut adv_offsets = vec![0isize; b_size];
    for ix in &indices {
        let elem_strides = super::layout::c_strides(&ix.shape, 1).unwrap_or_default();
        let Some(bstrides) = broadcast_strides(&ix.shape, &elem_strides, &b_shape) else {
            return Err(PyErr::new(
                crate::error::ExcKind::IndexError,
                "shape mismatch",
            ));
        };
        let size = view_shape[ix.view_axis] as i64;
        for (slot, pos) in adv_offsets
            .iter_mut()
            .zip(StridedOffsets::new(&b_shape, &bstrides, 0))
        {
            let v = ix.values[pos];
            let j = if v < 0 { v + size } else { v };
            *slot += j as isize * view_strides[ix.view_axis];
        }
    }

    let before = &rest_axes[..insert_at];
    let after = &rest_axes[insert_at..];
    let outer: Vec<usize> = before.iter().map(|&ax| view_shape[ax]).collect();
    let outer_strides = &rest_strides[..insert_at];
    let inner: Vec<usize> = after.iter().map(|&ax| view_shape[ax]).collect();
    let inner_strides = &rest_strides[insert_at..];
    let total: usize = shape.iter().product();
    let mut offsets = Vec::with_capacity(total);
    let mut push_row = |o: usize, adv: isize| {
        for i in StridedOffsets::new(&inner, inner_strides, 0) {
            offsets.push((offset + o as isize + adv + i as isize) as usize);
        }
    };
    // NumPy fills the broadcast index dimensions outermost and, when they
    // belong in the middle, hands back a transposed view of that result.
    let memory_order = insert_at > 0;
    if memory_order {
        for &adv in &adv_offsets {
            for o in StridedOffsets::new(&outer, outer_strides, 0) {
                push_row(o, adv);
            }
        }
    } else {
        for o in StridedOffsets::new(&outer, outer_strides, 0) {
            for &adv in &adv_offsets {
                push_row(o, adv);
            }
        }
    }
    let moved = memory_order.then_some((b_shape.len(), insert_at));
    Ok(Selection {
        shape,
        offsets,
        moved,
    })
}

/// NumPy's MemoryError when an indexing result of `shape` could not be
/// allocated (checked before any bookkeeping of that size is built).
fn check_allocatable(shape: &[usize], dtype: DType) -> PyResult<()> {
    let nbytes = shape
        .iter()
        .try_fold(dtype.itemsize(), |acc, &n| acc.checked_mul(n))
        // Per element npview also keeps a byte offset while gathering.
        .and_then(|n| n.checked_mul(2))
        .filter(|&n| n <= isize::MAX as usize);
    let mut probe: Vec<u8> = Vec::new();
    match nbytes {
        Some(n) if probe.try_reserve_exact(n).is_ok() => Ok(()),
        _ => {
            let wanted = shape.iter().fold(dtype.itemsize() as u128, |acc, &n| {
                acc.saturating_mul(n as u128)
            });
            Err(PyErr::new(
                crate::error::ExcKind::MemoryError,
                super::buffer::alloc_error_message(wanted, shape, dtype),
            ))
        }
    }
}

fn too_many_indices(ndim: usize, consumed: usize) -> PyErr {
    index_error(format!(
        "too many indices for array: array is {ndim}-dimensional, but {consumed} were indexed"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `slice` is `get` with one slice item, errors included, for arrays of
    /// zero to five axes (shapes past four spill out of line).
    #[test]
    fn slice_matches_the_general_path() {
        let bounds = [None, Some(-7), Some(-1), Some(0), Some(1), Some(2), Some(9)];
        let steps = [None, Some(-2), Some(-1), Some(0), Some(1), Some(3)];
        for shape in [&[][..], &[5], &[4, 3], &[3, 2, 2, 2], &[3, 1, 2, 1, 2]] {
            let a = Array::zeros(DType::Float64, shape, super::super::layout::Order::C).unwrap();
            for start in bounds {
                for stop in bounds {
                    for step in steps {
                        let item = IndexItem::Slice { start, stop, step };
                        let general = get(&a, &[item]);
                        let fast = slice(&a, start, stop, step);
                        match (general, fast) {
                            (Ok(Indexed::View(g)), Ok(f)) => {
                                let (g, f) = (g.data(), f.data());
                                assert_eq!(g.shape, f.shape);
                                assert_eq!(g.strides, f.strides);
                                assert_eq!(g.offset, f.offset);
                            }
                            (Err(g), Err(f)) => assert_eq!(format!("{g:?}"), format!("{f:?}")),
                            (g, f) => {
                                panic!("{shape:?} {start:?}:{stop:?}:{step:?}: {g:?} vs {f:?}")
                            }
                        }
                    }
                }
            }
        }
    }
}
