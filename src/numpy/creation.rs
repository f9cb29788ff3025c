//! Array creation: `array`, `asarray`, `arange`, `zeros`, `ones`, `empty`,
//! `full`, the `*_like` family, `linspace`, `eye`, `identity`, `copy`.

use crate::array::dtype::DType;
use crate::array::layout::Order;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert::{self, dims_arg, dtype_arg};
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};
use smallvec::smallvec;

use super::manipulation::copy_control;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "array" => ("array", copy_control::np_array),
        "asarray" => ("asarray", copy_control::np_asarray),
        "ascontiguousarray" => ("ascontiguousarray", copy_control::np_ascontiguousarray),
        "arange" => ("arange", arange),
        "zeros" => ("zeros", zeros),
        "ones" => ("ones", ones),
        "empty" => ("empty", zeros),
        "full" => ("full", full),
        "zeros_like" => ("zeros_like", zeros_like),
        "ones_like" => ("ones_like", ones_like),
        "empty_like" => ("empty_like", zeros_like),
        "full_like" => ("full_like", full_like),
        "linspace" => ("linspace", linspace),
        "eye" => ("eye", eye),
        "identity" => ("identity", identity),
        "copy" => ("copy", copy_control::np_copy),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// The `order=` argument: 'C', 'F', 'A' or 'K', resolved against `like`.
pub fn order_arg(v: Option<&Value>, like: Option<&Array>) -> PyResult<Order> {
    let text = order_text(v)?;
    let fortran_like = like.is_some_and(|a| a.is_f_contiguous() && !a.is_c_contiguous());
    match text.as_str() {
        "C" => Ok(Order::C),
        "F" => Ok(Order::F),
        "A" | "K" => Ok(if fortran_like { Order::F } else { Order::C }),
        _ => Err(value_error(format!(
            "order must be one of 'C', 'F', 'A', or 'K' (got '{text}')"
        ))),
    }
}

/// The `order=` letter as given, `K` when absent.
fn order_text(v: Option<&Value>) -> PyResult<String> {
    match v {
        None | Some(Value::None) => Ok("K".to_string()),
        Some(Value::Str(s)) => Ok(s.to_uppercase()),
        Some(other) => Err(type_error(format!(
            "order must be str, not {}",
            other.type_name()
        ))),
    }
}

/// Builds a new array of `shape` with every element `fill`.
fn filled(shape: &[usize], dtype: DType, fill: Scalar, order: Order) -> PyResult<Array> {
    if fill == Scalar::Int(0) {
        return Array::zeros(dtype, shape, order);
    }
    Array::full(dtype, shape, order, fill)
}

fn shape_dtype_order(name: &str, args: Args) -> PyResult<(Vec<usize>, DType, Order)> {
    let slots = args.bind(name, &["shape", "dtype", "order"])?;
    let shape = dims_arg(slots[0].as_ref().ok_or_else(|| {
        type_error(format!(
            "{name}() missing required argument 'shape' (pos 0)"
        ))
    })?)?;
    let dtype = slots[1]
        .as_ref()
        .map(dtype_arg)
        .transpose()?
        .flatten()
        .unwrap_or(DType::Float64);
    let order = match slots[2].as_ref() {
        Some(Value::Str(s)) if s.eq_ignore_ascii_case("F") => Order::F,
        _ => Order::C,
    };
    Ok((shape, dtype, order))
}

fn zeros(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let (shape, dtype, order) = shape_dtype_order("zeros", args)?;
    Ok(Value::Array(Array::zeros(dtype, &shape, order)?))
}

fn ones(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let (shape, dtype, order) = shape_dtype_order("ones", args)?;
    Ok(Value::Array(filled(&shape, dtype, Scalar::Int(1), order)?))
}

/// The dtype NumPy gives a fill value on its own.
fn fill_scalar(v: &Value) -> PyResult<(DType, Scalar)> {
    let a = convert::to_array(v)?;
    if a.ndim() != 0 {
        return Err(crate::error::PyErr::new(
            crate::error::ExcKind::NotImplementedError,
            "array fill values are not supported",
        ));
    }
    Ok((a.dtype(), a.get(&[])))
}

