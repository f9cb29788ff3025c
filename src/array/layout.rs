//! Shape and stride arithmetic, as pure functions.
//!
//! A layout is `shape` (elements per axis), `strides` (bytes per step along each
//! axis; negative and zero are allowed) and `itemsize` (bytes per element);
//! offsets are bytes from the start of the buffer. This module owns:
//! contiguous strides, the C/F contiguity flags, reshape-as-view decisions,
//! resolving `-1` in a requested shape, byte extents, checked sizes,
//! broadcasting and axis coalescing, each computed exactly as NumPy does.
//!
//! It owns no buffers, dtypes or values, and does not decide whether two views
//! overlap (that is `overlap`). Every function is total: arithmetic overflow
//! gives `None` or an error, never a panic. Shapes and strides of different
//! lengths are treated as invalid input the same way.

use std::fmt;

/// An array's shape: inline up to four axes, so making a view of a typical
/// array allocates only the array object.
pub type Dims = smallvec::SmallVec<[usize; 4]>;

/// An array's byte strides, one per axis; inline like `Dims`.
pub type Strides = smallvec::SmallVec<[isize; 4]>;

/// The order in which a multi-index is flattened: last axis fastest (C) or
/// first axis fastest (F, Fortran).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    C,
    F,
}

impl Order {
    /// NumPy's `order='A'`: F when the layout is F-contiguous but not
    /// C-contiguous, C otherwise.
    pub fn any(shape: &[usize], strides: &[isize], itemsize: usize) -> Order {
        let f = is_f_contiguous(shape, strides, itemsize);
        if f && !is_c_contiguous(shape, strides, itemsize) {
            Order::F
        } else {
            Order::C
        }
    }
}

/// NumPy's limit on element counts and byte counts (`npy_intp` maximum).
pub const MAX_SIZE: usize = isize::MAX as usize;

/// Errors in resolving or creating a shape, with NumPy's messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// `cannot reshape array of size 12 into shape (5,3)`: `requested` is the
    /// shape as the user wrote it, unknown (negative) entries included.
    ReshapeSize { size: usize, requested: Vec<i64> },
    /// `can only specify one unknown dimension`
    MultipleUnknown,
    /// `negative dimensions are not allowed` (array creation).
    NegativeDimension,
    /// `array is too big; ...`: the byte count does not fit in `isize`.
    TooBig,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::ReshapeSize { size, requested } => write!(
                f,
                "cannot reshape array of size {size} into shape {}",
                requested_shape_string(requested)
            ),
            ShapeError::MultipleUnknown => f.write_str("can only specify one unknown dimension"),
            ShapeError::NegativeDimension => f.write_str("negative dimensions are not allowed"),
            ShapeError::TooBig => f.write_str(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            ),
        }
    }
}

impl std::error::Error for ShapeError {}

/// A shape as NumPy's C code prints it in messages: `(2,3)`, `(3,)`, `()`.
pub fn shape_string(shape: &[usize]) -> String {
    tuple_with_separator(shape, ",")
}

/// `()`, `(3,)`, or the sizes joined by `sep` in parentheses.
fn tuple_with_separator(shape: &[usize], sep: &str) -> String {
    match shape {
        [] => "()".to_string(),
        [d] => format!("({d},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", dims.join(sep))
        }
    }
}

/// A requested shape as NumPy prints it in reshape errors: leading unknown
/// (negative) entries are dropped, later ones print as `newaxis`, and the
/// trailing comma appears only for a one-entry request: `(-1,5)` prints `(5)`.
fn requested_shape_string(requested: &[i64]) -> String {
    let Some(first) = requested.iter().position(|&d| d >= 0) else {
        return "()".to_string();
    };
    let mut out = format!("({}", requested[first]);
    for &d in &requested[first + 1..] {
        if d < 0 {
            out.push_str(",newaxis");
        } else {
            out.push_str(&format!(",{d}"));
        }
    }
    out.push_str(if requested.len() == 1 { ",)" } else { ")" });
    out
}

/// A shape as Python prints a tuple: `(2, 3)`, `(3,)`, `()`.
pub fn tuple_repr(shape: &[usize]) -> String {
    tuple_with_separator(shape, ", ")
}

// ---------------------------------------------------------------------------
// Sizes

