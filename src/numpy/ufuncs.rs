//! Ufuncs as functions (`np.add(a, b, out=c)`, `np.sqrt(a)`), reductions
//! (`np.sum`, `np.mean`, ...) and the memory-sharing queries.

use crate::array::dtype::{DType, Kind};
use crate::array::element;
use crate::array::ops::{self, BinaryOp};
use crate::array::overlap::{self, Extent};
use crate::array::reduce::{normalize_axis, ReduceOp};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, ExcKind, PyErr, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

use super::{math_warnings, ufunc_call};
use crate::array::fpstatus;
use crate::interp::warnings;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "add" => ("add", |i, r, a| binary(i, r, a, BinaryOp::Add)),
        "subtract" => ("subtract", |i, r, a| binary(i, r, a, BinaryOp::Subtract)),
        "multiply" => ("multiply", |i, r, a| binary(i, r, a, BinaryOp::Multiply)),
        "divide" | "true_divide" => ("divide", |i, r, a| binary(i, r, a, BinaryOp::Divide)),
        "floor_divide" => ("floor_divide", |i, r, a| {
            binary(i, r, a, BinaryOp::FloorDivide)
        }),
        "mod" | "remainder" => ("remainder", |i, r, a| binary(i, r, a, BinaryOp::Remainder)),
        "power" => ("power", |i, r, a| binary(i, r, a, BinaryOp::Power)),
        "maximum" => ("maximum", |i, r, a| binary(i, r, a, BinaryOp::Maximum)),
        "minimum" => ("minimum", |i, r, a| binary(i, r, a, BinaryOp::Minimum)),
        "equal" => ("equal", |i, r, a| binary(i, r, a, BinaryOp::Equal)),
        "not_equal" => ("not_equal", |i, r, a| binary(i, r, a, BinaryOp::NotEqual)),
        "less" => ("less", |i, r, a| binary(i, r, a, BinaryOp::Less)),
        "less_equal" => ("less_equal", |i, r, a| binary(i, r, a, BinaryOp::LessEqual)),
        "greater" => ("greater", |i, r, a| binary(i, r, a, BinaryOp::Greater)),
        "greater_equal" => ("greater_equal", |i, r, a| {
            binary(i, r, a, BinaryOp::GreaterEqual)
        }),
        "bitwise_and" => ("bitwise_and", |i, r, a| binary(i, r, a, BinaryOp::BitAnd)),
        "bitwise_or" => ("bitwise_or", |i, r, a| binary(i, r, a, BinaryOp::BitOr)),
        "bitwise_xor" => ("bitwise_xor", |i, r, a| binary(i, r, a, BinaryOp::BitXor)),
        "negative" => ("negative", |i, r, a| unary(i, r, a, ops::UnaryOp::Negative)),
        "positive" => ("positive", |i, r, a| unary(i, r, a, ops::UnaryOp::Positive)),
        "absolute" | "abs" => ("absolute", |i, r, a| unary(i, r, a, ops::UnaryOp::Absolute)),
        "invert" => ("invert", |i, r, a| unary(i, r, a, ops::UnaryOp::Invert)),
        "sqrt" => ("sqrt", |i, r, a| float_math(i, r, a, "sqrt", f64::sqrt)),
        "exp" => ("exp", |i, r, a| float_math(i, r, a, "exp", f64::exp)),
        "log" => ("log", |i, r, a| float_math(i, r, a, "log", f64::ln)),
        "log2" => ("log2", |i, r, a| float_math(i, r, a, "log2", f64::log2)),
        "log10" => ("log10", |i, r, a| float_math(i, r, a, "log10", f64::log10)),
        "sin" => ("sin", |i, r, a| float_math(i, r, a, "sin", f64::sin)),
        "cos" => ("cos", |i, r, a| float_math(i, r, a, "cos", f64::cos)),
        "tan" => ("tan", |i, r, a| float_math(i, r, a, "tan", f64::tan)),
        "arcsin" => ("arcsin", |i, r, a| float_math(i, r, a, "arcsin", f64::asin)),
        "arccos" => ("arccos", |i, r, a| float_math(i, r, a, "arccos", f64::acos)),
        "arctan" => ("arctan", |i, r, a| float_math(i, r, a, "arctan", f64::atan)),
        "sinh" => ("sinh", |i, r, a| float_math(i, r, a, "sinh", f64::sinh)),
        "cosh" => ("cosh", |i, r, a| float_math(i, r, a, "cosh", f64::cosh)),
        "tanh" => ("tanh", |i, r, a| float_math(i, r, a, "tanh", f64::tanh)),
        "arcsinh" => ("arcsinh", |i, r, a| {
            float_math(i, r, a, "arcsinh", f64::asinh)
        }),
        "arccosh" => ("arccosh", |i, r, a| {
            float_math(i, r, a, "arccosh", f64::acosh)
        }),
        "arctanh" => ("arctanh", |i, r, a| {
            float_math(i, r, a, "arctanh", f64::atanh)
        }),
        "exp2" => ("exp2", |i, r, a| float_math(i, r, a, "exp2", f64::exp2)),
        "expm1" => ("expm1", |i, r, a| float_math(i, r, a, "expm1", f64::exp_m1)),
        "log1p" => ("log1p", |i, r, a| float_math(i, r, a, "log1p", f64::ln_1p)),
        "cbrt" => ("cbrt", |i, r, a| float_math(i, r, a, "cbrt", f64::cbrt)),
        "deg2rad" | "radians" => ("deg2rad", |i, r, a| {
            float_math(i, r, a, "deg2rad", f64::to_radians)
        }),
        "rad2deg" | "degrees" => ("rad2deg", |i, r, a| {
            float_math(i, r, a, "rad2deg", f64::to_degrees)
        }),
        "floor" => ("floor", |i, r, a| float_math(i, r, a, "floor", f64::floor)),
        "ceil" => ("ceil", |i, r, a| float_math(i, r, a, "ceil", f64::ceil)),
        "trunc" => ("trunc", |i, r, a| float_math(i, r, a, "trunc", f64::trunc)),
        "rint" => ("rint", |i, r, a| {
            float_math(i, r, a, "rint", f64::round_ties_even)
        }),
        "round" | "around" => ("round", round),
        "isnan" => ("isnan", |i, r, a| {
            predicate(i, r, a, "isnan", |re, im| re.is_nan() || im.is_nan())
        }),
        "isinf" => ("isinf", |i, r, a| {
            predicate(i, r, a, "isinf", |re, im| {
                re.is_infinite() || im.is_infinite()
            })
        }),
        "isfinite" => ("isfinite", |i, r, a| {
            predicate(i, r, a, "isfinite", |re, im| {
                re.is_finite() && im.is_finite()
            })
        }),
        "sum" => ("sum", |i, r, a| reduction(i, r, a, ReduceOp::Sum)),
        "prod" => ("prod", |i, r, a| reduction(i, r, a, ReduceOp::Prod)),
        "min" | "amin" => ("min", |i, r, a| reduction(i, r, a, ReduceOp::Min)),
        "max" | "amax" => ("max", |i, r, a| reduction(i, r, a, ReduceOp::Max)),
        "mean" => ("mean", |i, r, a| reduction(i, r, a, ReduceOp::Mean)),
        "any" => ("any", |i, r, a| reduction(i, r, a, ReduceOp::Any)),
        "all" => ("all", |i, r, a| reduction(i, r, a, ReduceOp::All)),
        "argmin" => ("argmin", |i, r, a| reduction(i, r, a, ReduceOp::ArgMin)),
        "argmax" => ("argmax", |i, r, a| reduction(i, r, a, ReduceOp::ArgMax)),
        "shares_memory" => ("shares_memory", |i, r, a| sharing(i, r, a, true)),
        "may_share_memory" => ("may_share_memory", |i, r, a| sharing(i, r, a, false)),
        "shape" => ("shape", |i, _, a| forward(i, a, "shape", &["a"])),
        "ndim" => ("ndim", |i, _, a| forward(i, a, "ndim", &["a"])),
        "size" => ("size", |i, _, a| forward(i, a, "size", &["a"])),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// `np.f(a, ...)` for functions that are array methods: `a.f(...)`.
