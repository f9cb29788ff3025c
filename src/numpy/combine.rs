//! Joining and repeating arrays: `concatenate`, `stack`, `vstack`,
//! `hstack`, `repeat` (and `a.repeat`), `tile`.
//!
//! Every result is a new array that owns its data, except where NumPy's own
//! composition says otherwise: `tile` returns a reshaped view of its last
//! intermediate copy, and of an empty input a view of the input itself.

use crate::array::dtype::DType;
use crate::array::layout::Order;
use crate::array::promote::promote;
use crate::array::reduce::normalize_axis;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};
use smallvec::smallvec;

use super::args::{self, Casting};
use super::methods::reshape_array;
use super::result_layout;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "concatenate" => ("concatenate", concatenate),
        "stack" => ("stack", stack),
        "vstack" => ("vstack", |i, r, a| stack_2d(i, r, a, "vstack")),
        "hstack" => ("hstack", |i, r, a| stack_2d(i, r, a, "hstack")),
        "repeat" => ("repeat", repeat),
        "tile" => ("tile", tile),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// Output options shared by the joining functions.
struct JoinOptions {
    out: Option<Array>,
    dtype: Option<DType>,
    casting: Casting,
}

impl JoinOptions {
    fn parse(
        out: Option<&Value>,
        dtype: Option<&Value>,
        casting: Option<&Value>,
    ) -> PyResult<Self> {
        let options = JoinOptions {
            out: args::out_opt(out)?,
            dtype: args::dtype_opt(dtype)?,
            casting: args::casting_arg(casting)?,
        };
        if options.out.is_some() && options.dtype.is_some() {
            return Err(type_error(
                "concatenate() only takes `out` or `dtype` as an argument, but both were provided.",
            ));
        }
        Ok(options)
    }
}

fn arrays_of(items: &[Value]) -> PyResult<Vec<Array>> {
    items.iter().map(convert::to_array).collect()
}

fn concatenate(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "concatenate",
        &["arrays", "axis", "out", "dtype", "casting"],
    )?;
    let seq = slots[0].as_ref().unwrap_or(&Value::None);
    let items = args::sequence(seq).ok_or_else(|| {
        type_error("dispatcher for __array_function__ did not return an iterable")
    })?;
    let arrays = arrays_of(&items)?;
    let axis = match &slots[1] {
        None => Some(0),
        Some(Value::None) => None,
        Some(v) => Some(args::int_arg(v)?),
    };
    let options = JoinOptions::parse(slots[2].as_ref(), slots[3].as_ref(), slots[4].as_ref())?;
    join(&arrays, axis, options).map(Value::Array)
}

/// `np.concatenate(arrays, axis)` after argument parsing; `axis` None
/// flattens every array first.
fn join(arrays: &[Array], axis: Option<i64>, options: JoinOptions) -> PyResult<Array> {
    let Some(first) = arrays.first() else {
        return Err(value_error("need at least one array to concatenate"));
    };
    let (shape, axis, pieces) = match axis {
        None => {
            let total = arrays.iter().map(Array::size).sum::<usize>();
            let pieces: Vec<Array> = arrays.iter().map(flat).collect::<PyResult<_>>()?;
            (vec![total], 0, pieces)
        }
        Some(axis) => {
            let ndim = first.ndim();
            if ndim == 0 {
                return Err(value_error(
                    "zero-dimensional arrays cannot be concatenated",
                ));
            }
            let axis = normalize_axis(axis, ndim)?;
            (joined_shape(arrays, axis)?, axis, arrays.to_vec())
        }
    };
    let dtype = match (&options.out, options.dtype) {
        (Some(out), _) => out.dtype(),
        (None, Some(d)) => d,
        (None, None) => arrays
            .iter()
            .map(Array::dtype)
            .reduce(promote)
            .unwrap_or(DType::Float64),
    };
    for a in arrays {
        if !options.casting.allows(a.dtype(), dtype) {
            return Err(options.casting.refuse("array data", a.dtype(), dtype));
        }
    }
    let target = match options.out {
        Some(out) => {
            if out.ndim() != shape.len() {
                return Err(value_error("Output array has wrong dimensionality"));
            }
            if out.shape() != shape {
                return Err(value_error("Output array is the wrong shape"));
            }
            if !out.data().writeable {
                return Err(value_error("assignment destination is read-only"));
            }
            out
        }
        None => {
            let perm = if axis_is_flat(&pieces, &shape) {
                vec![0]
            } else {
                result_layout::concatenate_perm(&pieces, shape.len())
            };
            result_layout::alloc_with_perm(dtype, &shape, &perm)?
        }
    };
    // Read every input before the first write: `out` may overlap them.
    let values: Vec<Vec<Scalar>> = pieces.iter().map(Array::to_scalars).collect();
    let mut start = 0usize;
    for (piece, vals) in pieces.iter().zip(&values) {
        let len = piece.shape()[axis];
        let slab = slab_view(&target, axis, start, len);
        result_layout::fill(&slab, vals);
        start += len;
    }
    Ok(target)
}

