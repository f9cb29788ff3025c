//! Python's builtins: functions (`print`, `len`, ...), type constructors
//! (`int(x)`, `list(x)`), exception classes, and methods of lists and
//! strings. npview's own helper `is_view` lives here too.

use super::convert::{self, index_value, py_number};
use super::eval::Num;
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

fn one_arg(name: &str, args: Args) -> PyResult<Value> {
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
        Value::Int(i) => Ok(Value::Int(i.checked_abs().ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "integer result does not fit in 64 bits",
            )
        })?)),
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

fn collect(interp: &mut Interp, v: &Value) -> PyResult<Vec<Value>> {
    let mut it = interp.iterate(v)?;
    let mut out = Vec::new();
    while let Some(x) = it.next_item()? {
        out.push(x);
    }
    Ok(out)
}

fn extremum(interp: &mut Interp, args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let items = items_of(interp, &args, name)?;
    let mut iter = items.into_iter();
    let Some(mut best) = iter.next() else {
        return Err(value_error(format!("{name}() iterable argument is empty")));
    };
    for v in iter {
        let better = interp.compare_values(op, &v, &best)?;
        if better {
            best = v;
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
    let slots = args.bind("sorted", &["iterable", "reverse"])?;
    let source = slots[0].clone().unwrap_or(Value::None);
    let mut items = collect(interp, &source)?;
    let reverse = match &slots[1] {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    // Insertion sort keeps this stable and lets comparisons raise.
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && interp.compare_values(CmpOp::Lt, &items[j], &items[j - 1])? {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
    if reverse {
        items.reverse();
    }
    Ok(Value::list(items))
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
            Scalar::Complex(..) => Err(type_error("int() argument must be a string, a bytes-like object or a real number, not 'complex'")),
            other => Ok(convert::scalar_to_py(*other)).map(|p| match p {
                Value::Bool(b) => Value::Int(b as i64),
                x => x,
            }),
        },
        Value::Array(a) if a.size() == 1 => to_int(&convert::scalar_to_py(a.to_scalars()[0])),
        Value::Array(_) => Err(type_error("only length-1 arrays can be converted to Python scalars")),
        Value::Str(s) => s.trim().replace('_', "").parse::<i64>().map(Value::Int).map_err(|_| {
            value_error(format!("invalid literal for int() with base 10: {}", repr_plain(v)))
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
        Value::NpScalar(_, s) if !matches!(s, Scalar::Complex(..)) => Ok(Value::Float(s.to_f64())),
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

/// Methods of lists and strings (`xs.append(1)`, `", ".join(parts)`).
pub fn method_of(v: &Value, attr: &str) -> Option<Value> {
    type Method = (&'static str, super::value::BuiltinFn);
    const LIST: [Method; 8] = [
        ("append", list_append),
        ("extend", list_extend),
        ("pop", list_pop),
        ("insert", list_insert),
        ("copy", list_copy),
        ("index", seq_index),
        ("count", seq_count),
        ("reverse", list_reverse),
    ];
    const TUPLE: [Method; 2] = [("index", seq_index), ("count", seq_count)];
    const STR: [Method; 8] = [
        ("join", str_join),
        ("upper", str_upper),
        ("lower", str_lower),
        ("strip", str_strip),
        ("split", str_split),
        ("replace", str_replace),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
    ];
    let table: &[Method] = match v {
        Value::List(_) => &LIST,
        Value::Tuple(_) => &TUPLE,
        Value::Str(_) => &STR,
        _ => return None,
    };
    let (name, f) = table.iter().find(|(n, _)| *n == attr)?;
    Some(Value::method(name, *f, v.clone()))
}

fn list_of(receiver: Option<&Value>) -> PyResult<std::rc::Rc<std::cell::RefCell<Vec<Value>>>> {
    match receiver {
        Some(Value::List(l)) => Ok(l.clone()),
        _ => Err(type_error("descriptor requires a 'list' object")),
    }
}

fn text_of(receiver: Option<&Value>) -> PyResult<std::rc::Rc<str>> {
    match receiver {
        Some(Value::Str(s)) => Ok(s.clone()),
        _ => Err(type_error("descriptor requires a 'str' object")),
    }
}

fn list_append(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("append", args)?;
    list_of(r)?.borrow_mut().push(v);
    Ok(Value::None)
}

fn list_extend(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("extend", args)?;
    let items = collect(interp, &v)?;
    list_of(r)?.borrow_mut().extend(items);
    Ok(Value::None)
}

fn list_pop(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let list = list_of(r)?;
    let mut items = list.borrow_mut();
    let n = items.len() as i64;
    let i = match args.positional.first() {
        Some(v) => index_value(v)?,
        None => -1,
    };
    let j = if i < 0 { i + n } else { i };
    if n == 0 {
        return Err(PyErr::new(ExcKind::IndexError, "pop from empty list"));
    }
    if j < 0 || j >= n {
        return Err(PyErr::new(ExcKind::IndexError, "pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

fn list_insert(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let [i, v] = args.positional.as_slice() else {
        return Err(type_error("insert expected 2 arguments"));
    };
    let list = list_of(r)?;
    let mut items = list.borrow_mut();
    let n = items.len() as i64;
    let i = index_value(i)?;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(j as usize, v.clone());
    Ok(Value::None)
}

fn list_copy(_: &mut Interp, r: Option<&Value>, _: Args) -> PyResult<Value> {
    Ok(Value::list(list_of(r)?.borrow().clone()))
}

fn list_reverse(_: &mut Interp, r: Option<&Value>, _: Args) -> PyResult<Value> {
    list_of(r)?.borrow_mut().reverse();
    Ok(Value::None)
}

fn seq_items(r: Option<&Value>) -> Vec<Value> {
    match r {
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => vec![],
    }
}

fn seq_index(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("index", args)?;
    for (i, item) in seq_items(r).iter().enumerate() {
        if interp.compare_values(CmpOp::Eq, item, &v)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(value_error(format!("{} is not in list", repr_plain(&v))))
}

fn seq_count(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let v = one_arg("count", args)?;
    let mut n = 0;
    for item in seq_items(r) {
        if interp.compare_values(CmpOp::Eq, &item, &v)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn str_join(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let sep = text_of(r)?;
    let v = one_arg("join", args)?;
    let mut parts = Vec::new();
    for item in collect(interp, &v)? {
        match item {
            Value::Str(s) => parts.push(s.to_string()),
            other => {
                return Err(type_error(format!(
                    "sequence item {}: expected str instance, {} found",
                    parts.len(),
                    other.type_name()
                )))
            }
        }
    }
    Ok(Value::str(&parts.join(&sep)))
}

fn str_upper(_: &mut Interp, r: Option<&Value>, _: Args) -> PyResult<Value> {
    Ok(Value::str(&text_of(r)?.to_uppercase()))
}

fn str_lower(_: &mut Interp, r: Option<&Value>, _: Args) -> PyResult<Value> {
    Ok(Value::str(&text_of(r)?.to_lowercase()))
}

fn str_strip(_: &mut Interp, r: Option<&Value>, _: Args) -> PyResult<Value> {
    Ok(Value::str(text_of(r)?.trim()))
}

fn str_split(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let text = text_of(r)?;
    let parts: Vec<Value> = match args.positional.first() {
        Some(Value::Str(sep)) => text.split(&**sep).map(Value::str).collect(),
        _ => text.split_whitespace().map(Value::str).collect(),
    };
    Ok(Value::list(parts))
}

fn str_replace(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let text = text_of(r)?;
    let [Value::Str(a), Value::Str(b)] = args.positional.as_slice() else {
        return Err(type_error("replace expected 2 string arguments"));
    };
    Ok(Value::str(&text.replace(&**a, b)))
}

fn str_startswith(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let text = text_of(r)?;
    match args.positional.first() {
        Some(Value::Str(p)) => Ok(Value::Bool(text.starts_with(&**p))),
        _ => Err(type_error("startswith first arg must be str")),
    }
}

fn str_endswith(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let text = text_of(r)?;
    match args.positional.first() {
        Some(Value::Str(p)) => Ok(Value::Bool(text.ends_with(&**p))),
        _ => Err(type_error("endswith first arg must be str")),
    }
}

impl Interp {
    /// `a op b` for ordering two values, as `min`, `max` and `sorted` need.
    pub fn compare_values(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
        let r = self.compare(op, a, b)?;
        self.truthy(&r)
    }
}
