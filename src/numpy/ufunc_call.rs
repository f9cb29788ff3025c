//! The calling convention of a ufunc: `f(x1, x2, /, out=None, *,
//! where=True, casting='same_kind', dtype=None, order='K', subok=True)`.
//!
//! `parse` binds the arguments with NumPy's messages (a positional `out`,
//! `out` as a 1-tuple, both at once); `input_dtype` applies `dtype=` and
//! checks input casts; `finish` writes a computed result into `out` after
//! NumPy's checks (read-only, output casting, broadcast shape) honouring
//! `where=`, or returns it (0-d results become scalars).

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::shape_string;
use crate::array::ops::{self, Operand};
use crate::array::promote::check_int_fits;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, ufunc_type_error, value_error, PyErr, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::{Args, Value};

use super::args::{self, Casting};
use super::elementwise::broadcast_values;

/// A ufunc call's arguments, bound.
pub struct UfuncCall {
    pub name: &'static str,
    pub inputs: Vec<Value>,
    pub out: Option<Array>,
    pub where_mask: Option<Array>,
    pub casting: Casting,
    pub dtype: Option<DType>,
}

fn out_entry(v: &Value) -> PyResult<Option<Array>> {
    match v {
        Value::None => Ok(None),
        Value::Array(a) => Ok(Some(a.clone())),
        _ => Err(type_error("return arrays must be of ArrayType")),
    }
}

/// `out=` as a keyword: None, an array, or a tuple with one entry.
fn out_keyword(v: &Value) -> PyResult<Option<Array>> {
    match v {
        Value::Tuple(items) if items.len() == 1 => out_entry(&items[0]),
        Value::Tuple(_) => Err(value_error(
            "The 'out' tuple must have exactly one entry per ufunc output",
        )),
        other => out_entry(other),
    }
}

/// The `where=` mask: booleans, or anything that casts to bool safely.
fn where_arg(v: &Value) -> PyResult<Option<Array>> {
    match v {
        Value::Bool(true) => Ok(None),
        Value::Array(a) if a.dtype() != DType::Bool => {
            Err(Casting::Safe.refuse("array data", a.dtype(), DType::Bool))
        }
        other => {
            let a = convert::to_array(other)?;
            if a.dtype() != DType::Bool {
                return Err(Casting::Safe.refuse("array data", a.dtype(), DType::Bool));
            }
            Ok(Some(a))
        }
    }
}