/// Number of elements, or `None` when NumPy would refuse the shape as too big.
///
/// As in NumPy, zero-length axes count as 1 for the overflow check, so
/// `(0, 2**62, 2**62)` is refused even though it holds no elements.
pub fn checked_size(shape: &[usize]) -> Option<usize> {
    checked_extent_product(1, shape)
}

/// Number of bytes (`size * itemsize`), or `None` when it exceeds
/// `isize::MAX` (NumPy: "array is too big"); zero-length axes count as 1 for
/// the check, as in NumPy.
pub fn checked_nbytes(shape: &[usize], itemsize: usize) -> Option<usize> {
    if itemsize > MAX_SIZE {
        return None;
    }
    checked_extent_product(itemsize, shape)
}

/// `start * product(shape)`, checking the product of the non-zero axes
/// against `MAX_SIZE`; 0 when an axis has length 0.
fn checked_extent_product(start: usize, shape: &[usize]) -> Option<usize> {
    let mut product = start;
    let mut empty = false;
    for &d in shape {
        if d == 0 {
            empty = true;
        } else {
            product = product.checked_mul(d).filter(|&p| p <= MAX_SIZE)?;
        }
    }
    Some(if empty { 0 } else { product })
}

/// `shape` from user-given dimensions for array creation (`np.zeros((2, 3))`),
/// with NumPy's errors for negative entries and for too many bytes.
pub fn creation_shape(dims: &[i64], itemsize: usize) -> Result<Vec<usize>, ShapeError> {
    if dims.iter().any(|&d| d < 0) {
        return Err(ShapeError::NegativeDimension);
    }
    let shape: Vec<usize> = dims
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| ShapeError::TooBig))
        .collect::<Result<_, _>>()?;
    checked_nbytes(&shape, itemsize).ok_or(ShapeError::TooBig)?;
    Ok(shape)
}

// ---------------------------------------------------------------------------
// Contiguous strides

/// Strides of a newly allocated C-order array (`np.zeros`, copies).
///
/// NumPy 2.4 gives every axis stride 0 when the array holds no bytes:
/// `np.zeros((0, 3)).strides == (0, 0)`. Otherwise zero-length axes cannot
/// occur, and length-1 axes get the stride of the next slower axis's step:
/// `np.zeros((2, 1, 3)).strides == (24, 24, 8)`. `None` if too big.
pub fn c_strides(shape: &[usize], itemsize: usize) -> Option<Vec<isize>> {
    allocation_strides(shape, itemsize, Order::C)
}

/// Strides of a newly allocated F-order array; see [`c_strides`].
/// `np.zeros((2, 1, 3), order='F').strides == (8, 16, 16)`.
pub fn f_strides(shape: &[usize], itemsize: usize) -> Option<Vec<isize>> {
    allocation_strides(shape, itemsize, Order::F)
}

/// Strides of a newly allocated array in `order`; see [`c_strides`].
pub fn allocation_strides(shape: &[usize], itemsize: usize, order: Order) -> Option<Vec<isize>> {
    if checked_nbytes(shape, itemsize)? == 0 {
        return Some(vec![0; shape.len()]);
    }
    view_strides(shape, itemsize, order)
}

/// Contiguous strides NumPy gives a *view* whose strides it fills in itself
/// (a reshape of a contiguous array): zero-length axes count as length 1, so
/// `np.zeros((0, 3)).reshape(3, 0).strides == (8, 8)`. `None` on overflow.
pub fn view_strides(shape: &[usize], itemsize: usize, order: Order) -> Option<Vec<isize>> {
    let mut strides = vec![0isize; shape.len()];
    let mut step = isize::try_from(itemsize).ok()?;
    let mut fill = |axis: usize| -> Option<()> {
        strides[axis] = step;
        if shape[axis] != 0 {
            step = step.checked_mul(isize::try_from(shape[axis]).ok()?)?;
        }
        Some(())
    };
    match order {
        Order::C => (0..shape.len()).rev().try_for_each(&mut fill)?,
        Order::F => (0..shape.len()).try_for_each(&mut fill)?,
    }
    Some(strides)
}

// ---------------------------------------------------------------------------
// Contiguity flags

/// NumPy's `C_CONTIGUOUS` flag: walking axes from last to first and skipping
/// length-1 axes, each stride equals the bytes of one step of the axes after
/// it. An array with a zero-length axis is contiguous both ways.
pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    is_contiguous_along(shape, strides, itemsize, Order::C)
}

