//! Picking elements out of an array: `np.take` (and `a.take`),
//! `np.nonzero` (and `a.nonzero`, one-argument `np.where`),
//! `np.count_nonzero` and `np.diag`.
//!
//! `take` and `diag` of a 1-d array build new arrays; `diag` of a 2-d array
//! is the read-only diagonal view; `nonzero` returns views of one new
//! (count, ndim) index array, as NumPy does.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::Order;
use crate::array::reduce::{self, ReduceOp};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{index_error, type_error, value_error, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};
use smallvec::smallvec;

use super::args::{self, Casting};

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "take" => ("take", take),
        "nonzero" => ("nonzero", nonzero),
        "count_nonzero" => ("count_nonzero", count_nonzero),
        "diag" => ("diag", diag),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

fn first(slots: &[Option<Value>], name: &str, param: &str) -> PyResult<Value> {
    slots.first().cloned().flatten().ok_or_else(|| {
        type_error(format!(
            "{name}() missing 1 required positional argument: '{param}'"
        ))
    })
}

/// How `take` treats out-of-range indices.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Raise,
    Wrap,
    Clip,
}

fn mode_arg(v: Option<&Value>) -> PyResult<Mode> {
    let text = match v {
        None => return Ok(Mode::Raise),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => crate::interp::text::repr_plain(other),
    };
    match text.as_str() {
        "raise" => Ok(Mode::Raise),
        "wrap" => Ok(Mode::Wrap),
        "clip" => Ok(Mode::Clip),
        _ => Err(value_error(format!(
            "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{text}')"
        ))),
    }
}

fn take(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("take", &["a", "indices", "axis", "out", "mode"])?;
    let a = convert::to_array(&first(&slots, "take", "a")?)?;
    take_call(&a, &slots[1..])
}

/// `a.take(indices, axis=None, out=None, mode='raise')`.
pub fn take_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("take", &["indices", "axis", "out", "mode"])?;
    let a = convert::to_array(r.unwrap_or(&Value::None))?;
    take_call(&a, &slots)
}

/// The index array of `take`: lists convert directly to intp, arrays must
/// cast to it with 'same_kind'.
fn index_array(v: &Value) -> PyResult<Array> {
    match v {
        Value::Array(a) => {
            if !Casting::SameKind.allows(a.dtype(), DType::Int64) {
                return Err(Casting::SameKind.refuse("array data", a.dtype(), DType::Int64));
            }
            Ok(a.clone())
        }
        Value::NpScalar(d, _) if !d.is_integer() && *d != DType::Bool => {
            Err(Casting::SameKind.refuse("array data", *d, DType::Int64))
        }
        other => convert::array_from_value(other, Some(DType::Int64)),
    }
}

fn take_call(a: &Array, slots: &[Option<Value>]) -> PyResult<Value> {
    let indices = slots[0]
        .as_ref()
        .ok_or_else(|| type_error("take() missing required argument 'indices' (pos 1)"))?;
    let axis = args::axis_arg(slots[1].as_ref(), a.ndim().max(1))?;
    let out = args::out_opt(slots[2].as_ref())?;
    let mode = mode_arg(slots[3].as_ref())?;
    let indices = index_array(indices)?;
    let (source, axis) = match axis {
        None => (flat_copy(a)?, 0),
        Some(k) if a.ndim() == 0 => (flat_copy(a)?, k),
        Some(k) => (a.clone(), k),
    };
    let shape = source.shape();
    let n = shape[axis];
    if n == 0 && indices.size() > 0 {
        return Err(index_error(
            "cannot do a non-empty take from an empty axes.",
        ));
    }
    let picks: Vec<usize> = indices
        .to_scalars()
        .into_iter()
        .map(|s| {
            let i = match element::cast(s, DType::Int64) {
                Scalar::Int(i) => i,
                _ => 0,
            };
            resolve(i, n, axis, mode)
        })
        .collect::<PyResult<_>>()?;
    let mut out_shape = shape[..axis].to_vec();
    out_shape.extend(indices.shape());
    out_shape.extend_from_slice(&shape[axis + 1..]);
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product();
    let values = source.to_scalars();
    let dtype = source.dtype();
    let (fresh, mut result) = super::result_layout::alloc_with_room(dtype, &out_shape)?;
    for o in 0..outer {
        for &p in &picks {
            let start = (o * n + p) * inner;
            result.extend_from_slice(&values[start..start + inner]);
        }
    }
    match out {
        Some(o) => {
            if o.shape() != out_shape {
                return Err(value_error(
                    "output array does not match result of ndarray.take",
                ));
            }
            if !o.data().writeable {
                return Err(value_error("output array is read-only"));
            }
            if !Casting::Safe.allows(dtype, o.dtype()) {
                return Err(Casting::Safe.refuse("array data", dtype, o.dtype()));
            }
            super::result_layout::fill(&o, &result);
            Ok(Value::Array(o))
        }
        None => {
            super::result_layout::fill(&fresh, &result);
            Ok(ufunc_result(fresh))
        }
    }
}

