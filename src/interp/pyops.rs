//! Python's own arithmetic and comparisons on Python values (ints, floats,
//! complex numbers, strings, lists, tuples): what happens when no array or
//! NumPy scalar is involved.

use super::bigint;
use super::convert;
use super::value::Value;
use crate::array::ops;
use crate::error::{type_error, zero_division, ExcKind, PyErr, PyResult};
use crate::syntax::ast::{BinOp, CmpOp};

fn int_overflow() -> PyErr {
    PyErr::new(
        ExcKind::OverflowError,
        "integer result does not fit in 64 bits (npview's Python ints are 64-bit)",
    )
}

/// Python arithmetic on Python values (no arrays involved).
pub fn binary(op: BinOp, l: &Value, r: &Value) -> PyResult<Value> {
    use Value::*;
    if let Some(v) = quick_number_op(op, l, r) {
        return Ok(v);
    }
    let unsupported = || {
        type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            l.type_name(),
            r.type_name()
        ))
    };
    if matches!(l, BigInt(_)) || matches!(r, BigInt(_)) {
        if let Some((a, b)) = bigint::operands(l, r) {
            return bigint::binary(op, &a, &b).ok_or_else(unsupported)?;
        }
    }
    match (l, r) {
        (Str(a), Str(b)) if op == BinOp::Add => Ok(Value::str(&format!("{a}{b}"))),
        (Str(_) | List(_) | Tuple(_), _) if op == BinOp::Add && l.class() != r.class() => {
            Err(type_error(format!(
                "can only concatenate {0} (not \"{1}\") to {0}",
                l.type_name(),
                r.type_name()
            )))
        }
        (Str(a), Int(n)) | (Int(n), Str(a)) if op == BinOp::Mul => {
            let times = repetitions(a.len(), *n)?;
            Ok(Value::str(&a.repeat(times)))
        }
        (List(a), List(b)) if op == BinOp::Add => {
            let mut items = a.borrow().clone();
            items.extend(b.borrow().iter().cloned());
            Ok(Value::list(items))
        }
        (Tuple(a), Tuple(b)) if op == BinOp::Add => {
            let mut items = a.to_vec();
            items.extend(b.iter().cloned());
            Ok(Value::tuple(items))
        }
        (List(a), Int(n)) | (Int(n), List(a)) if op == BinOp::Mul => {
            let items = a.borrow();
            let times = repetitions(items.len(), *n)?;
            Ok(Value::list(repeat_items(&items, times)))
        }
        (Tuple(a), Int(n)) | (Int(n), Tuple(a)) if op == BinOp::Mul => {
            let times = repetitions(a.len(), *n)?;
            Ok(Value::tuple(repeat_items(a, times)))
        }
        _ => {
            let (x, y) = match (convert::py_number(l), convert::py_number(r)) {
                (Some(x), Some(y)) => (x, y),
                _ => return Err(unsupported()),
            };
            number_op(op, x, y).ok_or_else(unsupported)?
        }
    }
}

/// The commonest arithmetic of a loop body (`i % 3`, `i * 0.5`, `k + 1`)
/// on two ints or floats, without the general number tower. `None` leaves
/// the operation to it: other operators and types, an int result beyond
/// 64 bits, a zero divisor.
#[inline]
fn quick_number_op(op: BinOp, l: &Value, r: &Value) -> Option<Value> {
    use Value::{Float, Int};
    let float = |a: f64, b: f64| match op {
        BinOp::Add => Some(Float(a + b)),
        BinOp::Sub => Some(Float(a - b)),
        BinOp::Mul => Some(Float(a * b)),
        _ => None,
    };
    match (l, r) {
        (Int(a), Int(b)) => {
            let (a, b) = (*a, *b);
            Some(Int(match op {
                BinOp::Add => a.checked_add(b)?,
                BinOp::Sub => a.checked_sub(b)?,
                BinOp::Mul => a.checked_mul(b)?,
                // Python's `%` takes the divisor's sign, `//` rounds down.
                BinOp::Mod => {
                    let m = a.checked_rem(b)?;
                    if m != 0 && (m < 0) != (b < 0) {
                        m + b
                    } else {
                        m
                    }
                }
                BinOp::FloorDiv => {
                    let q = a.checked_div(b)?;
                    if a % b != 0 && (a < 0) != (b < 0) {
                        q - 1
                    } else {
                        q
                    }
                }
                _ => return None,
            }))
        }
        (Float(a), Float(b)) => float(*a, *b),
        // Python converts the int to the nearest float, as `as` does.
        (Int(a), Float(b)) => float(*a as f64, *b),
        (Float(a), Int(b)) => float(*a, *b as f64),
        _ => None,
    }
}