fn forward(interp: &mut Interp, args: Args, method: &str, names: &[&str]) -> PyResult<Value> {
    let slots = args.bind(method, names)?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let attr = super::methods::array_attr(&a, method)?.unwrap_or(Value::None);
    if !matches!(attr, Value::Builtin(_)) {
        return Ok(attr);
    }
    let mut rest = Args::default();
    for (name, v) in names.iter().zip(&slots).skip(1) {
        if let Some(v) = v {
            rest.keywords.push((name.to_string(), v.clone()));
        }
    }
    interp.call_value(&attr, rest)
}

fn out_arg(v: Option<&Value>) -> PyResult<Option<Array>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Array(a)) => Ok(Some(a.clone())),
        Some(Value::Tuple(t)) if t.len() == 1 => out_arg(t.first()),
        Some(_) => Err(type_error("return arrays must be of ArrayType")),
    }
}

fn operand_shape(op: &ops::Operand) -> Vec<usize> {
    match op {
        ops::Operand::Array(a) => a.shape(),
        _ => vec![],
    }
}

/// `op(a, b)` into a new array, its RuntimeWarnings recorded on `interp`.
fn binary_warned(
    interp: &mut Interp,
    op: BinaryOp,
    a: &ops::Operand,
    b: &ops::Operand,
) -> PyResult<Array> {
    let (result, raised) = ops::binary_watched(op, a, b, None)?;
    for message in warnings::ufunc_call_warnings(op, a, b, &result, raised) {
        interp.warn(message);
    }
    Ok(result)
}