fn axis_is_flat(pieces: &[Array], shape: &[usize]) -> bool {
    shape.len() == 1 && pieces.iter().all(|p| p.ndim() == 1)
}

/// `a.ravel()` as concatenate reads it: a 1-d array of the C-order values.
fn flat(a: &Array) -> PyResult<Array> {
    let n = a.size() as i64;
    if a.is_c_contiguous() {
        reshape_array(a, &[n], Order::C, None)
    } else {
        reshape_array(&a.copy()?, &[n], Order::C, None)
    }
}

/// The shape of the joined array, with NumPy's checks and messages.
fn joined_shape(arrays: &[Array], axis: usize) -> PyResult<Vec<usize>> {
    let mut shape = arrays[0].shape();
    let ndim = shape.len();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        let other = a.shape();
        if other.len() != ndim {
            return Err(value_error(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {ndim} dimension(s) and the array at index {i} has {} dimension(s)",
                other.len()
            )));
        }
        for k in 0..ndim {
            if k == axis {
                shape[k] += other[k];
            } else if shape[k] != other[k] {
                return Err(value_error(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {k}, the array at index 0 has size {} and the array at index {i} has size {}",
                    shape[k], other[k]
                )));
            }
        }
    }
    Ok(shape)
}

/// The view `target[..., start:start+len, ...]` along `axis`.
fn slab_view(target: &Array, axis: usize, start: usize, len: usize) -> Array {
    let d = target.data();
    let mut shape = d.shape.clone();
    shape[axis] = len;
    let offset = if len == 0 {
        d.offset
    } else {
        (d.offset as isize + start as isize * d.strides[axis]) as usize
    };
    let (dtype, strides) = (d.dtype, d.strides.clone());
    drop(d);
    target.view_with(dtype, shape, strides, offset)
}

/// A view of `a` with a new length-1 axis at `axis` (stride 0, as indexing
/// with `np.newaxis` makes it).
fn with_new_axis(a: &Array, axis: usize) -> Array {
    let d = a.data();
    let mut shape = d.shape.clone();
    let mut strides = d.strides.clone();
    shape.insert(axis, 1);
    strides.insert(axis, 0);
    let (dtype, offset) = (d.dtype, d.offset);
    drop(d);
    a.view_with(dtype, shape, strides, offset)
}

fn stack_sequence(v: Option<&Value>) -> PyResult<Vec<Array>> {
    let items = v.and_then(args::sequence).ok_or_else(|| {
        type_error("arrays to stack must be passed as a \"sequence\" type such as list or tuple.")
    })?;
    arrays_of(&items)
}

fn stack(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("stack", &["arrays", "axis", "out", "dtype", "casting"])?;
    let arrays = stack_sequence(slots[0].as_ref())?;
    let Some(first) = arrays.first() else {
        return Err(value_error("need at least one array to stack"));
    };
    let shape = first.shape();
    if arrays.iter().any(|a| a.shape() != shape) {
        return Err(value_error("all input arrays must have the same shape"));
    }
    let axis = match &slots[1] {
        None => 0,
        Some(v) => args::int_arg(v)?,
    };
    let axis = normalize_axis(axis, shape.len() + 1)?;
    let expanded: Vec<Array> = arrays.iter().map(|a| with_new_axis(a, axis)).collect();
    let options = JoinOptions::parse(slots[2].as_ref(), slots[3].as_ref(), slots[4].as_ref())?;
    join(&expanded, Some(axis as i64), options).map(Value::Array)
}

