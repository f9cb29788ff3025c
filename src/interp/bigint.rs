//! Python's arbitrary-precision ints beyond 64 bits.
//!
//! Ints are `Value::Int(i64)` until an operation overflows; the result is
//! then a `Value::BigInt`, and any result that fits 64 bits again comes back
//! as `Value::Int`. NumPy never sees big ints: converting one is NumPy's
//! `OverflowError`.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::value::Value;
use crate::error::{value_error, zero_division, ExcKind, PyErr, PyResult};
use crate::syntax::ast::BinOp;

/// Both operands as big ints, when both are Python ints (or bools).
pub fn operands(l: &Value, r: &Value) -> Option<(BigInt, BigInt)> {
    Some((as_big(l)?, as_big(r)?))
}

pub fn as_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// The canonical value: `Int` when it fits 64 bits.
pub fn normalize(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

pub fn to_f64(b: &BigInt) -> PyResult<f64> {
    b.to_f64()
        .filter(|f| f.is_finite())
        .ok_or_else(|| PyErr::new(ExcKind::OverflowError, "int too large to convert to float"))
}

/// NumPy's error for a Python int it cannot hold.
pub fn too_large() -> PyErr {
    PyErr::new(
        ExcKind::OverflowError,
        "Python int too large to convert to C long",
    )
}

/// Exact integer arithmetic; None for operators ints do not support.
pub fn binary(op: BinOp, a: &BigInt, b: &BigInt) -> Option<PyResult<Value>> {
    Some(match op {
        BinOp::Add => Ok(normalize(a + b)),
        BinOp::Sub => Ok(normalize(a - b)),
        BinOp::Mul => Ok(normalize(a * b)),
        BinOp::FloorDiv | BinOp::Mod => {
            if b.is_zero() {
                return Some(Err(zero_division(if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                })));
            }
            let (q, r) = a.div_mod_floor(b);
            Ok(normalize(if op == BinOp::FloorDiv { q } else { r }))
        }
        BinOp::Div => {
            if b.is_zero() {
                return Some(Err(zero_division("division by zero")));
            }
            to_f64(a).and_then(|x| to_f64(b).map(|y| Value::Float(x / y)))
        }
        BinOp::Pow => {
            if b.is_negative() {
                to_f64(a).and_then(|x| to_f64(b).map(|y| Value::Float(x.powf(y))))
            } else {
                match b.to_u32() {
                    Some(e) if a.bits().saturating_mul(e as u64) <= 1 << 20 => {
                        Ok(normalize(a.pow(e)))
                    }
                    _ => Err(PyErr::new(ExcKind::MemoryError, "integer result too large")),
                }
            }
        }
        BinOp::LShift => match b.to_u32() {
            Some(s) if s <= 1 << 20 => Ok(normalize(a << s)),
            _ if b.is_negative() => Err(value_error("negative shift count")),
            _ => Err(PyErr::new(
                ExcKind::OverflowError,
                "too many digits in integer",
            )),
        },
        BinOp::RShift => match b.to_u64() {
            Some(s) => Ok(normalize(a >> s.min(u32::MAX as u64) as u32)),
            None if b.is_negative() => Err(value_error("negative shift count")),
            None => Ok(Value::Int(if a.is_negative() { -1 } else { 0 })),
        },
        BinOp::BitAnd => Ok(normalize(a & b)),
        BinOp::BitOr => Ok(normalize(a | b)),
        BinOp::BitXor => Ok(normalize(a ^ b)),
        BinOp::MatMul => return None,
    })
}