fn full(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("full", &["shape", "fill_value", "dtype", "order"])?;
    let shape = dims_arg(
        slots[0]
            .as_ref()
            .ok_or_else(|| type_error("full() missing required argument 'shape'"))?,
    )?;
    let fill = slots[1]
        .clone()
        .ok_or_else(|| type_error("full() missing required argument 'fill_value'"))?;
    let (natural, value) = fill_scalar(&fill)?;
    let dtype = slots[2]
        .as_ref()
        .map(dtype_arg)
        .transpose()?
        .flatten()
        .unwrap_or(natural);
    let order = order_arg(slots[3].as_ref(), None)?;
    check_fill_fits(&fill, dtype)?;
    Ok(Value::Array(filled(&shape, dtype, value, order)?))
}

/// NumPy fills with an unsafe cast, but a Python int must still fit an
/// integer dtype (NEP 50).
fn check_fill_fits(fill: &Value, dtype: DType) -> PyResult<()> {
    match convert::py_int(fill) {
        Some(i) if dtype.is_integer() => crate::array::promote::check_int_fits(i, dtype),
        _ => Ok(()),
    }
}

fn like(
    name: &str,
    args: Args,
    with_fill: bool,
) -> PyResult<(Array, DType, Order, Option<Scalar>)> {
    let names: &[&str] = if with_fill {
        &["a", "fill_value", "dtype", "order"]
    } else {
        &["a", "dtype", "order"]
    };
    let slots = args.bind(name, names)?;
    let proto = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let shift = usize::from(with_fill);
    let dtype = slots[1 + shift]
        .as_ref()
        .map(dtype_arg)
        .transpose()?
        .flatten()
        .unwrap_or(proto.dtype());
    let order = order_arg(slots[2 + shift].as_ref(), Some(&proto))?;
    let fill = if with_fill {
        let value = slots[1].as_ref().unwrap_or(&Value::Int(0));
        check_fill_fits(value, dtype)?;
        Some(fill_scalar(value)?.1)
    } else {
        None
    };
    Ok((proto, dtype, order, fill))
}

fn zeros_like(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let (proto, dtype, order, _) = like("zeros_like", args, false)?;
    Ok(Value::Array(Array::zeros(dtype, &proto.shape(), order)?))
}

fn ones_like(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let (proto, dtype, order, _) = like("ones_like", args, false)?;
    Ok(Value::Array(filled(
        &proto.shape(),
        dtype,
        Scalar::Int(1),
        order,
    )?))
}

fn full_like(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let (proto, dtype, order, fill) = like("full_like", args, true)?;
    Ok(Value::Array(filled(
        &proto.shape(),
        dtype,
        fill.unwrap_or(Scalar::Int(0)),
        order,
    )?))
}

fn number(v: &Value) -> PyResult<Scalar> {
    Ok(match v {
        Value::Bool(b) => Scalar::Int(*b as i64),
        Value::Int(i) => Scalar::Int(*i),
        Value::Float(f) => Scalar::Float(*f),
        Value::BigInt(b) => match convert::py_int(v).and_then(|i| u64::try_from(i).ok()) {
            Some(u) => Scalar::UInt(u),
            None => Scalar::Float(num_traits::ToPrimitive::to_f64(b.as_ref()).unwrap_or(f64::NAN)),
        },
        Value::NpScalar(d, s) if !d.is_complex() => *s,
        other => {
            return Err(type_error(format!(
                "unsupported operand type for arange: '{}'",
                other.type_name()
            )))
        }
    })
}

