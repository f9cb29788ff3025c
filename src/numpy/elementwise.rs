//! Element-wise selection over broadcast operands: `np.where` (one and
//! three arguments) and `np.clip` (and `a.clip`).
//!
//! Results are new arrays laid out as NumPy's iterator lays out its
//! outputs (the inputs' memory order); `out=` of `clip` gets the ufunc
//! checks.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::kernels::strided::{base_pointer, for_each, Borrowed};
use crate::array::kernels::{with_dtype, Element};
use crate::array::layout::broadcast_strides;
use crate::array::ndarray::ArrayData;
use crate::array::ndarray::StridedOffsets;
use crate::array::ops::{self, BinaryOp, Operand};
use crate::array::promote::{result_type, OperandType};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

use super::result_layout;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "where" => ("where", where_fn),
        "clip" => ("clip", clip),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// The values of `a` broadcast to `shape`, in C order (callers check
/// broadcasting first, with their own messages).
pub fn broadcast_values(a: &Array, shape: &[usize]) -> PyResult<Vec<Scalar>> {
    Ok(broadcast_iter(a, shape)?.collect())
}

/// The values of `a` broadcast to `shape`, in C order, read one at a time
/// (no copy of a large operand). The buffer is borrowed per element, so the
/// values may be written into a new array but not into `a`'s own buffer.
fn broadcast_iter(a: &Array, shape: &[usize]) -> PyResult<impl Iterator<Item = Scalar>> {
    let d = a.data();
    let strides = broadcast_strides(&d.shape, &d.strides, shape)
        .ok_or_else(|| value_error(crate::array::layout::broadcast_to_message(&d.shape, shape)))?;
    let (buffer, dtype) = (d.buffer.clone(), d.dtype);
    Ok(StridedOffsets::new(shape, &strides, d.offset)
        .map(move |off| element::read(dtype, &buffer.bytes(), off)))
}

/// A ufunc-style operand: its promotion type and, once the loop dtype is
/// known, an array (Python scalars become 0-d arrays of that dtype).
struct Input {
    kind: OperandType,
    operand: Operand,
}

impl Input {
    fn new(v: &Value) -> PyResult<Input> {
        let operand = convert::to_operand(v)?;
        let kind = match &operand {
            Operand::Array(a) => OperandType::Strong(a.dtype()),
            Operand::PyBool(_) => OperandType::PyBool,
            Operand::PyInt(i) => OperandType::PyInt(*i),
            Operand::PyFloat(_) => OperandType::PyFloat,
            Operand::PyComplex(..) => OperandType::PyComplex,
        };
        Ok(Input { kind, operand })
    }

    fn array(&self, dtype: DType) -> PyResult<Array> {
        let scalar = match self.operand {
            Operand::Array(ref a) => return Ok(a.clone()),
            Operand::PyBool(b) => Scalar::Bool(b),
            Operand::PyInt(i) => Scalar::Int(i),
            Operand::PyFloat(f) => Scalar::Float(f),
            Operand::PyComplex(re, im) => Scalar::Complex(re, im),
        };
        Array::from_scalars(dtype, &[], &[element::cast(scalar, dtype)])
    }

    fn is_array(&self) -> bool {
        matches!(self.operand, Operand::Array(_))
    }
}

fn where_fn(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    if !args.keywords.is_empty() {
        let names: Vec<&str> = args.keywords.iter().map(|(n, _)| n.as_str()).collect();
        return Err(type_error(format!(
            "where() got some positional-only arguments passed as keyword arguments: '{}'",
            names.join(", ")
        )));
    }
    match args.positional.as_slice() {
        [cond] => super::select::nonzero_of(&convert::to_array(cond)?),
        [cond, x, y] => where3(cond, x, y).map(Value::Array),
        [_, _] => Err(value_error(
            "either both or neither of x and y should be given",
        )),
        other => Err(type_error(format!(
            "where() takes from 1 to 3 positional arguments but {} were given",
            other.len()
        ))),
    }
}

