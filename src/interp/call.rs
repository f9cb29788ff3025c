//! Calls: argument evaluation, user functions, builtins; and iteration.

use std::rc::Rc;

use super::exec::Flow;
use super::value::{Args, Class, Function, FunctionBody, Value};
use super::Interp;
use crate::array::Array;
use crate::error::{type_error, ExcKind, PyErr, PyResult};
use crate::syntax::ast::{Arg, Expr, ExprKind, Param, Span};

impl Interp {
    pub(super) fn eval_call(&mut self, span: Span, func: &Expr, args: &[Arg]) -> PyResult<Value> {
        let f = self.eval(func)?;
        let mut call_args = Args::default();
        for arg in args {
            match arg {
                Arg::Positional(e) => {
                    if let ExprKind::Starred(inner) = &e.kind {
                        let v = self.eval(inner)?;
                        let mut it = self.iterate(&v).map_err(|err| err.at(e.span))?;
                        while let Some(x) = it.next_item(self)? {
                            call_args.positional.push(x);
                        }
                    } else {
                        call_args.positional.push(self.eval(e)?);
                    }
                }
                Arg::Keyword { name, value, .. } => {
                    let v = self.eval(value)?;
                    call_args.keywords.push((name.clone(), v));
                }
            }
        }
        let lost = self.check_call_store(span, args, &f, &call_args);
        let inputs = self.call_inputs(func, &f, &call_args);
        let result = self.call_value(&f, call_args)?;
        drop(f);
        if let Some(inputs) = inputs {
            self.note_call(span, args, inputs, &result);
        }
        self.report_call_lost(lost, &result)?;
        Ok(result)
    }

    /// Calls any callable value.
    pub fn call_value(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        match f {
            Value::Function(func) => self.call_function(func, args),
            Value::Builtin(b) => (b.func)(self, b.receiver.as_ref(), args),
            Value::Class(c) => super::builtins::construct(self, *c, args),
            other => Err(type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    fn call_function(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Value> {
        let bound = bind_params(func, args)?;
        self.enter_call(func.enclosing.clone())?;
        if let Some(frame) = self.frames.last_mut() {
            let mut locals = frame.locals.borrow_mut();
            for (param, v) in func.params.iter().zip(bound) {
                locals.insert(param.name.clone(), v);
            }
        }
        let result = match &func.body {
            FunctionBody::Block(def) => self.exec_block(&def.body).map(|flow| match flow {
                Flow::Return(v) => v,
                _ => Value::None,
            }),
            FunctionBody::Lambda(body) => self.eval(body),
        };
        self.frames.pop();
        result
    }

    pub(super) fn make_lambda(&mut self, params: &[Param], body: &Expr) -> PyResult<Value> {
        let mut defaults = Vec::with_capacity(params.len());
        for p in params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e)?),
                None => None,
            });
        }
        Ok(Value::Function(Rc::new(Function {
            name: "<lambda>".to_string(),
            params: params.to_vec(),
            defaults,
            body: FunctionBody::Lambda(Rc::new(body.clone())),
            enclosing: self.defining_scopes(),
        })))
    }

    /// An iterator over `v`'s items, as Python's `iter(v)`.
    pub fn iterate(&mut self, v: &Value) -> PyResult<ValueIter> {
        Ok(match v {
            Value::List(items) => ValueIter::Items(items.borrow().clone().into_iter()),
            Value::Tuple(items) => ValueIter::Items((**items).clone().into_iter()),
            Value::Str(s) => ValueIter::Items(
                s.chars()
                    .map(|c| Value::str(&c.to_string()))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            Value::Range(start, stop, step) => ValueIter::Range {
                next: *start,
                stop: *stop,
                step: *step,
            },
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(type_error("iteration over a 0-d array"));
                }
                ValueIter::Rows {
                    array: a.clone(),
                    next: 0,
                    len: a.shape()[0],
                }
            }
            Value::Native(obj) if obj.is_iterable() => match obj.iter(self, v) {
                Some(iterator) => match iterator? {
                    Value::Native(it) => ValueIter::Native(it),
                    other => return self.iterate(&other),
                },
                None => ValueIter::Native(obj.clone()),
            },
            other => {
                return Err(type_error(format!(
                    "'{}' object is not iterable",
                    other.type_name()
                )))
            }
        })
    }
}

