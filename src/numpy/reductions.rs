//! Reductions as NumPy exposes them: `np.sum(a, axis, dtype, out,
//! keepdims)` and the other functions and methods, each with its own
//! parameter list (`np.max` has no `dtype`, `np.argmax` no `dtype` and a
//! single axis), and NumPy's checks on `out=`.
//!
//! The arithmetic is `array::reduce`; this module binds arguments, checks
//! the output array, and writes into it (casting 'unsafe', as NumPy's
//! reductions do).

use crate::array::dtype::DType;
use crate::array::layout::{shape_string, Order};
use crate::array::reduce::{self, ReduceOp};
use crate::array::Array;
use crate::error::{value_error, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::{Args, Interp, Value};

use super::args::{self, Casting};
use super::result_layout;
use super::ufuncs::axes_arg;

/// The parameters of `np.<op>` after `a` (methods take the same list).
fn parameters(op: ReduceOp) -> &'static [&'static str] {
    match op {
        ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Mean => &["axis", "dtype", "out", "keepdims"],
        ReduceOp::Min | ReduceOp::Max | ReduceOp::Any | ReduceOp::All => {
            &["axis", "out", "keepdims"]
        }
        ReduceOp::ArgMin | ReduceOp::ArgMax => &["axis", "out", "keepdims"],
    }
}

fn name(op: ReduceOp) -> &'static str {
    match op {
        ReduceOp::Sum => "sum",
        ReduceOp::Prod => "prod",
        ReduceOp::Min => "min",
        ReduceOp::Max => "max",
        ReduceOp::Mean => "mean",
        ReduceOp::Any => "any",
        ReduceOp::All => "all",
        ReduceOp::ArgMin => "argmin",
        ReduceOp::ArgMax => "argmax",
    }
}

/// The ufunc NumPy names in reduction messages.
fn ufunc_name(op: ReduceOp) -> &'static str {
    match op {
        ReduceOp::Sum | ReduceOp::Mean => "add",
        ReduceOp::Prod => "multiply",
        ReduceOp::Min | ReduceOp::ArgMin => "minimum",
        ReduceOp::Max | ReduceOp::ArgMax => "maximum",
        ReduceOp::Any => "logical_or",
        ReduceOp::All => "logical_and",
    }
}

/// `np.sum(a, ...)` and friends.
pub fn function(_: &mut Interp, _: Option<&Value>, args: Args, op: ReduceOp) -> PyResult<Value> {
    keyword_only_keepdims(&args, op, 3)?;
    let mut names = vec!["a"];
    names.extend_from_slice(parameters(op));
    let slots = args.bind(name(op), &names)?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    call(&a, op, &slots[1..])
}

/// `a.sum(...)` and friends.
pub fn method(_: &mut Interp, r: Option<&Value>, args: Args, op: ReduceOp) -> PyResult<Value> {
    keyword_only_keepdims(&args, op, 2)?;
    let slots = args.bind(name(op), parameters(op))?;
    let a = match r {
        Some(Value::NpScalar(d, s)) => Array::from_scalars(*d, &[], &[*s])?,
        other => convert::to_array(other.unwrap_or(&Value::None))?,
    };
    call(&a, op, &slots)
}

/// `keepdims` of argmin/argmax is keyword-only.
fn keyword_only_keepdims(args: &Args, op: ReduceOp, most: usize) -> PyResult<()> {
    let given = args.positional.len();
    if matches!(op, ReduceOp::ArgMin | ReduceOp::ArgMax) && given > most {
        return Err(crate::error::type_error(format!(
            "{}() takes from {} to {most} positional arguments but {given} were given",
            name(op),
            most - 2
        )));
    }
    Ok(())
}

/// Dispatches bound slots (in `parameters(op)` order).
fn call(a: &Array, op: ReduceOp, slots: &[Option<Value>]) -> PyResult<Value> {
    match op {
        ReduceOp::Sum | ReduceOp::Prod | ReduceOp::Mean => reduce_call(
            a,
            op,
            slots[0].as_ref(),
            slots[1].as_ref(),
            slots[2].as_ref(),
            slots[3].as_ref(),
        ),
        ReduceOp::ArgMin | ReduceOp::ArgMax => arg_reduce(
            a,
            op,
            slots[0].as_ref(),
            slots[1].as_ref(),
            slots[2].as_ref(),
        ),
        _ => reduce_call(
            a,
            op,
            slots[0].as_ref(),
            None,
            slots[1].as_ref(),
            slots[2].as_ref(),
        ),
    }
}

/// Which axes of an `ndim`-d array `axes` reduces (None: all).
fn reduced_mask(axes: Option<&[usize]>, ndim: usize) -> Vec<bool> {
    let mut mask = vec![axes.is_none(); ndim];
    for &k in axes.unwrap_or(&[]) {
        mask[k] = true;
    }
    mask
}