/// An index into an axis of `n` elements under `mode`.
fn resolve(i: i64, n: usize, axis: usize, mode: Mode) -> PyResult<usize> {
    let len = n as i64;
    match mode {
        Mode::Raise => {
            let j = if i < 0 { i + len } else { i };
            if j < 0 || j >= len {
                return Err(index_error(format!(
                    "index {i} is out of bounds for axis {axis} with size {n}"
                )));
            }
            Ok(j as usize)
        }
        Mode::Wrap if len > 0 => Ok(i.rem_euclid(len) as usize),
        Mode::Clip if len > 0 => Ok(i.clamp(0, len - 1) as usize),
        _ => Ok(0),
    }
}

/// The elements of `a` in C order as a new 1-d array.
fn flat_copy(a: &Array) -> PyResult<Array> {
    Array::from_scalars(a.dtype(), &[a.size()], &a.to_scalars())
}

fn nonzero(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("nonzero", &["a"])?;
    nonzero_of(&convert::to_array(&first(&slots, "nonzero", "a")?)?)
}

/// `a.nonzero()`.
pub fn nonzero_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    args.bind("nonzero", &[])?;
    nonzero_of(&convert::to_array(r.unwrap_or(&Value::None))?)
}

/// The indices of the nonzero elements, one array per axis: column views of
/// one (count, ndim) array.
pub fn nonzero_of(a: &Array) -> PyResult<Value> {
    let ndim = a.ndim();
    if ndim == 0 {
        return Err(value_error("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead."));
    }
    let shape = a.shape();
    let mut coords: Vec<Scalar> = Vec::new();
    let mut count = 0usize;
    let mut index = vec![0usize; ndim];
    for v in a.to_scalars() {
        if v.is_truthy() {
            coords.extend(index.iter().map(|&i| Scalar::Int(i as i64)));
            count += 1;
        }
        for k in (0..ndim).rev() {
            index[k] += 1;
            if index[k] < shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    let table = Array::from_scalars(DType::Int64, &[count, ndim], &coords)?;
    let row = (ndim * 8) as isize;
    let columns = (0..ndim)
        .map(|k| {
            Value::Array(table.view_with(DType::Int64, smallvec![count], smallvec![row], k * 8))
        })
        .collect();
    Ok(Value::tuple(columns))
}

fn count_nonzero(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("count_nonzero", &["a", "axis", "keepdims"])?;
    let a = convert::to_array(&first(&slots, "count_nonzero", "a")?)?;
    let axes = super::ufuncs::axes_arg(slots[1].as_ref(), a.ndim())?;
    let keepdims = args::flag(slots[2].as_ref());
    let truth: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|v| Scalar::Bool(v.is_truthy()))
        .collect();
    let mask = Array::from_scalars(DType::Bool, &a.shape(), &truth)?;
    let counts = reduce::reduce(ReduceOp::Sum, &mask, axes.as_deref(), keepdims)?;
    Ok(ufunc_result(counts))
}

fn diag(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("diag", &["v", "k"])?;
    let v = convert::to_array(&first(&slots, "diag", "v")?)?;
    let k = match &slots[1] {
        Some(k) => args::int_arg(k)?,
        None => 0,
    };
    match v.ndim() {
        1 => diag_matrix(&v, k).map(Value::Array),
        2 => Ok(Value::Array(diagonal_view(&v, k))),
        _ => Err(value_error("Input must be 1- or 2-d.")),
    }
}

/// A new square array with `v` on its `k`-th diagonal.
fn diag_matrix(v: &Array, k: i64) -> PyResult<Array> {
    let len = v.size();
    let shift = k.unsigned_abs() as usize;
    let n = len
        .checked_add(shift)
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| value_error("Maximum allowed dimension exceeded"))?;
    let out = Array::zeros(v.dtype(), &[n, n], Order::C)?;
    let (row0, col0) = if k >= 0 { (0, shift) } else { (shift, 0) };
    let values = v.to_scalars();
    let d = out.data();
    let itemsize = d.dtype.itemsize();
    let mut bytes = d.buffer.bytes_mut();
    for (i, value) in values.into_iter().enumerate() {
        let off = ((row0 + i) * n + col0 + i) * itemsize;
        element::write(d.dtype, &mut bytes, off, value);
    }
    drop(bytes);
    drop(d);
    Ok(out)
}

/// `m.diagonal(k)` of a 2-d array: a read-only view.
fn diagonal_view(m: &Array, k: i64) -> Array {
    let d = m.data();
    let (rows, cols) = (d.shape[0], d.shape[1]);
    let (s0, s1) = (d.strides[0], d.strides[1]);
    let shift = k.unsigned_abs() as usize;
    let (len, start) = if k >= 0 {
        if shift >= cols {
            (0, 0)
        } else {
            (rows.min(cols - shift), shift as isize * s1)
        }
    } else if shift >= rows {
        (0, 0)
    } else {
        ((rows - shift).min(cols), shift as isize * s0)
    };
    let offset = (d.offset as isize + start) as usize;
    let dtype = d.dtype;
    drop(d);
    let view = m.view_with(dtype, smallvec![len], smallvec![s0 + s1], offset);
    view.data_mut().writeable = false;
    view
}