/// `np.vstack` (arrays made at least 2-d, joined on axis 0) and `np.hstack`
/// (at least 1-d, joined on axis 1, or 0 for 1-d arrays).
fn stack_2d(_: &mut Interp, _: Option<&Value>, args: Args, name: &str) -> PyResult<Value> {
    let slots = args.bind(name, &["tup", "dtype", "casting"])?;
    let arrays = stack_sequence(slots[0].as_ref())?;
    let (arrays, axis): (Vec<Array>, i64) = if name == "vstack" {
        (arrays.iter().map(at_least_2d).collect(), 0)
    } else {
        let arrays: Vec<Array> = arrays.iter().map(at_least_1d).collect();
        let axis = if arrays.first().is_some_and(|a| a.ndim() == 1) {
            0
        } else {
            1
        };
        (arrays, axis)
    };
    let options = JoinOptions::parse(None, slots[1].as_ref(), slots[2].as_ref())?;
    join(&arrays, Some(axis), options).map(Value::Array)
}

/// `np.atleast_1d` for one array: 0-d arrays become shape (1,).
fn at_least_1d(a: &Array) -> Array {
    if a.ndim() > 0 {
        return a.clone();
    }
    let itemsize = a.dtype().itemsize() as isize;
    let d = a.data();
    let (dtype, offset) = (d.dtype, d.offset);
    drop(d);
    a.view_with(dtype, smallvec![1], smallvec![itemsize], offset)
}

/// `np.atleast_2d` for one array: 0-d to (1, 1), 1-d `v` to `v[np.newaxis, :]`.
fn at_least_2d(a: &Array) -> Array {
    match a.ndim() {
        0 => {
            let itemsize = a.dtype().itemsize() as isize;
            let d = a.data();
            let (dtype, offset) = (d.dtype, d.offset);
            drop(d);
            a.view_with(
                dtype,
                smallvec![1, 1],
                smallvec![itemsize, itemsize],
                offset,
            )
        }
        1 => with_new_axis(a, 0),
        _ => a.clone(),
    }
}