/// A reduction with NumPy's `dtype=`, `out=` and `keepdims=` handling.
pub fn reduce_call(
    a: &Array,
    op: ReduceOp,
    axis: Option<&Value>,
    dtype: Option<&Value>,
    out: Option<&Value>,
    keepdims: Option<&Value>,
) -> PyResult<Value> {
    let axes = axes_arg(axis, a.ndim())?;
    let keepdims = args::flag(keepdims);
    let out = args::out_opt(out)?;
    let dtype = args::dtype_opt(dtype)?;
    let source = match dtype {
        Some(d) => a.copy_as(d, Order::C)?,
        None => a.clone(),
    };
    if let Some(o) = &out {
        let mask = reduced_mask(axes.as_deref(), a.ndim());
        check_reduction_out(ufunc_name(op), o, &a.shape(), &mask, keepdims)?;
    }
    let mut result = reduce::reduce(op, &source, axes.as_deref(), keepdims)?;
    if let Some(d) = dtype.filter(|d| *d != result.dtype()) {
        // An explicit dtype is the accumulator's and the result's.
        result = result.copy_as(d, Order::C)?;
    }
    Ok(finish(result, out))
}

/// Writes a reduction's result into `out` (casting unsafely) or returns it
/// as NumPy does (0-d results become scalars).
pub fn finish(result: Array, out: Option<Array>) -> Value {
    match out {
        Some(o) => {
            result_layout::fill(&o, &result.to_scalars());
            Value::Array(o)
        }
        None => ufunc_result(result),
    }
}

/// NumPy's checks on the `out=` of a reduction over `in_shape` that
/// reduces the axes marked in `reduced`.
pub fn check_reduction_out(
    ufunc: &str,
    out: &Array,
    in_shape: &[usize],
    reduced: &[bool],
    keepdims: bool,
) -> PyResult<()> {
    if !out.data().writeable {
        return Err(value_error("output array is read-only"));
    }
    let out_shape = out.shape();
    // Where each input axis lands in `out` (None: reduced away).
    let mut map: Vec<Option<usize>> = Vec::with_capacity(in_shape.len());
    let mut next = 0;
    for &r in reduced {
        if r && !keepdims {
            map.push(None);
        } else {
            map.push(Some(next));
            next += 1;
        }
    }
    if out_shape.len() != next {
        return Err(value_error(format!(
            "output parameter for reduction operation {ufunc} has the wrong number of dimensions: Found {} but expected {next}",
            out_shape.len()
        )));
    }
    let broadcast_ok = map.iter().zip(in_shape).all(|(m, &n)| match m {
        Some(j) => out_shape[*j] == 1 || out_shape[*j] == n,
        None => true,
    });
    if !broadcast_ok {
        let parts: Vec<String> = map
            .iter()
            .map(|m| match m {
                Some(j) => out_shape[*j].to_string(),
                None => "newaxis".to_string(),
            })
            .skip_while(|p| p == "newaxis")
            .collect();
        return Err(value_error(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}->({}) {} ",
            shape_string(&out_shape),
            parts.join(","),
            shape_string(in_shape)
        )));
    }
    for k in (0..in_shape.len()).rev() {
        if let (Some(j), false) = (map[k], reduced[k]) {
            if out_shape[j] == 1 && in_shape[k] != 1 {
                return Err(value_error(format!(
                    "output operand requires a reduction along dimension {j}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape."
                )));
            }
        }
    }
    for k in (0..in_shape.len()).rev() {
        if let (Some(j), true) = (map[k], reduced[k]) {
            if out_shape[j] != 1 {
                return Err(value_error(format!(
                    "operand was set up as a reduction along axis {k}, but the length of the axis is {} (it has to be 1)",
                    out_shape[j]
                )));
            }
        }
    }
    Ok(())
}

/// `np.argmin`/`np.argmax`: one axis or none, `keepdims` keeps every axis
/// as length 1 when flattening.
fn arg_reduce(
    a: &Array,
    op: ReduceOp,
    axis: Option<&Value>,
    out: Option<&Value>,
    keepdims: Option<&Value>,
) -> PyResult<Value> {
    let axis = args::axis_arg(axis, a.ndim().max(1))?;
    let keepdims = args::flag(keepdims);
    let out = args::out_opt(out)?;
    let result = match axis {
        Some(k) if a.ndim() > 0 => reduce::reduce(op, a, Some(&[k]), keepdims)?,
        _ => {
            let flat = reduce::reduce(op, a, None, false)?;
            if keepdims {
                let ones = vec![1; a.ndim()];
                Array::from_scalars(DType::Int64, &ones, &flat.to_scalars())?
            } else {
                flat
            }
        }
    };
    if let Some(o) = &out {
        if o.shape() != result.shape() {
            return Err(value_error(format!(
                "output array does not match result of np.{}.",
                name(op)
            )));
        }
        if !Casting::Safe.allows(o.dtype(), DType::Int64) {
            let what = if o.ndim() == 0 {
                "scalar"
            } else {
                "array data"
            };
            return Err(Casting::Safe.refuse(what, o.dtype(), DType::Int64));
        }
        if !o.data().writeable {
            return Err(value_error("output array is read-only"));
        }
    }
    Ok(finish(result, out))
}
