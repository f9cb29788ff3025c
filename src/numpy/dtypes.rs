//! Scalar types and questions about dtypes: `np.int8(5)` and friends,
//! `np.result_type`, `np.promote_types`, `np.can_cast`. The rules
//! themselves live in `array/promote.rs`; this file turns Python arguments
//! into dtypes, operand kinds and NumPy scalars.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::promote::check_int_fits;
use crate::array::promote::{
    can_cast as can_cast_rule, common_dtype, promote, Casting, OperandType,
};
use crate::array::scalar::Scalar;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert::{self, dtype_arg};
use crate::interp::text::repr_plain;
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

/// `np.int8(5)`, `np.float32('1.5')`, `np.complex64(1, 2)`: a NumPy scalar
/// of `dtype`, or an array of it when given a sequence.
pub fn scalar_call(dtype: DType, args: Args) -> PyResult<Value> {
    let most = if dtype.is_complex() { 2 } else { 1 };
    if args.positional.len() > most {
        let given = args.positional.len();
        return Err(type_error(match (dtype, most) {
            (DType::Bool, _) => format!("bool_() takes at most 1 argument ({given} given)"),
            (_, 1) => format!("function takes at most 1 argument ({given} given)"),
            _ => format!("function takes at most 2 arguments ({given} given)"),
        }));
    }
    let mut positional = args.positional.into_iter();
    let v = positional.next().unwrap_or(Value::Int(0));
    if let Some(imag) = positional.next() {
        return complex_from_parts(dtype, &v, &imag);
    }
    let s = match &v {
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Int(i) => {
            check_int_fits(*i, dtype)?;
            Scalar::Int(*i)
        }
        Value::Float(f) => Scalar::Float(*f),
        Value::Complex(re, im) => Scalar::Complex(*re, *im),
        Value::NpScalar(_, s) => *s,
        // Python's conversions: None is NaN for floats, false for bools.
        Value::None if dtype.is_integer() => return Err(type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
        )),
        Value::None if dtype == DType::Bool => Scalar::Bool(false),
        Value::None => Scalar::Complex(f64::NAN, f64::NAN),
        Value::Str(text) => scalar_from_text(dtype, text)?,
        other => {
            let a = convert::array_from_value(other, Some(dtype))?;
            return Ok(convert::ufunc_result(a));
        }
    };
    Ok(Value::NpScalar(dtype, element::cast(s, dtype)))
}

/// `np.complex128(re, im)`: `re + im * 1j`, where `im` must be real and
/// only a NumPy scalar may bring an imaginary part in `re`.
fn complex_from_parts(dtype: DType, re: &Value, im: &Value) -> PyResult<Value> {
    let parts = |x: &Value, real_only: bool| -> Option<(f64, f64)> {
        match x {
            Value::Bool(b) => Some((*b as u8 as f64, 0.0)),
            Value::Int(i) => Some((*i as f64, 0.0)),
            Value::Float(f) => Some((*f, 0.0)),
            Value::NpScalar(d, s) if !real_only || !d.is_complex() => Some(s.to_complex()),
            _ => None,
        }
    };
    let (Some((a, b)), Some((c, _))) = (parts(re, false), parts(im, true)) else {
        return Err(type_error(format!(
            "Could not convert arguments into a complex scalar. '{}' given.",
            repr_plain(&Value::tuple(vec![re.clone(), im.clone()]))
        )));
    };
    let s = Scalar::Complex(a, b + c);
    Ok(Value::NpScalar(dtype, element::cast(s, dtype)))
}

/// A scalar from a string, as `int()`, `float()`, `complex()` or `bool()`
/// would read it.
fn scalar_from_text(dtype: DType, text: &str) -> PyResult<Scalar> {
    if dtype == DType::Bool {
        return Ok(Scalar::Bool(!text.is_empty()));
    }
    if dtype.is_integer() {
        let parsed: i64 = text.trim().replace('_', "").parse().map_err(|_| {
            value_error(format!("invalid literal for int() with base 10: '{text}'"))
        })?;
        check_int_fits(parsed, dtype)?;
        return Ok(Scalar::Int(parsed));
    }
    if dtype.is_complex() {
        return parse_complex(text)
            .map(|(re, im)| Scalar::Complex(re, im))
            .ok_or_else(|| value_error("complex() arg is a malformed string"));
    }
    parse_float(text.trim())
        .map(Scalar::Float)
        .ok_or_else(|| value_error(format!("could not convert string to float: '{text}'")))
}

/// Python's float syntax (Rust's parser also takes `inf`, `nan`, `infinity`).
fn parse_float(text: &str) -> Option<f64> {
    let plain = text.replace('_', "");
    let ok = !plain.is_empty()
        && plain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'));
    ok.then(|| plain.parse().ok()).flatten()
}

/// Python's `complex('1+2j')` forms: `a`, `bj`, `a+bj`, optionally in
/// parentheses.
fn parse_complex(text: &str) -> Option<(f64, f64)> {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|inner| inner.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return parse_float(t).map(|re| (re, 0.0));
    };
    // The imaginary part starts at the last sign that is not an exponent's.
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    let imag = |s: &str| match s {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        other => parse_float(other),
    };
    match split {
        Some(i) => Some((parse_float(&body[..i])?, imag(&body[i..])?)),
        None => Some((0.0, imag(body)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_strings_like_python() {
        assert_eq!(parse_complex("1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex("(1-2.5j)"), Some((1.0, -2.5)));
        assert_eq!(parse_complex("2"), Some((2.0, 0.0)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1e-3+1e+2j"), Some((1e-3, 100.0)));
        assert_eq!(parse_complex("x"), None);
        assert_eq!(parse_complex("1+"), None);
    }
}