/// NumPy's `F_CONTIGUOUS` flag: as [`is_c_contiguous`] with axes walked from
/// first to last.
pub fn is_f_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    is_contiguous_along(shape, strides, itemsize, Order::F)
}

fn is_contiguous_along(shape: &[usize], strides: &[isize], itemsize: usize, order: Order) -> bool {
    if shape.len() != strides.len() {
        return false;
    }
    if shape.contains(&0) {
        return true;
    }
    let axes: Vec<usize> = match order {
        Order::C => (0..shape.len()).rev().collect(),
        Order::F => (0..shape.len()).collect(),
    };
    // `None` once the expected step overflows: no stride can match it then.
    let mut expected = isize::try_from(itemsize).ok();
    for axis in axes {
        let d = shape[axis];
        if d == 1 {
            continue;
        }
        if expected != Some(strides[axis]) {
            return false;
        }
        expected = expected.and_then(|e| e.checked_mul(isize::try_from(d).ok()?));
    }
    true
}

// ---------------------------------------------------------------------------
// Reshape

/// Resolves a requested shape against an array of `size` elements, as NumPy's
/// `reshape` does: one negative entry (any negative value) stands for the
/// unknown length; a second is an error; the sizes must match.
pub fn resolve_new_shape(size: usize, requested: &[i64]) -> Result<Vec<usize>, ShapeError> {
    let mismatch = || ShapeError::ReshapeSize {
        size,
        requested: requested.to_vec(),
    };
    let mut known: i64 = 1;
    let mut unknown = None;
    for (axis, &d) in requested.iter().enumerate() {
        if d < 0 {
            if unknown.is_some() {
                return Err(ShapeError::MultipleUnknown);
            }
            unknown = Some(axis);
        } else {
            known = known.checked_mul(d).ok_or_else(mismatch)?;
        }
    }
    let size_i = i64::try_from(size).map_err(|_| mismatch())?;
    let mut resolved = requested.to_vec();
    match unknown {
        Some(axis) => {
            if known == 0 || size_i % known != 0 {
                return Err(mismatch());
            }
            resolved[axis] = size_i / known;
        }
        None if known != size_i => return Err(mismatch()),
        None => {}
    }
    resolved
        .into_iter()
        .map(|d| usize::try_from(d).map_err(|_| mismatch()))
        .collect()
}

/// Strides that let `new_shape` (as the user wrote it, without unknown
/// entries) view the same elements in `order`, or `None` when NumPy's
/// `reshape` would have to copy. Same decisions and same strides as NumPy:
/// an unchanged shape keeps its strides; otherwise see [`reshape_resolved`].
///
/// `new_shape` must hold as many elements as `shape`; otherwise `None`.
pub fn reshape_without_copy(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    new_shape: &[usize],
    order: Order,
) -> Option<Vec<isize>> {
    if shape == new_shape && shape.len() == strides.len() {
        return Some(strides.to_vec());
    }
    reshape_resolved(shape, strides, itemsize, new_shape, order)
}

/// The outcome of `a.reshape(requested, order=...)`: the resolved shape and
/// the view's strides, or `None` strides when NumPy copies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReshapePlan {
    pub shape: Vec<usize>,
    pub strides: Option<Vec<isize>>,
}

/// NumPy's `reshape` from the requested shape as written (negative entries
/// unknown). A request literally equal to the current shape keeps the
/// strides; one that only resolves to it does not necessarily:
/// `(1, 3)` with strides `(999, 16)` reshaped to `(1, -1)` gets `(48, 16)`.
pub fn plan_reshape(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    requested: &[i64],
    order: Order,
) -> Result<ReshapePlan, ShapeError> {
    let literal = requested.len() == shape.len()
        && requested
            .iter()
            .zip(shape)
            .all(|(&r, &d)| usize::try_from(r).ok() == Some(d));
    if literal {
        return Ok(ReshapePlan {
            shape: shape.to_vec(),
            strides: (shape.len() == strides.len()).then(|| strides.to_vec()),
        });
    }
    let size = checked_size(shape).ok_or(ShapeError::TooBig)?;
    let new_shape = resolve_new_shape(size, requested)?;
    let strides = reshape_resolved(shape, strides, itemsize, &new_shape, order);
    Ok(ReshapePlan {
        shape: new_shape,
        strides,
    })
}