/// `op` as a ufunc call: `np.add(a, b)`, `np.add(a, b, out=c)`, with the
/// RuntimeWarnings NumPy gives.
fn binary(interp: &mut Interp, _: Option<&Value>, args: Args, op: BinaryOp) -> PyResult<Value> {
    let call = ufunc_call::parse(op.ufunc_name(), 2, args)?;
    if call.is_plain() && call.out.is_none() {
        // Python ints out of the array's range answer as the operators do.
        let input = |i: usize| call.inputs.get(i).cloned().unwrap_or(Value::None);
        let (op, a, b) = convert::binary_operands(op, &input(0), &input(1))?;
        return Ok(ufunc_result(binary_warned(interp, op, &a, &b)?));
    }
    let a = call.operand_in(0, call.dtype)?;
    let b = call.operand_in(1, call.dtype)?;
    if let Some(o) = &call.out {
        // NumPy reports a read-only output, then operands that cannot
        // broadcast (naming the output's shape too), before computing.
        if !o.data().writeable {
            return Err(crate::error::value_error("output array is read-only"));
        }
        let dtype = ops::binary(op, &zero_like(&a)?, &zero_like(&b)?, None)?.dtype();
        call.check_output_cast(dtype, o)?;
        ops::broadcast_all(&[operand_shape(&a), operand_shape(&b), o.shape()])?;
        if call.is_plain() {
            // Straight into `out`: the typed loops, no temporary result.
            // The warnings read the inputs after the loop, so inputs the
            // loop may overwrite are copied first.
            let (a, b) = (unaliased(a, o)?, unaliased(b, o)?);
            let (_, raised) = ops::binary_watched(op, &a, &b, Some(o))?;
            for message in warnings::ufunc_call_warnings(op, &a, &b, o, raised) {
                interp.warn(message);
            }
            return Ok(Value::Array(o.clone()));
        }
    }
    let result = binary_warned(interp, op, &a, &b)?;
    let loop_dtype = match op {
        BinaryOp::Equal
        | BinaryOp::NotEqual
        | BinaryOp::Less
        | BinaryOp::LessEqual
        | BinaryOp::Greater
        | BinaryOp::GreaterEqual => crate::array::promote::promote(
            operand_dtype(&a, result.dtype()),
            operand_dtype(&b, result.dtype()),
        ),
        _ => result.dtype(),
    };
    call.check_inputs(&[a.clone(), b.clone()], loop_dtype)?;
    call.finish(result, &[operand_shape(&a), operand_shape(&b)])
}

/// `op`, or a copy of it when it shares memory with `out`.
fn unaliased(op: ops::Operand, out: &Array) -> PyResult<ops::Operand> {
    Ok(match op {
        ops::Operand::Array(a) if std::rc::Rc::ptr_eq(&a.data().buffer, &out.data().buffer) => {
            ops::Operand::Array(a.copy()?)
        }
        other => other,
    })
}

/// A 0-d zero of an array operand's dtype (Python scalars stay): enough to
/// learn the result dtype without computing anything.
fn zero_like(op: &ops::Operand) -> PyResult<ops::Operand> {
    Ok(match op {
        ops::Operand::Array(a) => ops::Operand::Array(Array::zeros(
            a.dtype(),
            &[],
            crate::array::layout::Order::C,
        )?),
        other => other.clone(),
    })
}