/// How many copies `seq * n` makes, refusing results too large to hold
/// (a MemoryError, as Python raises, rather than an abort).
fn repetitions(len: usize, n: i64) -> PyResult<usize> {
    let times = usize::try_from(n).unwrap_or(0);
    match len.checked_mul(times) {
        Some(total) if total <= super::value::MAX_SEQUENCE_LEN => Ok(times),
        _ => Err(PyErr::new(ExcKind::MemoryError, "")),
    }
}

fn repeat_items(items: &[Value], times: usize) -> Vec<Value> {
    std::iter::repeat_n(items, times)
        .flatten()
        .cloned()
        .collect()
}

/// A Python number, widened for arithmetic.
#[derive(Clone, Copy)]
pub enum Num {
    Int(i64),
    Float(f64),
    Complex(f64, f64),
}

fn number_op(op: BinOp, x: Num, y: Num) -> Option<PyResult<Value>> {
    use Num::*;
    Some(match (x, y) {
        (Int(a), Int(b)) => int_arith(op, a, b)?,
        (Complex(..), _) | (_, Complex(..)) => {
            let (a, b) = (as_complex(x), as_complex(y));
            complex_arith(op, a, b)?
        }
        _ => float_arith(op, as_float(x), as_float(y))?,
    })
}

fn as_float(n: Num) -> f64 {
    match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
        Num::Complex(re, _) => re,
    }
}

fn as_complex(n: Num) -> (f64, f64) {
    match n {
        Num::Complex(re, im) => (re, im),
        other => (as_float(other), 0.0),
    }
}

fn int_arith(op: BinOp, a: i64, b: i64) -> Option<PyResult<Value>> {
    // On overflow, redo the operation exactly with big ints.
    let big = || bigint::binary(op, &a.into(), &b.into()).unwrap_or_else(|| Err(int_overflow()));
    let checked = |r: Option<i64>| r.map_or_else(big, |v| Ok(Value::Int(v)));
    Some(match op {
        BinOp::Add => checked(a.checked_add(b)),
        BinOp::Sub => checked(a.checked_sub(b)),
        BinOp::Mul => checked(a.checked_mul(b)),
        BinOp::Div => {
            if b == 0 {
                Err(zero_division("division by zero"))
            } else {
                Ok(Value::Float(a as f64 / b as f64))
            }
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if b == 0 {
                return Some(Err(zero_division(if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                })));
            }
            // Only i64::MIN // -1 overflows: its quotient is a big int.
            let (Some(q), Some(r)) = (a.checked_div_euclid(b), a.checked_rem_euclid(b)) else {
                return Some(big());
            };
            // Python rounds toward negative infinity, euclid toward a positive remainder.
            let (q, r) = if b < 0 && r != 0 {
                (q + 1, r + b)
            } else {
                (q, r)
            };
            Ok(Value::Int(if op == BinOp::FloorDiv { q } else { r }))
        }
        BinOp::Pow => {
            if b < 0 {
                Ok(Value::Float((a as f64).powf(b as f64)))
            } else {
                checked(u32::try_from(b).ok().and_then(|e| a.checked_pow(e)))
            }
        }
        BinOp::LShift => checked(if (0..64).contains(&b) {
            a.checked_mul(1i64.checked_shl(b as u32)?)
        } else {
            None
        }),
        BinOp::RShift => Ok(Value::Int(if b >= 64 {
            if a < 0 {
                -1
            } else {
                0
            }
        } else {
            a >> b.max(0)
        })),
        BinOp::BitAnd => Ok(Value::Int(a & b)),
        BinOp::BitOr => Ok(Value::Int(a | b)),
        BinOp::BitXor => Ok(Value::Int(a ^ b)),
        BinOp::MatMul => return None,
    })
}