/// Reshape strides once the new shape is resolved (and the request was not
/// literally the current shape): an array contiguous in `order` gets
/// [`view_strides`]; anything else goes through NumPy's
/// `_attempt_nocopy_reshape`. `None` when a copy is needed or the sizes
/// differ.
pub fn reshape_resolved(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    new_shape: &[usize],
    order: Order,
) -> Option<Vec<isize>> {
    if shape.len() != strides.len() || checked_size(shape)? != checked_size(new_shape)? {
        return None;
    }
    let contiguous = match order {
        Order::C => is_c_contiguous(shape, strides, itemsize),
        Order::F => is_f_contiguous(shape, strides, itemsize),
    };
    if contiguous {
        return view_strides(new_shape, itemsize, order);
    }
    nocopy_reshape_strides(shape, strides, itemsize, new_shape, order)
}

/// NumPy's `_attempt_nocopy_reshape` for a non-contiguous array (which holds
/// at least two elements). Length-1 axes of the old shape are dropped; old
/// and new axes are then matched in the smallest groups with equal products;
/// each group of old axes must be contiguous in `order`, and its new axes get
/// contiguous strides starting from the group's fastest stride. Trailing
/// length-1 new axes get the stride after the last group (times its last
/// length in F order).
fn nocopy_reshape_strides(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    new_shape: &[usize],
    order: Order,
) -> Option<Vec<isize>> {
    let (old_dims, old_strides): (Vec<isize>, Vec<isize>) = shape
        .iter()
        .zip(strides)
        .filter(|(&d, _)| d != 1)
        .map(|(&d, &s)| Some((isize::try_from(d).ok()?, s)))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .unzip();
    let new_dims: Vec<isize> = new_shape
        .iter()
        .map(|&d| isize::try_from(d).ok())
        .collect::<Option<_>>()?;
    let mut new_strides = vec![0isize; new_dims.len()];
    let (mut oi, mut oj, mut ni, mut nj) = (0, 1, 0, 1);
    while ni < new_dims.len() && oi < old_dims.len() {
        let mut np = new_dims[ni];
        let mut op = old_dims[oi];
        while np != op {
            if np < op {
                np = np.checked_mul(*new_dims.get(nj)?)?;
                nj += 1;
            } else {
                op = op.checked_mul(*old_dims.get(oj)?)?;
                oj += 1;
            }
        }
        if !group_is_contiguous(&old_dims[oi..oj], &old_strides[oi..oj], order) {
            return None;
        }
        fill_group_strides(
            &new_dims[ni..nj],
            &mut new_strides[ni..nj],
            order,
            old_strides[oi],
            old_strides[oj - 1],
        )?;
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    let mut last = if ni >= 1 {
        new_strides[ni - 1]
    } else {
        isize::try_from(itemsize).ok()?
    };
    if order == Order::F && ni >= 1 {
        last = last.checked_mul(new_dims[ni - 1])?;
    }
    for s in &mut new_strides[ni..] {
        *s = last;
    }
    Some(new_strides)
}

/// Whether consecutive old axes can be merged into one in `order`.
fn group_is_contiguous(dims: &[isize], strides: &[isize], order: Order) -> bool {
    (1..dims.len()).all(|k| {
        let (outer, inner) = match order {
            Order::C => (k - 1, k),
            Order::F => (k, k - 1),
        };
        dims[inner].checked_mul(strides[inner]) == Some(strides[outer])
    })
}

/// Contiguous strides for one group of new axes, starting from the group's
/// fastest old stride (`first` in F order, `last` in C order).
fn fill_group_strides(
    dims: &[isize],
    out: &mut [isize],
    order: Order,
    first: isize,
    last: isize,
) -> Option<()> {
    let n = dims.len();
    match order {
        Order::F => {
            out[0] = first;
            for k in 1..n {
                out[k] = out[k - 1].checked_mul(dims[k - 1])?;
            }
        }
        Order::C => {
            out[n - 1] = last;
            for k in (0..n - 1).rev() {
                out[k] = out[k + 1].checked_mul(dims[k + 1])?;
            }
        }
    }
    Some(())
}

// ---------------------------------------------------------------------------
// Extents

/// Byte offsets, relative to the view's own offset, of the lowest byte and
/// one past the highest byte it touches: NumPy's `offset_bounds_from_strides`.
/// `(0, 0)` for an empty array; `None` on overflow.
pub fn offset_bounds(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
) -> Option<(isize, isize)> {
    if shape.len() != strides.len() {
        return None;
    }
    if shape.contains(&0) {
        return Some((0, 0));
    }
    let (mut lower, mut upper) = (0isize, 0isize);
    for (&d, &s) in shape.iter().zip(strides) {
        let reach = s.checked_mul(isize::try_from(d - 1).ok()?)?;
        if reach > 0 {
            upper = upper.checked_add(reach)?;
        } else {
            lower = lower.checked_add(reach)?;
        }
    }
    Some((lower, upper.checked_add(isize::try_from(itemsize).ok()?)?))
}

/// The half-open range of buffer bytes a view touches, `None` for an empty
/// view. Also `None` when the range is not representable (it would start
/// before byte 0, or overflow), which no valid view produces.
pub fn byte_extent(
    shape: &[usize],
    strides: &[isize],
    offset: usize,
    itemsize: usize,
) -> Option<(usize, usize)> {
    if checked_size(shape)? == 0 {
        return None;
    }
    let (lower, upper) = offset_bounds(shape, strides, itemsize)?;
    Some((
        offset.checked_add_signed(lower)?,
        offset.checked_add_signed(upper)?,
    ))
}

/// Byte offset from the buffer start of the element at `index`, or `None`
/// for an index out of range, a wrong number of indices, or overflow.
pub fn element_offset(
    shape: &[usize],
    strides: &[isize],
    offset: usize,
    index: &[usize],
) -> Option<usize> {
    if index.len() != shape.len() || strides.len() != shape.len() {
        return None;
    }
    let mut at = offset;
    for ((&i, &d), &s) in index.iter().zip(shape).zip(strides) {
        if i >= d {
            return None;
        }
        at = at.checked_add_signed(s.checked_mul(isize::try_from(i).ok()?)?)?;
    }
    Some(at)
}

// ---------------------------------------------------------------------------
// Broadcasting

/// Shapes that cannot be broadcast together. `first` and `second` are the
/// first conflicting pair NumPy reports: scanning result axes from the left,
/// the operand that set the axis's length and the one that disagrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BroadcastError {
    pub shapes: Vec<Vec<usize>>,
    pub first: usize,
    pub second: usize,
}