fn arange(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("arange", &["start", "stop", "step", "dtype"])?;
    let dtype_given = slots[3].as_ref().map(dtype_arg).transpose()?.flatten();
    let present: Vec<Scalar> = slots[..3]
        .iter()
        .flatten()
        .filter(|v| !matches!(v, Value::None))
        .map(number)
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match present.as_slice() {
        [stop] => (Scalar::Int(0), *stop, Scalar::Int(1)),
        [start, stop] => (*start, *stop, Scalar::Int(1)),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(type_error("arange() requires stop to be specified.")),
    };
    let all_int = [start, stop, step]
        .iter()
        .all(|s| matches!(s, Scalar::Int(_) | Scalar::UInt(_)));
    let dtype = dtype_given.unwrap_or(if all_int {
        DType::Int64
    } else {
        DType::Float64
    });
    if step.to_f64() == 0.0 {
        return Err(crate::error::PyErr::new(
            crate::error::ExcKind::ZeroDivisionError,
            "division by zero",
        ));
    }
    let (n, second) = if all_int {
        let int = |v: Scalar| match v {
            Scalar::Int(x) => x as i128,
            Scalar::UInt(x) => x as i128,
            other => other.to_f64() as i128,
        };
        let (a, b, s) = (int(start), int(stop), int(step));
        let n = if s > 0 && b > a {
            (b - a + s - 1) / s
        } else if s < 0 && a > b {
            (a - b - s - 1) / (-s)
        } else {
            0
        };
        (n as f64, int_value(a + s))
    } else {
        let (a, b, s) = (start.to_f64(), stop.to_f64(), step.to_f64());
        let n = ((b - a) / s).ceil();
        let n = if n.is_nan() || n < 0.0 { 0.0 } else { n };
        (n, Value::Float(a + s))
    };
    check_length(n, dtype)?;
    let n = n as usize;
    // NumPy stores the first two values as item assignments would, then
    // fills the rest as `first + i * (second - first)` computed in the
    // dtype itself (so float32 steps round as float32).
    let first = match present.len() {
        1 => Value::Int(0),
        _ => slots[0].clone().unwrap_or(Value::Int(0)),
    };
    let stored =
        |v: &Value| -> PyResult<Scalar> { Ok(convert::values_for_assignment(v, dtype)?.get(&[])) };
    let array = match n {
        0 => Array::zeros(dtype, &[0], Order::C)?,
        1 => Array::from_scalars(dtype, &[1], &[stored(&first)?])?,
        _ => arange_fill(dtype, stored(&first)?, stored(&second)?, n)?,
    };
    Ok(Value::Array(array))
}

fn int_value(v: i128) -> Value {
    match i64::try_from(v) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(v as f64),
    }
}

/// NumPy's per-dtype `fill`: `n` values continuing `first, second` with the
/// step `second - first`, in the dtype's own arithmetic. The values are
/// written straight into the new array, never collected first (a 10^7
/// arange must cost its own 80 MB and nothing more).
fn arange_fill(dtype: DType, first: Scalar, second: Scalar, n: usize) -> PyResult<Array> {
    use crate::array::dtype::Kind;
    let shape = [n];
    let head = [first, second];
    match dtype.kind() {
        Kind::Bool if n > 2 => Err(type_error(
            "arange() is only supported for booleans when the result has at most length 2.",
        )),
        Kind::Bool => Array::from_scalars(dtype, &shape, &head),
        Kind::Int | Kind::UInt => {
            // Two's complement bits: wrapping arithmetic is the C loop's.
            let bits = |v: Scalar| match v {
                Scalar::Int(x) => x as u64,
                Scalar::UInt(x) => x,
                other => other.to_f64() as i64 as u64,
            };
            let (start, delta) = (bits(first), bits(second).wrapping_sub(bits(first)));
            let rest = (2..n as u64).map(|i| {
                let v = start.wrapping_add(i.wrapping_mul(delta));
                crate::array::element::cast(Scalar::UInt(v), dtype)
            });
            Array::from_scalar_iter(dtype, &shape, head.into_iter().chain(rest))
        }
        Kind::Float | Kind::Complex => {
            let single = matches!(dtype, DType::Float32 | DType::Complex64);
            let part = |start: f64, second: f64, i: usize| {
                if single {
                    let (start, second) = (start as f32, second as f32);
                    (start + i as f32 * (second - start)) as f64
                } else {
                    start + i as f64 * (second - start)
                }
            };
            let ((r0, i0), (r1, i1)) = (first.to_complex(), second.to_complex());
            let rest = (2..n).map(|i| {
                let re = part(r0, r1, i);
                if dtype.is_complex() {
                    Scalar::Complex(re, part(i0, i1, i))
                } else {
                    Scalar::Float(re)
                }
            });
            Array::from_scalar_iter(dtype, &shape, head.into_iter().chain(rest))
        }
    }
}

/// NumPy's limits on an arange length: the count, then the bytes, must fit
/// a signed machine word.
fn check_length(n: f64, dtype: DType) -> PyResult<()> {
    if n > isize::MAX as f64 {
        return Err(value_error("Maximum allowed size exceeded"));
    }
    if n * dtype.itemsize() as f64 > isize::MAX as f64 {
        return Err(value_error(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        ));
    }
    Ok(())
}

