//! Python's builtins: functions (`print`, `len`, ...), type constructors
//! (`int(x)`, `list(x)`), exception classes, and methods of lists and
//! strings. npview's own helper `is_view` lives here too.

use super::convert::{self, index_value, py_number};
use super::pyops::Num;
use super::text::{repr_plain, str_plain};
use super::value::{Args, Class, Value};
use super::Interp;
use crate::array::scalar::Scalar;
use crate::error::{type_error, value_error, ExcKind, PyErr, PyResult};
use crate::syntax::ast::{BinOp, CmpOp};

/// The builtin namespace every script starts with.
pub fn namespace() -> super::Names<&'static str> {
    let mut ns = super::Names::default();
    let functions: [(&'static str, super::value::BuiltinFn); 21] = [
        ("print", print),
        ("len", len),
        ("range", range),
        ("repr", repr),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("round", round),
        ("enumerate", enumerate),
        ("zip", zip),
        ("isinstance", isinstance),
        ("is_view", is_view),
        ("sorted", sorted),
        ("reversed", reversed),
        ("any", any),
        ("all", all),
        ("divmod", divmod),
        ("format", format),
        ("hasattr", hasattr),
        ("callable", callable),
    ];
    for (name, f) in functions {
        ns.insert(name, Value::builtin(name, f));
    }
    let classes = [
        ("int", Class::Int),
        ("float", Class::Float),
        ("bool", Class::Bool),
        ("complex", Class::Complex),
        ("str", Class::Str),
        ("list", Class::List),
        ("tuple", Class::Tuple),
        ("slice", Class::Slice),
        ("type", Class::Type),
    ];
    for (name, c) in classes {
        ns.insert(name, Value::Class(c));
    }
    for kind in ExcKind::ALL {
        if !matches!(
            kind,
            ExcKind::UFuncTypeError
                | ExcKind::AxisError
                | ExcKind::TooHardError
                | ExcKind::ComplexWarning
        ) {
            ns.insert(kind.name(), Value::Class(Class::Exception(kind)));
        }
    }
    ns
}