/// `np.where(cond, x, y)`: always an array, even 0-d.
fn where3(cond: &Value, x: &Value, y: &Value) -> PyResult<Array> {
    let cond = convert::to_array(cond)?;
    let (x, y) = (Input::new(x)?, Input::new(y)?);
    let dtype = result_type(&[x.kind, y.kind])?;
    let (xa, ya) = (x.array(dtype)?, y.array(dtype)?);
    let shape = ops::broadcast_all(&[cond.shape(), xa.shape(), ya.shape()])?;
    let mut inputs = vec![&cond];
    if x.is_array() {
        inputs.push(&xa);
    }
    if y.is_array() {
        inputs.push(&ya);
    }
    let perm = result_layout::iterator_perm(&inputs, &shape);
    let out = result_layout::alloc_with_perm(dtype, &shape, &perm)?;
    // The loop reads a bool condition and both sides in the result's dtype
    // (NumPy casts in buffered chunks; here a side of another dtype is cast
    // whole first).
    let in_dtype = |a: &Array, d: DType| {
        if a.dtype() == d {
            Ok(a.clone())
        } else {
            a.copy_keep_order(d)
        }
    };
    let (cond, xa, ya) = (
        in_dtype(&cond, DType::Bool)?,
        in_dtype(&xa, dtype)?,
        in_dtype(&ya, dtype)?,
    );
    select_into(&out, &cond, &xa, &ya)?;
    Ok(out)
}

/// `out = x where cond else y`, element by element, with `cond` (bool) and
/// `x`, `y` (in `out`'s dtype) broadcast to `out`'s shape. `out` is new, so
/// it shares memory with none of them.
fn select_into(out: &Array, cond: &Array, x: &Array, y: &Array) -> PyResult<()> {
    let od = out.data();
    let (cd, xd, yd) = (cond.data(), x.data(), y.data());
    let shape = &od.shape;
    let stretch = |d: &ArrayData| {
        broadcast_strides(&d.shape, &d.strides, shape)
            .ok_or_else(|| value_error(crate::array::layout::broadcast_to_message(&d.shape, shape)))
    };
    let (cs, xs, ys) = (stretch(&cd)?, stretch(&xd)?, stretch(&yd)?);
    let item = od.dtype.itemsize();
    let mut borrowed = Borrowed::new(Some(&od.buffer));
    let (start, len) = borrowed.out();
    let optr = base_pointer(start, len, shape, &od.strides, od.offset, item)?;
    let (start, len) = borrowed.input(&cd.buffer);
    let cptr = base_pointer(start, len, shape, &cs, cd.offset, 1)?;
    let (start, len) = borrowed.input(&xd.buffer);
    let xptr = base_pointer(start, len, shape, &xs, xd.offset, item)?;
    let (start, len) = borrowed.input(&yd.buffer);
    let yptr = base_pointer(start, len, shape, &ys, yd.offset, item)?;
    // SAFETY: every layout was checked against its buffer by
    // `base_pointer`; `out` is a new buffer, so no input aliases it; the
    // condition is a bool array (one byte per element).
    unsafe {
        with_dtype!(od.dtype, T => {
            let operands = [optr, cptr, xptr, yptr];
            for_each(shape, [&od.strides, &cs, &xs, &ys], operands, |p, n, st| {
                for i in 0..n as isize {
                    let pick = if *p[1].wrapping_offset(i * st[1]) != 0 {
                        p[2].wrapping_offset(i * st[2])
                    } else {
                        p[3].wrapping_offset(i * st[3])
                    };
                    T::store(p[0].wrapping_offset(i * st[0]), T::load(pick));
                }
            });
        });
    }
    Ok(())
}

