//! Methods of Python lists, tuples and strings (`xs.append(1)`,
//! `", ".join(parts)`), bound to their receiver when looked up.

use super::builtins::{collect, one_arg};
use super::convert::index_value;
use super::text::repr_plain;
use super::value::{Args, Value};
use super::Interp;
use crate::error::{type_error, value_error, ExcKind, PyErr, PyResult};
use crate::syntax::ast::CmpOp;

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