fn print(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    for (name, v) in &args.keywords {
        let text = match v {
            Value::None => None,
            Value::Str(s) => Some(s.to_string()),
            other => {
                return Err(type_error(format!(
                    "{name} must be None or a string, not {}",
                    other.type_name()
                )))
            }
        };
        match name.as_str() {
            "sep" => sep = text.unwrap_or_else(|| " ".into()),
            "end" => end = text.unwrap_or_else(|| "\n".into()),
            "flush" => {}
            _ => {
                return Err(type_error(format!(
                    "'{name}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    let parts: Vec<String> = args.positional.iter().map(str_plain).collect();
    let line = parts.join(&sep) + &end;
    interp.write_out(&line);
    Ok(Value::None)
}

pub(super) fn one_arg(name: &str, args: Args) -> PyResult<Value> {
    if args.positional.len() != 1 || !args.keywords.is_empty() {
        return Err(type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.positional.len() + args.keywords.len()
        )));
    }
    Ok(args.positional.into_iter().next().unwrap_or(Value::None))
}

fn len(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("len", args)?;
    Ok(Value::Int(match &v {
        Value::Str(s) => s.chars().count() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Range(a, b, c) => convert::range_len(*a, *b, *c),
        Value::Array(a) => {
            let shape = a.shape();
            match shape.first() {
                Some(n) => *n as i64,
                None => return Err(type_error("len() of unsized object")),
            }
        }
        Value::Native(obj) if obj.length().is_some() => obj.length().unwrap_or(0) as i64,
        other => {
            return Err(type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    }))
}

fn range(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let ints: Vec<i64> = args
        .positional
        .iter()
        .map(index_value)
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => {
            return Err(type_error(format!(
                "range expected at most 3 arguments, got {}",
                ints.len()
            )))
        }
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(start, stop, step))
}

fn repr(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    Ok(Value::str(&repr_plain(&one_arg("repr", args)?)))
}

fn abs(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("abs", args)?;
    match &v {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            // abs(-2**63) is 2**63, one past i64.
            None => {
                super::bigint::normalize(num_bigint::BigInt::from(*i).magnitude().clone().into())
            }
        }),
        Value::BigInt(b) => Ok(super::bigint::normalize(b.magnitude().clone().into())),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Complex(re, im) => Ok(Value::Float(re.hypot(*im))),
        Value::Array(_) | Value::NpScalar(..) => {
            crate::numpy::call_np(interp, "absolute", Args::positional(vec![v.clone()]))
        }
        other => Err(type_error(format!(
            "bad operand type for abs(): '{}'",
            other.type_name()
        ))),
    }
}

/// The items of the single iterable argument, or the positional arguments.
fn items_of(interp: &mut Interp, args: &Args, name: &str) -> PyResult<Vec<Value>> {
    let source = match args.positional.as_slice() {
        [] => {
            return Err(type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        [single] => single.clone(),
        many => return Ok(many.to_vec()),
    };
    collect(interp, &source)
}

pub(super) fn collect(interp: &mut Interp, v: &Value) -> PyResult<Vec<Value>> {
    let mut it = interp.iterate(v)?;
    let mut out = Vec::new();
    while let Some(x) = it.next_item(interp)? {
        if out.len() >= super::value::MAX_SEQUENCE_LEN {
            return Err(PyErr::new(ExcKind::MemoryError, ""));
        }
        out.push(x);
    }
    Ok(out)
}

/// Takes the `key=` function out of `args`.
fn key_function(args: &mut Args) -> Option<Value> {
    let at = args.keywords.iter().position(|(k, _)| k == "key")?;
    Some(args.keywords.remove(at).1).filter(|f| !matches!(f, Value::None))
}

/// `key(v)`, or `v` itself without a key function.
fn sort_key(interp: &mut Interp, key: &Option<Value>, v: &Value) -> PyResult<Value> {
    match key {
        Some(f) => interp.call_value(f, Args::positional(vec![v.clone()])),
        None => Ok(v.clone()),
    }
}

fn extremum(interp: &mut Interp, mut args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let key = key_function(&mut args);
    let items = items_of(interp, &args, name)?;
    let mut iter = items.into_iter();
    let Some(mut best) = iter.next() else {
        return Err(value_error(format!("{name}() iterable argument is empty")));
    };
    let mut best_key = sort_key(interp, &key, &best)?;
    for v in iter {
        let k = sort_key(interp, &key, &v)?;
        if interp.compare_values(op, &k, &best_key)? {
            best = v;
            best_key = k;
        }
    }
    Ok(best)
}

fn min(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    extremum(interp, args, "min", CmpOp::Lt)
}

fn max(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    extremum(interp, args, "max", CmpOp::Gt)
}

fn sum(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let start = args.positional.get(1).cloned().unwrap_or(Value::Int(0));
    let source = args
        .positional
        .first()
        .cloned()
        .ok_or_else(|| type_error("sum() takes at least 1 positional argument (0 given)"))?;
    let mut total = start;
    for v in collect(interp, &source)? {
        total = interp.binary_op(BinOp::Add, &total, &v)?;
    }
    Ok(total)
}

fn round(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("round", &["number", "ndigits"])?;
    let v = slots[0].clone().unwrap_or(Value::None);
    let ndigits = match &slots[1] {
        None | Some(Value::None) => None,
        Some(n) => Some(index_value(n)?),
    };
    match (&v, ndigits) {
        (Value::Int(i), _) => Ok(Value::Int(*i)),
        (Value::Bool(b), _) => Ok(Value::Int(*b as i64)),
        (Value::Float(f), None) => {
            if !f.is_finite() {
                return Err(if f.is_nan() {
                    value_error("cannot convert float NaN to integer")
                } else {
                    PyErr::new(
                        ExcKind::OverflowError,
                        "cannot convert float infinity to integer",
                    )
                });
            }
            Ok(Value::Int(f.round_ties_even() as i64))
        }
        (Value::Float(f), Some(n)) => Ok(Value::Float(round_half_even(*f, n))),
        // `round(x)` of a NumPy real scalar is a Python int.
        (Value::NpScalar(d, s), None) if !d.is_complex() => match s {
            Scalar::Float(f) => round(interp, None, Args::positional(vec![Value::Float(*f)])),
            other => to_int(&convert::scalar_to_py(*other)),
        },
        (Value::Array(_) | Value::NpScalar(..), _) => {
            let mut call = vec![v.clone()];
            if let Some(n) = ndigits {
                call.push(Value::Int(n));
            }
            crate::numpy::call_np(interp, "round", Args::positional(call))
        }
        (other, _) => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            other.type_name()
        ))),
    }
}

/// Python's `round(x, n)`: correctly rounded through the decimal text.
pub fn round_half_even(x: f64, n: i64) -> f64 {
    if !x.is_finite() || n > 300 {
        return x;
    }
    if n >= 0 {
        let text = format!("{:.*}", n as usize, x);
        text.parse().unwrap_or(x)
    } else {
        let p = 10f64.powi((-n) as i32);
        (x / p).round_ties_even() * p
    }
}

fn enumerate(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("enumerate", &["iterable", "start"])?;
    let source = slots[0]
        .clone()
        .ok_or_else(|| type_error("enumerate() missing required argument 'iterable' (pos 1)"))?;
    let start = match &slots[1] {
        Some(v) => index_value(v)?,
        None => 0,
    };
    let items = collect(interp, &source)?;
    Ok(Value::list(
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| Value::tuple(vec![Value::Int(start + i as i64), v]))
            .collect(),
    ))
}

fn zip(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let mut columns = Vec::new();
    for v in &args.positional {
        columns.push(collect(interp, v)?);
    }
    let n = columns.iter().map(Vec::len).min().unwrap_or(0);
    Ok(Value::list(
        (0..n)
            .map(|i| Value::tuple(columns.iter().map(|c| c[i].clone()).collect()))
            .collect(),
    ))
}

fn class_matches(v: &Value, c: &Value) -> PyResult<bool> {
    match c {
        Value::Tuple(items) => {
            for item in items.iter() {
                if class_matches(v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Class(class) => Ok(match (v, class) {
            (Value::Bool(_), Class::Int) => true,
            (Value::NpScalar(crate::array::dtype::DType::Float64, _), Class::Float) => true,
            (Value::NpScalar(crate::array::dtype::DType::Complex128, _), Class::Complex) => true,
            (Value::Exception(e), Class::Exception(k)) => e.kind.is_subclass_of(*k),
            _ => v.class() == *class,
        }),
        _ => Err(type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn isinstance(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let [v, c] = args.positional.as_slice() else {
        return Err(type_error(format!(
            "isinstance expected 2 arguments, got {}",
            args.positional.len()
        )));
    };
    Ok(Value::Bool(class_matches(v, c)?))
}

/// npview's `is_view(x)`: an array whose data belongs to another array.
fn is_view(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("is_view", args)?;
    Ok(Value::Bool(match &v {
        Value::Array(a) => a.base().is_some(),
        _ => false,
    }))
}

fn sorted(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("sorted", &["iterable", "key", "reverse"])?;
    let source = slots[0].clone().unwrap_or(Value::None);
    let key = slots[1].clone().filter(|f| !matches!(f, Value::None));
    let reverse = match &slots[2] {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    let mut keyed = Vec::new();
    for v in collect(interp, &source)? {
        keyed.push((sort_key(interp, &key, &v)?, v));
    }
    // A stable merge sort whose comparisons may raise, as Python's does;
    // reversing keeps equal items in their original order.
    if reverse {
        keyed.reverse();
    }
    let mut sorted = merge_sort(interp, keyed)?;
    if reverse {
        sorted.reverse();
    }
    Ok(Value::list(sorted.into_iter().map(|(_, v)| v).collect()))
}

fn merge_sort(
    interp: &mut Interp,
    mut items: Vec<(Value, Value)>,
) -> PyResult<Vec<(Value, Value)>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(interp, items)?;
    let right = merge_sort(interp, right)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(l), Some(r)) = (left.peek(), right.peek()) {
        // Take from the right only when strictly smaller: stability.
        if interp.compare_values(CmpOp::Lt, &r.0, &l.0)? {
            out.extend(right.next());
        } else {
            out.extend(left.next());
        }
    }
    out.extend(left);
    out.extend(right);
    Ok(out)
}

fn reversed(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("reversed", args)?;
    let mut items = collect(interp, &v)?;
    items.reverse();
    Ok(Value::list(items))
}

fn any(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("any", args)?;
    for x in collect(interp, &v)? {
        if interp.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("all", args)?;
    for x in collect(interp, &v)? {
        if !interp.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn divmod(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let [a, b] = args.positional.as_slice() else {
        return Err(type_error("divmod expected 2 arguments"));
    };
    let q = interp.binary_op(BinOp::FloorDiv, a, b)?;
    let r = interp.binary_op(BinOp::Mod, a, b)?;
    Ok(Value::tuple(vec![q, r]))
}

fn format(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let spec = match args.positional.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    let v = args.positional.first().cloned().unwrap_or(Value::None);
    Ok(Value::str(&super::fstring::format_value(&v, &spec)?))
}

fn hasattr(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let [v, Value::Str(name)] = args.positional.as_slice() else {
        return Err(type_error("hasattr(): attribute name must be string"));
    };
    Ok(Value::Bool(interp.get_attr(v, name).is_ok()))
}

fn callable(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("callable", args)?;
    Ok(Value::Bool(matches!(
        v,
        Value::Function(_) | Value::Builtin(_) | Value::Class(_)
    )))
}

/// Calling a class: `int(x)`, `list(x)`, `ValueError("msg")`, `np.int64(3)`.
pub fn construct(interp: &mut Interp, c: Class, args: Args) -> PyResult<Value> {
    let first = args.positional.first().cloned();
    match c {
        Class::Int => match first {
            None => Ok(Value::Int(0)),
            Some(v) => to_int(&v),
        },
        Class::Float => match first {
            None => Ok(Value::Float(0.0)),
            Some(v) => to_float(&v),
        },
        Class::Bool => match first {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(interp.truthy(&v)?)),
        },
        Class::Complex => {
            if let (Some(Value::NpScalar(_, s)), None) = (&first, args.positional.get(1)) {
                let (re, im) = s.to_complex();
                return Ok(Value::Complex(re, im));
            }
            let re = match &first {
                Some(v) => to_float(v)?,
                None => Value::Float(0.0),
            };
            let im = match args.positional.get(1) {
                Some(v) => to_float(v)?,
                None => Value::Float(0.0),
            };
            match (re, im) {
                (Value::Float(a), Value::Float(b)) => Ok(Value::Complex(a, b)),
                _ => Err(type_error("complex() argument must be a number")),
            }
        }
        Class::Str => Ok(Value::str(&first.map_or(String::new(), |v| str_plain(&v)))),
        Class::List => Ok(Value::list(match first {
            Some(v) => collect(interp, &v)?,
            None => vec![],
        })),
        Class::Tuple => Ok(Value::tuple(match first {
            Some(v) => collect(interp, &v)?,
            None => vec![],
        })),
        Class::Type => {
            let v = one_arg("type", args)?;
            Ok(Value::Class(v.class()))
        }
        Class::Slice => {
            let mut parts = args.positional.clone();
            if parts.len() == 1 {
                parts.insert(0, Value::None);
            }
            parts.resize(3, Value::None);
            Ok(Value::Slice(std::rc::Rc::new([
                parts[0].clone(),
                parts[1].clone(),
                parts[2].clone(),
            ])))
        }
        Class::Exception(kind) => {
            let message = match args.positional.as_slice() {
                [] => String::new(),
                [single] => str_plain(single),
                many => repr_plain(&Value::tuple(many.to_vec())),
            };
            Ok(Value::Exception(std::rc::Rc::new(PyErr::new(
                kind, message,
            ))))
        }
        Class::Scalar(d) => crate::numpy::scalar_type_call(d, args),
        Class::NdArray => Err(PyErr::new(
            ExcKind::NotImplementedError,
            "np.ndarray(...) is not supported; use np.empty or np.zeros",
        )),
        Class::DTypeClass => {
            let v = one_arg("dtype", args)?;
            let d = convert::dtype_arg(&v)?.unwrap_or(crate::array::dtype::DType::Float64);
            Ok(Value::DType(d))
        }
        other => Err(super::call::not_callable(other)),
    }
}

fn to_int(v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(*f),
        Value::NpScalar(_, s) => match s {
            Scalar::Float(f) => float_to_int(*f),
            // NumPy drops the imaginary part (with a ComplexWarning).
            Scalar::Complex(re, _) => float_to_int(*re),
            other => Ok(convert::scalar_to_py(*other)).map(|p| match p {
                Value::Bool(b) => Value::Int(b as i64),
                x => x,
            }),
        },
        Value::Array(a) if a.size() == 1 => to_int(&convert::scalar_to_py(a.to_scalars()[0])),
        Value::Array(_) => Err(type_error(
            "only length-1 arrays can be converted to Python scalars",
        )),
        Value::Str(s) => s
            .trim()
            .replace('_', "")
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| {
                value_error(format!(
                    "invalid literal for int() with base 10: {}",
                    repr_plain(v)
                ))
            }),
        other => Err(type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::new(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    Ok(Value::Int(f.trunc() as i64))
}

fn to_float(v: &Value) -> PyResult<Value> {
    match py_number(v) {
        Some(Num::Int(i)) => return Ok(Value::Float(i as f64)),
        Some(Num::Float(f)) => return Ok(Value::Float(f)),
        _ => {}
    }
    match v {
        Value::NpScalar(_, s) => Ok(Value::Float(s.to_f64())),
        Value::Array(a) if a.size() == 1 => to_float(&convert::scalar_to_py(a.to_scalars()[0])),
        Value::Array(_) => Err(type_error(
            "only length-1 arrays can be converted to Python scalars",
        )),
        Value::Str(s) => {
            let t = s.trim().to_lowercase();
            let parsed = match t.as_str() {
                "nan" | "+nan" | "-nan" => Some(f64::NAN),
                "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                _ => t.replace('_', "").parse::<f64>().ok(),
            };
            parsed.map(Value::Float).ok_or_else(|| {
                value_error(format!(
                    "could not convert string to float: {}",
                    repr_plain(v)
                ))
            })
        }
        other => Err(type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

impl Interp {
    /// `a op b` for ordering two values, as `min`, `max` and `sorted` need.
    pub fn compare_values(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        let r = self.compare(op, a, b)?;
        self.truthy(&r)
    }
}