fn operand_dtype(op: &ops::Operand, fallback: DType) -> DType {
    match op {
        ops::Operand::Array(a) => a.dtype(),
        _ => fallback,
    }
}

/// The input of a one-input ufunc, converted to `dtype=` when given.
fn unary_input(call: &ufunc_call::UfuncCall) -> PyResult<Array> {
    match call.operand_in(0, call.dtype)? {
        ops::Operand::Array(a) => Ok(a),
        _ => convert::to_array(call.inputs.first().unwrap_or(&Value::None)),
    }
}

fn unary_name(op: ops::UnaryOp) -> &'static str {
    match op {
        ops::UnaryOp::Negative => "negative",
        ops::UnaryOp::Positive => "positive",
        ops::UnaryOp::Absolute => "absolute",
        ops::UnaryOp::Invert => "invert",
    }
}

fn unary(_: &mut Interp, _: Option<&Value>, args: Args, op: ops::UnaryOp) -> PyResult<Value> {
    let call = ufunc_call::parse(unary_name(op), 1, args)?;
    let a = unary_input(&call)?;
    let result = ops::unary(op, &a)?;
    call.check_inputs(&[ops::Operand::Array(a.clone())], result.dtype())?;
    call.finish(result, &[a.shape()])
}

/// The float dtype a float ufunc computes in for `d`.
fn float_dtype(d: DType) -> DType {
    match d.kind() {
        Kind::Float | Kind::Complex => d,
        _ if d.itemsize() <= 2 => DType::Float32,
        _ => DType::Float64,
    }
}

fn no_loop(name: &str) -> PyErr {
    type_error(format!(
        "No loop matching the specified signature and casting was found for ufunc {name}"
    ))
}

fn float_math(
    interp: &mut Interp,
    _: Option<&Value>,
    args: Args,
    name: &'static str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let call = ufunc_call::parse(name, 1, args)?;
    let integral_keeps_type = matches!(name, "floor" | "ceil" | "trunc" | "rint");
    if call
        .dtype
        .is_some_and(|d| !d.is_float() && !d.is_complex() && !integral_keeps_type)
    {
        return Err(no_loop(name));
    }
    let a = unary_input(&call)?;
    let dtype = if integral_keeps_type && a.dtype().is_integer() {
        a.dtype()
    } else {
        float_dtype(a.dtype())
    };
    if dtype.is_complex() {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("complex {name} is not supported"),
        ));
    }
    call.check_inputs(&[ops::Operand::Array(a.clone())], dtype)?;
    let (result, raised) = fpstatus::watch(|| crate::array::kernels::ufunc::map_f64(&a, dtype, f));
    let result = result?;
    for message in math_warnings::float_math_warnings(name, &a, dtype, &result, raised) {
        interp.warn(message);
    }
    call.finish(result, &[a.shape()])
}

fn predicate(
    _: &mut Interp,
    _: Option<&Value>,
    args: Args,
    name: &'static str,
    f: fn(f64, f64) -> bool,
) -> PyResult<Value> {
    let call = ufunc_call::parse(name, 1, args)?;
    let a = convert::to_array(call.inputs.first().unwrap_or(&Value::None))?;
    // Read element by element straight into the result: no Scalar copy of
    // a large input.
    let result = {
        let d = a.data();
        let bytes = d.buffer.bytes();
        let values = a.offsets().map(|off| {
            let (re, im) = element::read(d.dtype, &bytes, off).to_complex();
            Scalar::Bool(f(re, im))
        });
        Array::from_scalar_iter(DType::Bool, &d.shape, values)?
    };
    call.finish(result, &[a.shape()])
}