/// Matches call arguments to a user function's parameters.
fn bind_params(func: &Function, args: Args) -> PyResult<Vec<Value>> {
    let n = func.params.len();
    if args.positional.len() > n {
        return Err(type_error(format!(
            "{}() takes {} positional argument{} but {} {} given",
            func.name,
            n,
            if n == 1 { "" } else { "s" },
            args.positional.len(),
            if args.positional.len() == 1 {
                "was"
            } else {
                "were"
            }
        )));
    }
    let mut slots: Vec<Option<Value>> = vec![None; n];
    for (slot, v) in slots.iter_mut().zip(args.positional) {
        *slot = Some(v);
    }
    for (name, v) in args.keywords {
        let Some(i) = func.params.iter().position(|p| p.name == name) else {
            return Err(type_error(format!(
                "{}() got an unexpected keyword argument '{name}'",
                func.name
            )));
        };
        if slots[i].is_some() {
            return Err(type_error(format!(
                "{}() got multiple values for argument '{name}'",
                func.name
            )));
        }
        slots[i] = Some(v);
    }
    let mut missing = Vec::new();
    let mut out = Vec::with_capacity(n);
    for (i, slot) in slots.into_iter().enumerate() {
        match slot.or_else(|| func.defaults[i].clone()) {
            Some(v) => out.push(v),
            None => missing.push(format!("'{}'", func.params[i].name)),
        }
    }
    if !missing.is_empty() {
        let list = match missing.len() {
            1 => missing[0].clone(),
            _ => {
                let last = missing.pop().unwrap_or_default();
                format!("{} and {last}", missing.join(", "))
            }
        };
        return Err(type_error(format!(
            "{}() missing {} required positional argument{}: {list}",
            func.name,
            missing.len() + usize::from(list.contains(" and ")),
            if list.contains(" and ") || missing.len() > 1 {
                "s"
            } else {
                ""
            }
        )));
    }
    Ok(out)
}

/// A running iteration.
pub enum ValueIter {
    Items(std::vec::IntoIter<Value>),
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Iterating an array yields its rows: views for n-d, scalars for 1-d.
    Rows {
        array: Array,
        next: usize,
        len: usize,
    },
    /// A native iterator (`native.rs`).
    Native(Rc<dyn super::native::NativeObject>),
}

impl ValueIter {
    pub fn next_item(&mut self, interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match self {
            ValueIter::Items(it) => it.next(),
            ValueIter::Native(obj) => obj.next_item(interp)?,
            ValueIter::Range { next, stop, step } => {
                let more = if *step > 0 {
                    *next < *stop
                } else {
                    *next > *stop
                };
                if more {
                    let v = *next;
                    // Past i64's end the range is over: park `next` on
                    // `stop` rather than wrap around.
                    *next = next.checked_add(*step).unwrap_or(*stop);
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            ValueIter::Rows { array, next, len } => {
                if *next >= *len {
                    return Ok(None);
                }
                let i = *next as i64;
                *next += 1;
                let item =
                    crate::array::index::get(array, &[crate::array::index::IndexItem::Int(i)])?;
                Some(match item {
                    crate::array::index::Indexed::Scalar(d, s) => Value::NpScalar(d, s),
                    crate::array::index::Indexed::View(v)
                    | crate::array::index::Indexed::Copy(v) => Value::Array(v),
                })
            }
        })
    }
}

/// A TypeError for a class that cannot be called.
pub fn not_callable(c: Class) -> PyErr {
    PyErr::new(
        ExcKind::TypeError,
        format!("cannot create '{}' instances", c.name()),
    )
}
