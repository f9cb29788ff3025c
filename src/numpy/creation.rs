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

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "array" => ("array", array),
        "asarray" => ("asarray", asarray),
        "ascontiguousarray" => ("ascontiguousarray", ascontiguousarray),
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
        "copy" => ("copy", copy),
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

fn copy_flag(v: Option<&Value>) -> PyResult<Option<bool>> {
    Ok(match v {
        None => Some(true),
        Some(Value::None) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => Some(!matches!(other, Value::Int(0))),
    })
}

fn array(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "array",
        &["object", "dtype", "copy", "order", "subok", "ndmin"],
    )?;
    let object = slots[0]
        .clone()
        .ok_or_else(|| type_error("array() missing required argument 'object' (pos 0)"))?;
    let dtype = slots[1].as_ref().map(dtype_arg).transpose()?.flatten();
    let copy = copy_flag(slots[2].as_ref())?;
    make_array(&object, dtype, copy, slots[3].as_ref())
}

fn avoid_copy_error() -> crate::error::PyErr {
    value_error("Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\nFor more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.")
}

fn make_array(
    object: &Value,
    dtype: Option<DType>,
    copy: Option<bool>,
    order: Option<&Value>,
) -> PyResult<Value> {
    if let Value::Array(a) = object {
        let target = dtype.unwrap_or(a.dtype());
        let layout_ok = match order_text(order)?.as_str() {
            "C" => a.is_c_contiguous(),
            "F" => a.is_f_contiguous(),
            _ => true,
        };
        if copy != Some(true) && target == a.dtype() && layout_ok {
            return Ok(object.clone());
        }
        if copy == Some(false) {
            return Err(avoid_copy_error());
        }
        let order = order_arg(order, Some(a))?;
        return Ok(Value::Array(a.copy_as(target, order)?));
    }
    if copy == Some(false) {
        return Err(avoid_copy_error());
    }
    let a = convert::array_from_value(object, dtype)?;
    Ok(Value::Array(a))
}

fn asarray(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("asarray", &["a", "dtype", "order", "copy"])?;
    let object = slots[0]
        .clone()
        .ok_or_else(|| type_error("asarray() missing required argument 'a' (pos 0)"))?;
    let dtype = slots[1].as_ref().map(dtype_arg).transpose()?.flatten();
    let copy = match slots[3].as_ref() {
        None => None,
        other => copy_flag(other)?,
    };
    make_array(&object, dtype, copy, slots[2].as_ref())
}

fn ascontiguousarray(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("ascontiguousarray", &["a", "dtype"])?;
    let object = slots[0].clone().unwrap_or(Value::None);
    let dtype = slots[1].as_ref().map(dtype_arg).transpose()?.flatten();
    make_array(&object, dtype, None, Some(&Value::str("C")))
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
    Ok(Value::Array(filled(&shape, dtype, value, order)?))
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
        Some(fill_scalar(slots[1].as_ref().unwrap_or(&Value::Int(0)))?.1)
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
    // Values are generated straight into the array (no list of scalars).
    let array = if all_int {
        let (a, b, s) = (
            start.to_f64() as i128,
            stop.to_f64() as i128,
            step.to_f64() as i128,
        );
        let (a, b, s) = match (start, stop, step) {
            (Scalar::Int(x), Scalar::Int(y), Scalar::Int(z)) => (x as i128, y as i128, z as i128),
            _ => (a, b, s),
        };
        let n = if s > 0 && b > a {
            (b - a + s - 1) / s
        } else if s < 0 && a > b {
            (a - b - s - 1) / (-s)
        } else {
            0
        };
        check_length(n as f64, dtype)?;
        let values = (0..n).map(|i| Scalar::Int((a + i * s) as i64));
        Array::from_scalar_iter(dtype, &[n as usize], values)?
    } else {
        let (a, b, s) = (start.to_f64(), stop.to_f64(), step.to_f64());
        let n = ((b - a) / s).ceil();
        let n = if n.is_nan() || n < 0.0 { 0.0 } else { n };
        check_length(n, dtype)?;
        let delta = (a + s) - a;
        let values = (0..n as usize).map(|i| Scalar::Float(a + i as f64 * delta));
        Array::from_scalar_iter(dtype, &[n as usize], values)?
    };
    Ok(Value::Array(array))
}

fn check_length(n: f64, dtype: DType) -> PyResult<()> {
    if n * dtype.itemsize() as f64 > isize::MAX as f64 / 2.0 {
        return Err(value_error("Maximum allowed size exceeded"));
    }
    Ok(())
}

fn linspace(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "linspace",
        &["start", "stop", "num", "endpoint", "retstep", "dtype"],
    )?;
    let start = number(slots[0].as_ref().unwrap_or(&Value::Int(0)))?.to_f64();
    let stop = number(
        slots[1]
            .as_ref()
            .ok_or_else(|| type_error("linspace() missing required argument 'stop'"))?,
    )?
    .to_f64();
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
    let dtype = slots[5]
        .as_ref()
        .map(dtype_arg)
        .transpose()?
        .flatten()
        .unwrap_or(DType::Float64);
    let num = num as usize;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = if div > 0 {
        delta / div as f64
    } else {
        f64::NAN
    };
    let mut values: Vec<Scalar> = (0..num)
        .map(|i| {
            let y = if div > 0 && step != 0.0 {
                i as f64 * step
            } else if div > 0 {
                i as f64 / div as f64 * delta
            } else {
                i as f64 * delta
            };
            Scalar::Float(y + start)
        })
        .collect();
    if endpoint && num > 1 {
        values[num - 1] = Scalar::Float(stop);
    }
    let owner = Array::from_scalars(dtype, &[num], &values)?;
    // NumPy's result is a view of an internal temporary.
    let itemsize = dtype.itemsize() as isize;
    let result = owner.view_with(dtype, vec![num], vec![itemsize], 0);
    if matches!(slots[4], Some(Value::Bool(true))) {
        return Ok(Value::tuple(vec![Value::Array(result), Value::Float(step)]));
    }
    Ok(Value::Array(result))
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

fn copy(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("copy", &["a", "order"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let order = order_arg(slots[1].as_ref(), Some(&a))?;
    Ok(Value::Array(a.copy_as(a.dtype(), order)?))
}