fn clip(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("clip", &["a", "a_min", "a_max", "out", "min", "max"])?;
    let a = slots[0]
        .clone()
        .ok_or_else(|| type_error("clip() missing 1 required positional argument: 'a'"))?;
    let lo = either(&slots[1], &slots[4], "a_min", "min")?;
    let hi = either(&slots[2], &slots[5], "a_max", "max")?;
    clip_call(&a, lo.as_ref(), hi.as_ref(), slots[3].as_ref())
}

/// `a.clip(min=None, max=None, out=None)`.
pub fn clip_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("clip", &["min", "max", "out"])?;
    let a = r.cloned().unwrap_or(Value::None);
    clip_call(&a, slots[0].as_ref(), slots[1].as_ref(), slots[2].as_ref())
}

/// One of two spellings of the same bound (`a_min` or `min`).
fn either(
    old: &Option<Value>,
    new: &Option<Value>,
    old_name: &str,
    new_name: &str,
) -> PyResult<Option<Value>> {
    match (old, new) {
        (Some(_), Some(_)) => Err(type_error(format!(
            "Passed more than one argument for the same parameter: {old_name} and {new_name}"
        ))),
        (Some(v), None) | (None, Some(v)) => Ok(Some(v.clone())),
        (None, None) => Ok(None),
    }
}

fn clip_call(
    a: &Value,
    lo: Option<&Value>,
    hi: Option<&Value>,
    out: Option<&Value>,
) -> PyResult<Value> {
    let present = |v: Option<&Value>| v.filter(|v| !matches!(v, Value::None)).cloned();
    let mut inputs = vec![Input::new(a)?];
    let (lo, hi) = (present(lo), present(hi));
    if let Some(v) = &lo {
        inputs.push(Input::new(v)?);
    }
    if let Some(v) = &hi {
        inputs.push(Input::new(v)?);
    }
    let kinds: Vec<OperandType> = inputs.iter().map(|i| i.kind).collect();
    let dtype = result_type(&kinds)?;
    let arrays: Vec<Array> = inputs
        .iter()
        .map(|i| i.array(dtype))
        .collect::<PyResult<_>>()?;
    let out = super::args::out_opt(out)?;
    let mut shapes: Vec<Vec<usize>> = arrays.iter().map(Array::shape).collect();
    if let Some(o) = &out {
        shapes.push(o.shape());
    }
    let shape = ops::broadcast_all(&shapes)?;
    if let Some(o) = &out {
        ops::check_output("clip", dtype, o, &shape)?;
    }
    let array_inputs: Vec<&Array> = inputs
        .iter()
        .zip(&arrays)
        .filter(|(i, _)| i.is_array())
        .map(|(_, a)| a)
        .collect();
    let result = match &out {
        Some(o) => o.clone(),
        None => {
            let perm = result_layout::iterator_perm(&array_inputs, &shape);
            result_layout::alloc_with_perm(dtype, &shape, &perm)?
        }
    };
    // Clipping is `minimum(maximum(a, lo), hi)` in the common dtype: the
    // typed ufunc loops write the result, the second pass in place (they
    // also handle an `out` that overlaps `a`).
    let operand = |a: &Array| Operand::Array(a.clone());
    // `arrays` is `a`, then the bounds given, in order.
    let lo_bound = lo.as_ref().map(|_| &arrays[1]);
    let hi_bound = hi.as_ref().and(arrays.last());
    let mut current = operand(&arrays[0]);
    if let Some(lo) = lo_bound {
        ops::binary(BinaryOp::Maximum, &current, &operand(lo), Some(&result))?;
        current = operand(&result);
    }
    match hi_bound {
        Some(hi) => {
            ops::binary(BinaryOp::Minimum, &current, &operand(hi), Some(&result))?;
        }
        // No bounds at all: a copy.
        None if lo_bound.is_none() => {
            result_layout::fill_from(&result, broadcast_iter(&arrays[0], &shape)?);
        }
        None => {}
    }
    Ok(match out {
        Some(o) => Value::Array(o),
        None => ufunc_result(result),
    })
}
