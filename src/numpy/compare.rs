//! Whole-array comparisons: `np.array_equal`, `np.isclose`, `np.allclose`.
//!
//! `isclose` is NumPy's formula, evaluated with the same ufuncs and the same
//! promotion (Python scalars stay weak): `|x - y| <= atol + rtol * |y|`
//! where `y` is finite, or `x == y`, or both NaN when `equal_nan`.

use crate::array::dtype::{DType, Kind};
use crate::array::ops::{self, BinaryOp, Operand, UnaryOp};
use crate::array::promote::{result_type, OperandType};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::PyResult;
use crate::interp::convert::{self, ufunc_result};
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

use super::args;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "array_equal" => ("array_equal", array_equal),
        "isclose" => ("isclose", isclose),
        "allclose" => ("allclose", allclose),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

fn is_nan(v: Scalar) -> bool {
    match v {
        Scalar::Float(f) => f.is_nan(),
        Scalar::Complex(re, im) => re.is_nan() || im.is_nan(),
        _ => false,
    }
}

fn array_equal(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("array_equal", &["a1", "a2", "equal_nan"])?;
    let (Ok(a), Ok(b)) = (
        convert::to_array(slots[0].as_ref().unwrap_or(&Value::None)),
        convert::to_array(slots[1].as_ref().unwrap_or(&Value::None)),
    ) else {
        return Ok(Value::Bool(false));
    };
    if a.shape() != b.shape() {
        return Ok(Value::Bool(false));
    }
    let equal_nan = args::flag(slots[2].as_ref());
    let eq = ops::binary(
        BinaryOp::Equal,
        &Operand::Array(a.clone()),
        &Operand::Array(b.clone()),
        None,
    )?;
    if !equal_nan {
        return Ok(Value::Bool(eq.to_scalars().iter().all(|s| s.is_truthy())));
    }
    let (av, bv) = (a.to_scalars(), b.to_scalars());
    let same =
        av.iter()
            .zip(&bv)
            .zip(eq.to_scalars())
            .all(|((x, y), e)| match (is_nan(*x), is_nan(*y)) {
                (true, true) => true,
                (false, false) => e.is_truthy(),
                _ => false,
            });
    Ok(Value::Bool(same))
}

fn isclose(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("isclose", &["a", "b", "rtol", "atol", "equal_nan"])?;
    let result = isclose_array(&slots)?;
    Ok(ufunc_result(result))
}

fn allclose(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("allclose", &["a", "b", "rtol", "atol", "equal_nan"])?;
    let result = isclose_array(&slots)?;
    Ok(Value::Bool(
        result.to_scalars().iter().all(|s| s.is_truthy()),
    ))
}

/// `y` made inexact as NumPy's `isclose` does: arrays to
/// `result_type(y, 1.0)`, Python ints to float.
fn inexact(y: &Value) -> PyResult<Operand> {
    Ok(match convert::to_operand(y)? {
        Operand::PyInt(i) => Operand::PyFloat(i as f64),
        Operand::PyBool(b) => Operand::PyFloat(b as u8 as f64),
        Operand::Array(a) => {
            let dtype = result_type(&[OperandType::Strong(a.dtype()), OperandType::PyFloat])?;
            if dtype == a.dtype() {
                Operand::Array(a)
            } else {
                Operand::Array(a.copy_as(dtype, crate::array::layout::Order::C)?)
            }
        }
        other => other,
    })
}

fn as_array(op: Operand) -> PyResult<Array> {
    Ok(match op {
        Operand::Array(a) => a,
        Operand::PyBool(b) => Array::from_scalars(DType::Bool, &[], &[Scalar::Bool(b)])?,
        Operand::PyInt(i) => Array::from_scalars(DType::Int64, &[], &[Scalar::Int(i)])?,
        Operand::PyFloat(f) => Array::from_scalars(DType::Float64, &[], &[Scalar::Float(f)])?,
        Operand::PyComplex(re, im) => {
            Array::from_scalars(DType::Complex128, &[], &[Scalar::Complex(re, im)])?
        }
    })
}

/// A boolean array from a predicate on each element.
fn map_bool(a: &Array, f: impl Fn(Scalar) -> bool) -> PyResult<Array> {
    let values: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|v| Scalar::Bool(f(v)))
        .collect();
    Array::from_scalars(DType::Bool, &a.shape(), &values)
}

fn is_finite(v: Scalar) -> bool {
    match v {
        Scalar::Float(f) => f.is_finite(),
        Scalar::Complex(re, im) => re.is_finite() && im.is_finite(),
        _ => true,
    }
}

/// Slots: a, b, rtol, atol, equal_nan.
fn isclose_array(slots: &[Option<Value>]) -> PyResult<Array> {
    let number = |v: Option<&Value>, default: f64| -> PyResult<Operand> {
        match v {
            None => Ok(Operand::PyFloat(default)),
            Some(v) => convert::to_operand(v),
        }
    };
    let x = convert::to_operand(slots[0].as_ref().unwrap_or(&Value::None))?;
    let y = inexact(slots[1].as_ref().unwrap_or(&Value::None))?;
    let rtol = number(slots[2].as_ref(), 1e-5)?;
    let atol = number(slots[3].as_ref(), 1e-8)?;
    let equal_nan = args::flag(slots[4].as_ref());
    let arr = |a: Array| Operand::Array(a);
    let diff = ops::unary(
        UnaryOp::Absolute,
        &ops::binary(BinaryOp::Subtract, &x, &y, None)?,
    )?;
    let y_abs = ops::unary(UnaryOp::Absolute, &as_array(y.clone())?)?;
    let scaled = ops::binary(BinaryOp::Multiply, &rtol, &arr(y_abs), None)?;
    let tolerance = ops::binary(BinaryOp::Add, &atol, &arr(scaled), None)?;
    let within = ops::binary(BinaryOp::LessEqual, &arr(diff), &arr(tolerance), None)?;
    let finite = map_bool(&as_array(y.clone())?, is_finite)?;
    let close = ops::binary(BinaryOp::BitAnd, &arr(within), &arr(finite), None)?;
    let equal = ops::binary(BinaryOp::Equal, &x, &y, None)?;
    let mut result = ops::binary(BinaryOp::BitOr, &arr(close), &arr(equal), None)?;
    if equal_nan {
        let xa = as_array(x)?;
        let ya = as_array(y)?;
        let both = ops::binary(
            BinaryOp::BitAnd,
            &arr(map_bool(&xa, is_nan)?),
            &arr(map_bool(&ya, is_nan)?),
            None,
        )?;
        result = ops::binary(BinaryOp::BitOr, &arr(result), &arr(both), None)?;
    }
    if result.dtype().kind() != Kind::Bool {
        result = result.copy_as(DType::Bool, crate::array::layout::Order::C)?;
    }
    Ok(result)
}