fn linspace(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "linspace",
        &["start", "stop", "num", "endpoint", "retstep", "dtype"],
    )?;
    let start_value = slots[0].clone().unwrap_or(Value::Int(0));
    let stop_value = slots[1]
        .clone()
        .ok_or_else(|| type_error("linspace() missing required argument 'stop'"))?;
    let start = number(&start_value)?.to_f64();
    let stop = number(&stop_value)?.to_f64();
    let num = match &slots[2] {
        Some(v) => convert::index_value(v)?,
        None => 50,
    };
    if num < 0 {
        return Err(value_error(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let endpoint = !matches!(slots[3], Some(Value::Bool(false)));
    // NumPy computes in the inexact common dtype of start and stop
    // (float32 for float32 scalars), then casts to `dtype`.
    let computed = linspace_dtype(&start_value, &stop_value)?;
    let dtype = slots[5]
        .as_ref()
        .map(dtype_arg)
        .transpose()?
        .flatten()
        .unwrap_or(computed);
    let single = computed == DType::Float32;
    let r = |x: f64| if single { x as f32 as f64 } else { x };
    let num = num as usize;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = r(r(stop) - r(start));
    let step = if div > 0 {
        r(delta / div as f64)
    } else {
        f64::NAN
    };
    let last = num.wrapping_sub(1);
    let values = (0..num).map(|i| {
        let y = if div > 0 && step != 0.0 {
            r(i as f64 * step)
        } else if div > 0 {
            r(r(i as f64 / div as f64) * delta)
        } else {
            r(i as f64 * delta)
        };
        let v = if endpoint && num > 1 && i == last {
            r(stop)
        } else {
            r(y + start)
        };
        Scalar::Float(if dtype.is_integer() { v.floor() } else { v })
    });
    // Written straight into the array: a huge `num` is NumPy's MemoryError
    // from the allocation, and nothing is collected on the way.
    let owner = Array::from_scalar_iter(dtype, &[num], values)?;
    // NumPy's result is a view of an internal temporary.
    let itemsize = dtype.itemsize() as isize;
    let result = owner.view_with(dtype, smallvec![num], smallvec![itemsize], 0);
    if matches!(slots[4], Some(Value::Bool(true))) {
        let step = Value::NpScalar(computed, Scalar::Float(step));
        return Ok(Value::tuple(vec![Value::Array(result), step]));
    }
    Ok(Value::Array(result))
}

/// The dtype linspace computes in: the common dtype of its ends, made
/// inexact (ints and bools become float64).
fn linspace_dtype(start: &Value, stop: &Value) -> PyResult<DType> {
    use crate::array::promote::{common_dtype, OperandType};
    let kind = |v: &Value| match v {
        Value::Array(a) => OperandType::Strong(a.dtype()),
        Value::NpScalar(d, _) => OperandType::Strong(*d),
        Value::Complex(..) => OperandType::PyComplex,
        _ => OperandType::PyFloat,
    };
    let dtype = common_dtype(&[kind(start), kind(stop), OperandType::PyFloat]);
    if dtype.is_complex() {
        return Err(crate::error::PyErr::new(
            crate::error::ExcKind::NotImplementedError,
            "complex linspace is not supported",
        ));
    }
    Ok(dtype)
}

fn eye(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("eye", &["N", "M", "k", "dtype", "order"])?;
    let n = convert::index_value(slots[0].as_ref().unwrap_or(&Value::Int(0)))?;
    let m = match &slots[1] {
        Some(Value::None) | None => n,
        Some(v) => convert::index_value(v)?,
    };
    let k = match &slots[2] {
        Some(v) => convert::index_value(v)?,
        None => 0,
    };
    let dtype = slots[3]
        .as_ref()
        .map(dtype_arg)
        .transpose()?
        .flatten()
        .unwrap_or(DType::Float64);
    let (rows, cols) = (
        usize::try_from(n).map_err(|_| value_error("negative dimensions are not allowed"))?,
        usize::try_from(m).map_err(|_| value_error("negative dimensions are not allowed"))?,
    );
    let mut values = vec![Scalar::Int(0); rows * cols];
    for i in 0..rows as i64 {
        let j = i + k;
        if j >= 0 && (j as usize) < cols {
            values[i as usize * cols + j as usize] = Scalar::Int(1);
        }
    }
    Ok(Value::Array(Array::from_scalars(
        dtype,
        &[rows, cols],
        &values,
    )?))
}

fn identity(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("identity", &["n", "dtype"])?;
    let mut call = Args::positional(vec![slots[0].clone().unwrap_or(Value::Int(0))]);
    if let Some(d) = &slots[1] {
        call.keywords.push(("dtype".into(), d.clone()));
    }
    eye(interp, r, call)
}
