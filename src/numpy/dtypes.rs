//! Questions about dtypes: `np.result_type`, `np.promote_types`,
//! `np.can_cast`. The rules themselves live in `array/promote.rs`; this file
//! turns Python arguments into dtypes and operand kinds.

use crate::array::dtype::DType;
use crate::array::promote::{
    can_cast as can_cast_rule, common_dtype, promote, Casting, OperandType,
};
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert::dtype_arg;
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "result_type" => ("result_type", result_type),
        "promote_types" => ("promote_types", promote_types),
        "can_cast" => ("can_cast", can_cast),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// A dtype argument that must name a dtype (None is float64, as in NumPy).
fn required_dtype(v: &Value) -> PyResult<DType> {
    Ok(dtype_arg(v)?.unwrap_or(DType::Float64))
}

/// How an argument of `np.result_type` takes part: arrays, NumPy scalars
/// and dtypes fully, Python scalars by kind only.
fn operand_type(v: &Value) -> PyResult<OperandType> {
    Ok(match v {
        Value::Bool(_) => OperandType::PyBool,
        Value::Int(_) | Value::BigInt(_) => OperandType::PyInt(0),
        Value::Float(_) => OperandType::PyFloat,
        Value::Complex(..) => OperandType::PyComplex,
        Value::Array(a) => OperandType::Strong(a.dtype()),
        Value::NpScalar(d, _) => OperandType::Strong(*d),
        other => OperandType::Strong(required_dtype(other)?),
    })
}

fn result_type(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    if !args.keywords.is_empty() {
        return Err(type_error("result_type() takes no keyword arguments"));
    }
    if args.positional.is_empty() {
        return Err(value_error("at least one array or dtype is required"));
    }
    let types = args
        .positional
        .iter()
        .map(operand_type)
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::DType(common_dtype(&types)))
}

fn promote_types(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("promote_types", &["type1", "type2"])?;
    let mut dtypes = Vec::with_capacity(2);
    for (slot, position) in slots.iter().zip(1..) {
        let v = slot.as_ref().ok_or_else(|| {
            type_error(format!(
                "promote_types() missing required argument 'type{position}' (pos {position})"
            ))
        })?;
        dtypes.push(required_dtype(v)?);
    }
    Ok(Value::DType(promote(dtypes[0], dtypes[1])))
}

fn can_cast(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("can_cast", &["from_", "to", "casting"])?;
    let (Some(from), Some(to)) = (&slots[0], &slots[1]) else {
        return Err(type_error(
            "can_cast() missing required argument 'to' (pos 2)",
        ));
    };
    let from = match from {
        Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(..) => {
            return Err(type_error(
                "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.",
            ))
        }
        Value::Array(a) => a.dtype(),
        Value::NpScalar(d, _) => *d,
        other => required_dtype(other)?,
    };
    let to = required_dtype(to)?;
    let casting = match &slots[2] {
        None => Casting::Safe,
        Some(Value::Str(name)) => Casting::parse(name, false)?,
        Some(_) => return Err(type_error("casting must be a string")),
    };
    Ok(Value::Bool(can_cast_rule(from, to, casting)))
}