/// Binds a call to a ufunc with `nin` inputs and one output.
pub fn parse(name: &'static str, nin: usize, args: Args) -> PyResult<UfuncCall> {
    let given = args.positional.len();
    if given < nin || given > nin + 1 {
        let verb = if given == 1 { "was" } else { "were" };
        return Err(type_error(format!(
            "{name}() takes from {nin} to {} positional arguments but {given} {verb} given",
            nin + 1
        )));
    }
    let mut positional = args.positional;
    let mut out = match positional.len() > nin {
        true => Some(out_entry(&positional.remove(nin))?),
        false => None,
    };
    let mut call = UfuncCall {
        name,
        inputs: positional,
        out: None,
        where_mask: None,
        casting: Casting::SameKind,
        dtype: None,
    };
    for (key, v) in args.keywords {
        match key.as_str() {
            "out" => {
                if out.is_some() {
                    return Err(type_error(
                        "cannot specify 'out' as both a positional and keyword argument",
                    ));
                }
                out = Some(out_keyword(&v)?);
            }
            "where" => call.where_mask = where_arg(&v)?,
            "casting" => call.casting = args::casting_arg(Some(&v))?,
            "dtype" => call.dtype = args::dtype_opt(Some(&v))?,
            "order" | "subok" => {}
            other => {
                return Err(type_error(format!(
                    "{name}() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    call.out = out.flatten();
    Ok(call)
}

impl UfuncCall {
    /// Whether the call needs nothing beyond the plain computation into a
    /// fresh array or a checked `out` (the fast path).
    pub fn is_plain(&self) -> bool {
        self.where_mask.is_none() && self.casting == Casting::SameKind && self.dtype.is_none()
    }

    fn input_error(&self, i: usize, from: DType, to: DType) -> PyErr {
        ufunc_type_error(format!(
            "Cannot cast ufunc '{}' input {i} from dtype('{}') to dtype('{}') with casting rule '{}'",
            self.name,
            from.name(),
            to.name(),
            self.casting.name()
        ))
    }

    /// Input `i` as an operand of a loop running in `dtype` (when
    /// `dtype=` is given), with NumPy's input casting check.
    pub fn operand_in(&self, i: usize, dtype: Option<DType>) -> PyResult<Operand> {
        let v = self.inputs.get(i).unwrap_or(&Value::None);
        let operand = convert::to_operand(v)?;
        let Some(dtype) = dtype else {
            return Ok(operand);
        };
        let (from, scalar) = match &operand {
            Operand::Array(a) => {
                if !self.casting.allows(a.dtype(), dtype) {
                    return Err(self.input_error(i, a.dtype(), dtype));
                }
                return Ok(Operand::Array(
                    a.copy_as(dtype, crate::array::layout::Order::C)?,
                ));
            }
            Operand::PyBool(b) => (DType::Bool, Scalar::Bool(*b)),
            Operand::PyInt(n) => {
                if dtype.is_integer() {
                    check_int_fits(*n, dtype)?;
                    (dtype, Scalar::Int(*n))
                } else {
                    (DType::Int64, Scalar::Int(*n))
                }
            }
            Operand::PyFloat(f) => (
                if dtype.is_float() {
                    dtype
                } else {
                    DType::Float64
                },
                Scalar::Float(*f),
            ),
            Operand::PyComplex(re, im) => (DType::Complex128, Scalar::Complex(*re, *im)),
        };
        if !self.casting.allows(from, dtype) {
            return Err(self.input_error(i, from, dtype));
        }
        Ok(Operand::Array(Array::from_scalars(
            dtype,
            &[],
            &[element::cast(scalar, dtype)],
        )?))
    }

    /// Checks that the array inputs cast to the loop dtype under a rule
    /// stricter than 'same_kind' (which promotion always satisfies).
    pub fn check_inputs(&self, operands: &[Operand], loop_dtype: DType) -> PyResult<()> {
        if matches!(self.casting, Casting::SameKind | Casting::Unsafe) {
            return Ok(());
        }
        for (i, op) in operands.iter().enumerate() {
            if let Operand::Array(a) = op {
                if !self.casting.allows(a.dtype(), loop_dtype) {
                    return Err(self.input_error(i, a.dtype(), loop_dtype));
                }
            }
        }
        Ok(())
    }

    /// NumPy's check that a result of `dtype` may be written to `out`.
    pub fn check_output_cast(&self, dtype: DType, out: &Array) -> PyResult<()> {
        if self.casting.allows(dtype, out.dtype()) {
            return Ok(());
        }
        Err(ufunc_type_error(format!(
            "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule '{}'",
            self.name,
            dtype.name(),
            out.dtype().name(),
            self.casting.name()
        )))
    }

    /// Writes `result` (computed over the inputs' broadcast shape) into
    /// `out` where `where=` allows, or returns it.
    pub fn finish(&self, result: Array, input_shapes: &[Vec<usize>]) -> PyResult<Value> {
        let Some(out) = &self.out else {
            return Ok(ufunc_result(result));
        };
        if !out.data().writeable {
            return Err(value_error("output array is read-only"));
        }
        self.check_output_cast(result.dtype(), out)?;
        let out_shape = out.shape();
        let mut shapes = input_shapes.to_vec();
        shapes.push(out_shape.clone());
        if let Some(m) = &self.where_mask {
            shapes.push(m.shape());
        }
        let full = ops::broadcast_all(&shapes)?;
        if full != out_shape {
            return Err(value_error(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_string(&out_shape),
                shape_string(&full)
            )));
        }
        let values = broadcast_values(&result, &out_shape)?;
        let mask = self
            .where_mask
            .as_ref()
            .map(|m| broadcast_values(m, &out_shape))
            .transpose()?;
        let d = out.data();
        let mut bytes = d.buffer.bytes_mut();
        let offsets = crate::array::ndarray::StridedOffsets::new(&d.shape, &d.strides, d.offset);
        for (k, (off, v)) in offsets.zip(values).enumerate() {
            if mask.as_ref().is_none_or(|m| m[k].is_truthy()) {
                element::write(d.dtype, &mut bytes, off, v);
            }
        }
        crate::array::writes::record(&d);
        drop(bytes);
        drop(d);
        Ok(Value::Array(out.clone()))
    }
}