impl BroadcastError {
    /// Message of `np.broadcast_shapes`, `np.broadcast_arrays` and
    /// `np.broadcast`: `shape mismatch: objects cannot be broadcast to a
    /// single shape.  Mismatch is between arg 0 with shape (3,) and arg 1
    /// with shape (4,).`
    pub fn mismatch_message(&self) -> String {
        let shape = |k: usize| {
            self.shapes
                .get(k)
                .map_or_else(String::new, |s| tuple_repr(s))
        };
        format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  \
             Mismatch is between arg {} with shape {} and arg {} with shape {}.",
            self.first,
            shape(self.first),
            self.second,
            shape(self.second),
        )
    }
}

/// The message of ufuncs and operators:
/// `operands could not be broadcast together with shapes (3,) (4,) `
/// (every operand's shape followed by a space).
impl fmt::Display for BroadcastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("operands could not be broadcast together with shapes ")?;
        for shape in &self.shapes {
            write!(f, "{} ", shape_string(shape))?;
        }
        Ok(())
    }
}

impl std::error::Error for BroadcastError {}

/// The common shape of operands under NumPy's broadcasting rules: shapes are
/// aligned at their last axis; on each axis the lengths must agree except
/// that 1 stretches (and a 1 meeting a 0 gives 0).
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Vec<usize>, BroadcastError> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut result = vec![1usize; ndim];
    for (axis, length) in result.iter_mut().enumerate() {
        let mut source = 0;
        for (j, shape) in shapes.iter().enumerate() {
            let Some(k) = (axis + shape.len()).checked_sub(ndim) else {
                continue;
            };
            let d = shape[k];
            if d == 1 {
                continue;
            }
            if *length == 1 {
                *length = d;
                source = j;
            } else if *length != d {
                return Err(BroadcastError {
                    shapes: shapes.iter().map(|s| s.to_vec()).collect(),
                    first: source,
                    second: j,
                });
            }
        }
    }
    Ok(result)
}