fn round(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("round", &["a", "decimals", "out"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    round_call(&a, slots[1].as_ref(), slots[2].as_ref())
}

/// `np.round(a, decimals, out)` and `a.round(decimals, out)`. NumPy
/// composes the rounding from ufuncs, and its `out` messages name them.
pub fn round_call(a: &Array, decimals: Option<&Value>, out: Option<&Value>) -> PyResult<Value> {
    let decimals = match decimals {
        Some(v) => convert::index_value(v)?,
        None => 0,
    };
    let result = round_array(a, decimals)?;
    let Some(out) = out_arg(out)? else {
        return Ok(ufunc_result(result));
    };
    if !out.data().writeable {
        return Err(crate::error::value_error("output array is read-only"));
    }
    if out.shape() != result.shape() {
        return Err(crate::error::value_error("invalid output shape"));
    }
    let integral = a.dtype().is_integer() || a.dtype() == DType::Bool;
    let (name, dtype) = match decimals {
        0 => ("rint", result.dtype()),
        d if d > 0 => ("multiply", result.dtype()),
        _ if integral => ("divide", DType::Float64),
        _ => ("divide", result.dtype()),
    };
    if !(integral && decimals >= 0) {
        ops::check_output(name, dtype, &out, &result.shape())?;
    }
    crate::array::ndarray::copy_elements(&result, &out);
    Ok(Value::Array(out))
}

/// `np.round`: NumPy scales by 10**decimals, rounds half to even, scales back.
pub fn round_array(a: &Array, decimals: i64) -> PyResult<Array> {
    let dtype = a.dtype();
    if dtype.is_integer() && decimals >= 0 || dtype == DType::Bool {
        return a.copy();
    }
    let scale = 10f64.powi(decimals.unsigned_abs().min(400) as i32);
    // Single-precision dtypes round with every step in single precision.
    let single = matches!(dtype, DType::Float32 | DType::Complex64);
    let r = |x: f64| {
        if single {
            let (x, scale) = (x as f32, scale as f32);
            let y = if decimals >= 0 {
                (x * scale).round_ties_even() / scale
            } else {
                (x / scale).round_ties_even() * scale
            };
            return y as f64;
        }
        if decimals >= 0 {
            (x * scale).round_ties_even() / scale
        } else {
            (x / scale).round_ties_even() * scale
        }
    };
    let values: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|v| match v {
            Scalar::Complex(re, im) => element::cast(Scalar::Complex(r(re), r(im)), dtype),
            other => element::cast(Scalar::Float(r(other.to_f64())), dtype),
        })
        .collect();
    Array::from_scalars(dtype, &a.shape(), &values)
}

/// Parses an `axis=` argument into sorted, checked axes (None: all).
pub fn axes_arg(v: Option<&Value>, ndim: usize) -> PyResult<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Tuple(items)) => items
            .iter()
            .map(|x| normalize_axis(convert::index_value(x)?, ndim))
            .collect::<PyResult<Vec<_>>>()
            .map(Some),
        Some(other) => {
            let axis = convert::index_value(other).map_err(|_| {
                type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                ))
            })?;
            Ok(Some(vec![normalize_axis(axis, ndim)?]))
        }
    }
}

/// `np.sum(a, axis=None, dtype=None, out=None, keepdims=False)` and friends.
fn reduction(i: &mut Interp, r: Option<&Value>, args: Args, op: ReduceOp) -> PyResult<Value> {
    super::reductions::function(i, r, args, op)
}

fn extent(a: &Array) -> Extent {
    let d = a.data();
    Extent {
        offset: d.offset,
        shape: d.shape.to_vec(),
        strides: d.strides.to_vec(),
        itemsize: d.dtype.itemsize(),
    }
}

fn sharing(_: &mut Interp, _: Option<&Value>, args: Args, exact: bool) -> PyResult<Value> {
    let name = if exact {
        "shares_memory"
    } else {
        "may_share_memory"
    };
    let slots = args.bind(name, &["a", "b", "max_work"])?;
    let (Some(x), Some(y)) = (&slots[0], &slots[1]) else {
        return Err(type_error(format!("{name}() missing required argument")));
    };
    let (Value::Array(a), Value::Array(b)) = (x, y) else {
        return Ok(Value::Bool(false));
    };
    if !std::rc::Rc::ptr_eq(&a.buffer(), &b.buffer()) {
        return Ok(Value::Bool(false));
    }
    let (ea, eb) = (extent(a), extent(b));
    let max_work = match &slots[2] {
        None | Some(Value::None) => None,
        Some(v) => Some(convert::index_value(v)?),
    };
    if !exact && max_work.is_none() {
        return Ok(Value::Bool(overlap::may_share_memory(&ea, &eb)));
    }
    let budget = max_work.map(|w| w.max(0) as u64);
    match overlap::shares_memory(&ea, &eb, budget) {
        Ok(shared) => Ok(Value::Bool(shared)),
        Err(_) => Err(PyErr::new(ExcKind::TooHardError, "Exceeded max_work")),
    }
}