fn repeat(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("repeat", &["a", "repeats", "axis"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    repeat_call(&a, slots[1].as_ref(), slots[2].as_ref())
}

/// `a.repeat(repeats, axis=None)`.
pub fn repeat_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("repeat", &["repeats", "axis"])?;
    let a = convert::to_array(r.unwrap_or(&Value::None))?;
    repeat_call(&a, slots[0].as_ref(), slots[1].as_ref())
}

fn repeat_call(a: &Array, repeats: Option<&Value>, axis: Option<&Value>) -> PyResult<Value> {
    let Some(repeats) = repeats else {
        return Err(type_error(
            "repeat() missing required argument 'repeats' (pos 1)",
        ));
    };
    let counts = repeat_counts(repeats)?;
    let (source, axis) = match args::axis_arg(axis, a.ndim().max(1))? {
        None => (flat(a)?, 0),
        Some(axis) if a.ndim() == 0 => (flat(a)?, axis),
        Some(axis) => (a.clone(), axis),
    };
    repeat_along(&source, &counts, axis).map(Value::Array)
}

/// The counts of `repeats`: one int (broadcast) or one per element.
enum Counts {
    Each(usize),
    List(Vec<usize>),
}

fn repeat_counts(v: &Value) -> PyResult<Counts> {
    let negative = || value_error("negative dimensions are not allowed");
    let arr = match v {
        // Python numbers convert directly, as `int(x)` would.
        Value::Int(_) | Value::Bool(_) => {
            let n = convert::index_value(v)?;
            return usize::try_from(n).map(Counts::Each).map_err(|_| negative());
        }
        Value::Float(f) => {
            return usize::try_from(f.trunc() as i64)
                .map(Counts::Each)
                .map_err(|_| negative());
        }
        Value::List(_) | Value::Tuple(_) => convert::array_from_value(v, Some(DType::Int64))?,
        // Arrays and NumPy scalars must cast safely to intp.
        other => {
            let a = convert::to_array(other)?;
            if !Casting::Safe.allows(a.dtype(), DType::Int64) {
                return Err(Casting::Safe.refuse("array data", a.dtype(), DType::Int64));
            }
            a
        }
    };
    if arr.ndim() > 1 {
        return Err(value_error("setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1."));
    }
    let values: Vec<i64> = arr
        .to_scalars()
        .into_iter()
        .map(|s| match crate::array::element::cast(s, DType::Int64) {
            Scalar::Int(i) => i,
            _ => 0,
        })
        .collect();
    if arr.ndim() == 0 {
        let n = values.first().copied().unwrap_or(0);
        return usize::try_from(n).map(Counts::Each).map_err(|_| negative());
    }
    if values.iter().any(|&n| n < 0) {
        return Err(value_error("repeats may not contain negative values."));
    }
    Ok(Counts::List(
        values.into_iter().map(|n| n as usize).collect(),
    ))
}

/// Repeats the slices of `a` along `axis`; a new C-ordered array.
fn repeat_along(a: &Array, counts: &Counts, axis: usize) -> PyResult<Array> {
    let shape = a.shape();
    let n = shape[axis];
    let counts: Vec<usize> = match counts {
        Counts::Each(k) => vec![*k; n],
        Counts::List(list) if list.len() == 1 => vec![list[0]; n],
        Counts::List(list) if list.len() == n => list.clone(),
        Counts::List(list) => {
            return Err(value_error(format!(
                "operands could not be broadcast together with shape ({n},) ({},)",
                list.len()
            )))
        }
    };
    let total = counts
        .iter()
        .try_fold(0usize, |acc, &c| acc.checked_add(c))
        .ok_or_else(|| value_error("array is too big"))?;
    let mut out_shape = shape.clone();
    out_shape[axis] = total;
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product();
    let values = a.to_scalars();
    let (result, mut out) = result_layout::alloc_with_room(a.dtype(), &out_shape)?;
    for o in 0..outer {
        for (j, &c) in counts.iter().enumerate() {
            let start = (o * n + j) * inner;
            for _ in 0..c {
                out.extend_from_slice(&values[start..start + inner]);
            }
        }
    }
    result_layout::fill(&result, &out);
    Ok(result)
}

fn tile(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("tile", &["A", "reps"])?;
    let source = slots[0].as_ref().unwrap_or(&Value::None);
    let reps: Vec<i64> = match slots[1].as_ref().unwrap_or(&Value::None) {
        Value::Tuple(t) => t.iter().map(args::int_arg).collect::<PyResult<_>>()?,
        Value::List(l) => l
            .borrow()
            .iter()
            .map(args::int_arg)
            .collect::<PyResult<_>>()?,
        other => vec![args::int_arg(other)?],
    };
    tile_array(source, &reps).map(Value::Array)
}

/// `np.tile`, step by step as NumPy composes it, so that the result's
/// `.base` is what NumPy reports.
fn tile_array(source: &Value, reps: &[i64]) -> PyResult<Array> {
    let d = reps.len();
    let all_ones = reps.iter().all(|&r| r == 1);
    let mut c = match source {
        Value::Array(a) if all_ones => {
            let copy = result_layout::alloc_like(a, a.dtype(), &a.shape())?;
            result_layout::fill(&copy, &a.to_scalars());
            return Ok(prepend_ones(&copy, d));
        }
        Value::Array(a) => prepend_ones(a, d),
        other => prepend_ones(&convert::array_from_value(other, None)?, d),
    };
    let mut reps = reps.to_vec();
    if d < c.ndim() {
        let mut padded = vec![1; c.ndim() - d];
        padded.extend(reps);
        reps = padded;
    }
    let in_shape = c.shape();
    let out_shape: Vec<i64> = in_shape
        .iter()
        .zip(&reps)
        .map(|(&s, &r)| (s as i64).saturating_mul(r))
        .collect();
    if reps.iter().any(|&r| r < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    let mut n = c.size();
    if n > 0 {
        for (&dim_in, &nrep) in in_shape.iter().zip(&reps) {
            if nrep != 1 {
                let rows = reshape_array(&c, &[-1, n as i64], Order::C, None)?;
                c = repeat_along(&rows, &Counts::Each(nrep as usize), 0)?;
            }
            n /= dim_in.max(1);
        }
    }
    reshape_array(&c, &out_shape, Order::C, None)
}

/// `np.array(a, copy=None, ndmin=d)` for an array: `a` itself, or a view
/// with leading length-1 axes (NumPy's `_prepend_ones` strides).
fn prepend_ones(a: &Array, ndmin: usize) -> Array {
    let ndim = a.ndim();
    if ndmin <= ndim {
        return a.clone();
    }
    let d = a.data();
    let fortran_only = ndim > 1 && a.is_f_contiguous() && !a.is_c_contiguous();
    let new_stride = if ndim == 0 || fortran_only {
        d.dtype.itemsize() as isize
    } else {
        d.strides[0] * d.shape[0] as isize
    };
    let mut shape = vec![1; ndmin - ndim];
    let mut strides = vec![new_stride; ndmin - ndim];
    shape.extend_from_slice(&d.shape);
    strides.extend_from_slice(&d.strides);
    let (dtype, offset) = (d.dtype, d.offset);
    drop(d);
    a.view_with(dtype, shape.into(), strides.into(), offset)
}