/// Strides that view an operand of `shape`/`strides` as `target` (what
/// `np.broadcast_to` gives): new leading axes and stretched length-1 axes get
/// stride 0 (a length-1 axis gets 0 even when the target keeps it at 1).
/// `None` when `shape` does not broadcast to `target`.
pub fn broadcast_strides(
    shape: &[usize],
    strides: &[isize],
    target: &[usize],
) -> Option<Vec<isize>> {
    if shape.len() != strides.len() {
        return None;
    }
    let lead = target.len().checked_sub(shape.len())?;
    let mut out = vec![0isize; target.len()];
    for (k, (&d, &s)) in shape.iter().zip(strides).enumerate() {
        let t = target[lead + k];
        out[lead + k] = if d == 1 {
            0
        } else if d == t {
            s
        } else {
            return None;
        };
    }
    Some(out)
}

/// The message `np.broadcast_to` gives when `shape` does not broadcast to
/// `target`.
pub fn broadcast_to_message(shape: &[usize], target: &[usize]) -> String {
    if shape.len() > target.len() {
        return "input operand has more dimensions than allowed by the axis remapping".to_string();
    }
    format!(
        "operands could not be broadcast together with remapped shapes \
         [original->remapped]: {}  and requested shape {}",
        shape_string(shape),
        shape_string(target)
    )
}

// ---------------------------------------------------------------------------
// Coalescing

/// A common shape with one stride vector per operand, after merging axes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coalesced {
    pub shape: Vec<usize>,
    pub strides: Vec<Vec<isize>>,
}

/// Merges axes for fast iteration in C order over several operands that share
/// `shape`: length-1 axes are dropped, and an axis merges into the next one
/// when, for every operand, its stride is the next axis's length times the
/// next axis's stride. Visiting the result in C order visits the same
/// byte offsets in the same order. An empty shape coalesces to `[0]` (all
/// strides 0); a one-element shape to `[]`. Operands whose stride count
/// differs from the shape's give `None`.
pub fn coalesce_axes(shape: &[usize], strides: &[&[isize]]) -> Option<Coalesced> {
    if strides.iter().any(|s| s.len() != shape.len()) {
        return None;
    }
    if shape.contains(&0) {
        return Some(Coalesced {
            shape: vec![0],
            strides: vec![vec![0]; strides.len()],
        });
    }
    let mut out = Coalesced {
        shape: Vec::new(),
        strides: vec![Vec::new(); strides.len()],
    };
    for axis in (0..shape.len()).filter(|&a| shape[a] != 1) {
        let d = shape[axis];
        if let Some(merged) = merge_into_last(&out, d, strides, axis) {
            *out.shape.last_mut()? = merged;
            for (op, s) in out.strides.iter_mut().zip(strides) {
                *op.last_mut()? = s[axis];
            }
        } else {
            out.shape.push(d);
            for (op, s) in out.strides.iter_mut().zip(strides) {
                op.push(s[axis]);
            }
        }
    }
    Some(out)
}

/// The merged length when axis `axis` (length `d`) can extend the last
/// coalesced axis for every operand.
fn merge_into_last(out: &Coalesced, d: usize, strides: &[&[isize]], axis: usize) -> Option<usize> {
    let &last_len = out.shape.last()?;
    let d_signed = isize::try_from(d).ok()?;
    let fits = out
        .strides
        .iter()
        .zip(strides)
        .all(|(op, s)| op.last().copied() == s[axis].checked_mul(d_signed));
    if fits {
        last_len.checked_mul(d)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;

/// NumPy's stable insertion sort of axes by |stride| (increasing when
/// `ascending`, else decreasing), starting from the order `perm`: an axis
/// moves past an earlier one only when every operand that can decide
/// agrees, so the earlier order wins conflicts. `decides(op, axis)` says
/// whether operand `op` has a say about `axis`.
pub fn sort_axes_by_stride(
    mut perm: Vec<usize>,
    strides: &[&[isize]],
    decides: impl Fn(usize, usize) -> bool,
    ascending: bool,
) -> Vec<usize> {
    for i0 in 1..perm.len() {
        let ax0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let mut ambiguous = true;
            let mut swap = false;
            for (op, s) in strides.iter().enumerate() {
                if decides(op, ax0) && decides(op, ax1) {
                    let (s0, s1) = (s[ax0].unsigned_abs(), s[ax1].unsigned_abs());
                    let keep = if ascending { s0 >= s1 } else { s0 <= s1 };
                    if keep {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm[ipos..=i0].rotate_right(1);
        }
    }
    perm
}