fn float_arith(op: BinOp, a: f64, b: f64) -> Option<PyResult<Value>> {
    Some(match op {
        BinOp::Add => Ok(Value::Float(a + b)),
        BinOp::Sub => Ok(Value::Float(a - b)),
        BinOp::Mul => Ok(Value::Float(a * b)),
        BinOp::Div => {
            if b == 0.0 {
                Err(zero_division("float division by zero"))
            } else {
                Ok(Value::Float(a / b))
            }
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if b == 0.0 {
                return Some(Err(zero_division(if op == BinOp::Mod {
                    "float modulo"
                } else {
                    "float floor division by zero"
                })));
            }
            let (q, r) = ops::float_divmod(a, b);
            Ok(Value::Float(if op == BinOp::FloorDiv { q } else { r }))
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                Err(zero_division("0.0 cannot be raised to a negative power"))
            } else if a < 0.0 && b.fract() != 0.0 {
                let (re, im) = complex_pow_f((a, 0.0), (b, 0.0));
                Ok(Value::Complex(re, im))
            } else {
                Ok(Value::Float(a.powf(b)))
            }
        }
        _ => return None,
    })
}

fn complex_pow_f((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> (f64, f64) {
    let r = ar.hypot(ai);
    let theta = ai.atan2(ar);
    let mag = (br * r.ln() - bi * theta).exp();
    let angle = bi * r.ln() + br * theta;
    (mag * angle.cos(), mag * angle.sin())
}

fn complex_arith(op: BinOp, (ar, ai): (f64, f64), (br, bi): (f64, f64)) -> Option<PyResult<Value>> {
    Some(match op {
        BinOp::Add => Ok(Value::Complex(ar + br, ai + bi)),
        BinOp::Sub => Ok(Value::Complex(ar - br, ai - bi)),
        BinOp::Mul => Ok(Value::Complex(ar * br - ai * bi, ar * bi + ai * br)),
        BinOp::Div => {
            let d = br * br + bi * bi;
            if d == 0.0 {
                Err(zero_division("complex division by zero"))
            } else {
                Ok(Value::Complex(
                    (ar * br + ai * bi) / d,
                    (ai * br - ar * bi) / d,
                ))
            }
        }
        BinOp::Pow => {
            if br == 0.0 && bi == 0.0 {
                Ok(Value::Complex(1.0, 0.0))
            } else {
                let (re, im) = complex_pow_f((ar, ai), (br, bi));
                Ok(Value::Complex(re, im))
            }
        }
        _ => return None,
    })
}

/// Python comparison of Python values.
pub fn compare(op: CmpOp, l: &Value, r: &Value) -> PyResult<bool> {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (l, r) {
        (Value::BigInt(_), _) | (_, Value::BigInt(_)) if bigint::operands(l, r).is_some() => {
            bigint::operands(l, r).map(|(a, b)| a.cmp(&b))
        }
        (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
        (Value::List(a), Value::List(b)) => {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                let eq = seq_eq(&a.borrow(), &b.borrow())?;
                return Ok(eq == (op == CmpOp::Eq));
            }
            None
        }
        (Value::Tuple(a), Value::Tuple(b)) => {
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                let eq = seq_eq(a, b)?;
                return Ok(eq == (op == CmpOp::Eq));
            }
            None
        }
        _ => match (convert::py_number(l), convert::py_number(r)) {
            (Some(Num::Int(a)), Some(Num::Int(b))) => Some(a.cmp(&b)),
            (Some(x @ Num::Complex(..)), Some(y)) | (Some(y), Some(x @ Num::Complex(..))) => {
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    let eq = as_complex(x) == as_complex(y);
                    return Ok(eq == (op == CmpOp::Eq));
                }
                None
            }
            (Some(x), Some(y)) => {
                let (a, b) = (as_float(x), as_float(y));
                match a.partial_cmp(&b) {
                    Some(o) => Some(o),
                    None => return Ok(op == CmpOp::Ne),
                }
            }
            _ => {
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    let eq = l.is(r) || convert::dtype_equality(l, r).unwrap_or(false);
                    return Ok(eq == (op == CmpOp::Eq));
                }
                None
            }
        },
    };
    let Some(ord) = ord else {
        let sym = match op {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            _ => ">=",
        };
        return Err(type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            l.type_name(),
            r.type_name()
        )));
    };
    Ok(match op {
        CmpOp::Lt => ord == Ordering::Less,
        CmpOp::Le => ord != Ordering::Greater,
        CmpOp::Gt => ord == Ordering::Greater,
        CmpOp::Ge => ord != Ordering::Less,
        CmpOp::Eq => ord == Ordering::Equal,
        _ => ord != Ordering::Equal,
    })
}

fn seq_eq(a: &[Value], b: &[Value]) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (x, y) in a.iter().zip(b) {
        if convert::is_numpy(x) || convert::is_numpy(y) {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                "comparing lists that hold NumPy values is not supported",
            ));
        }
        if !compare(CmpOp::Eq, x, y)? {
            return Ok(false);
        }
    }
    Ok(true)
}
