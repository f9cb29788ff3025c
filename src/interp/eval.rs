//! Expressions: names, literals, operators, attribute access, subscripts.

use std::rc::Rc;

use super::bigint;
use super::convert;
use super::value::{Class, Value};
use super::Interp;
use crate::array::index::{self, Indexed};
use crate::array::ops::{self, BinaryOp, Operand};
use crate::error::{index_error, type_error, zero_division, ExcKind, PyErr, PyResult};
use crate::syntax::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, UnaryOp};

impl Interp {
    pub fn eval(&mut self, expr: &Expr) -> PyResult<Value> {
        let result = self.eval_inner(expr).map_err(|e| e.at(expr.span));
        self.flush_warnings(expr.span);
        self.warnings.last_span = expr.span;
        result
    }

    fn eval_inner(&mut self, expr: &Expr) -> PyResult<Value> {
        Ok(match &expr.kind {
            ExprKind::Name(name) => self.lookup(name).ok_or_else(|| {
                PyErr::new(ExcKind::NameError, format!("name '{name}' is not defined"))
            })?,
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Imag(f) => Value::Complex(0.0, *f),
            ExprKind::Str(s) => Value::str(s),
            ExprKind::FString(parts) => Value::str(&self.eval_fstring(parts)?),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::None => Value::None,
            ExprKind::Ellipsis => Value::Ellipsis,
            ExprKind::List(items) => Value::list(self.eval_items(items)?),
            ExprKind::Tuple(items) => Value::tuple(self.eval_items(items)?),
            ExprKind::Dict(_) => {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    "dict literals are not supported",
                ))
            }
            ExprKind::ListComp { elt, generators } => {
                let mut out = Vec::new();
                self.comprehension(elt, generators, 0, &mut out)?;
                Value::list(out)
            }
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(value)?;
                let r = self.get_attr(&v, attr)?;
                self.note_attr(expr, value, &v, attr, &r);
                r
            }
            ExprKind::Subscript { value, index } => {
                let v = self.eval(value)?;
                let i = self.eval(index)?;
                let r = self.get_item(&v, &i)?;
                self.note_subscript(expr, value, &v, &i, &r);
                r
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut part = |e: &Option<Box<Expr>>| -> PyResult<Value> {
                    match e {
                        Some(e) => self.eval(e),
                        None => Ok(Value::None),
                    }
                };
                let (a, b, c) = (part(lower)?, part(upper)?, part(step)?);
                Value::Slice(Rc::new([a, b, c]))
            }
            ExprKind::Call { func, args } => self.eval_call(expr.span, func, args)?,
            ExprKind::BinOp { op, left, right } => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                let result = self.binary_op(*op, &l, &r)?;
                self.note_operator(expr.span, &result);
                result
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand)?;
                let result = self.unary_op(*op, &v)?;
                self.note_operator(expr.span, &result);
                result
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, e) in values.iter().enumerate() {
                    last = self.eval(e)?;
                    if i + 1 == values.len() {
                        break;
                    }
                    let t = self.truthy(&last).map_err(|err| err.at(e.span))?;
                    if (*op == BoolOp::And) != t {
                        break;
                    }
                }
                last
            }
            ExprKind::Compare { left, ops } => {
                let mut l = self.eval(left)?;
                let mut result = Value::Bool(true);
                for (i, (op, right)) in ops.iter().enumerate() {
                    let r = self.eval(right)?;
                    result = self.compare(*op, &l, &r)?;
                    if i + 1 < ops.len() && !self.truthy(&result)? {
                        return Ok(result);
                    }
                    l = r;
                }
                self.note_operator(expr.span, &result);
                result
            }
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test)?;
                if self.truthy(&t)? {
                    self.eval(body)?
                } else {
                    self.eval(orelse)?
                }
            }
            ExprKind::Lambda { params, body } => self.make_lambda(params, body)?,
            ExprKind::Starred(_) => {
                return Err(PyErr::new(
                    ExcKind::SyntaxError,
                    "can't use starred expression here",
                ))
            }
        })
    }

    fn eval_items(&mut self, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            if let ExprKind::Starred(inner) = &e.kind {
                let v = self.eval(inner)?;
                let mut it = self.iterate(&v).map_err(|err| err.at(e.span))?;
                while let Some(x) = it.next_item()? {
                    out.push(x);
                }
            } else {
                out.push(self.eval(e)?);
            }
        }
        Ok(out)
    }

    fn comprehension(
        &mut self,
        elt: &Expr,
        generators: &[crate::syntax::ast::Comprehension],
        level: usize,
        out: &mut Vec<Value>,
    ) -> PyResult<()> {
        let Some(generator) = generators.get(level) else {
            out.push(self.eval(elt)?);
            return Ok(());
        };
        let iterable = self.eval(&generator.iter)?;
        let mut it = self
            .iterate(&iterable)
            .map_err(|e| e.at(generator.iter.span))?;
        'items: while let Some(item) = it.next_item()? {
            self.tick()?;
            if out.len() >= super::value::MAX_SEQUENCE_LEN {
                return Err(PyErr::new(ExcKind::MemoryError, ""));
            }
            self.assign(&generator.target, item)?;
            for cond in &generator.ifs {
                let c = self.eval(cond)?;
                if !self.truthy(&c)? {
                    continue 'items;
                }
            }
            self.comprehension(elt, generators, level + 1, out)?;
        }
        Ok(())
    }

    /// Python truthiness, with NumPy's rules for arrays.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Complex(re, im) => *re != 0.0 || *im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Range(start, stop, step) => convert::range_len(*start, *stop, *step) > 0,
            Value::NpScalar(_, s) => s.is_truthy(),
            Value::Array(a) => match a.size() {
                1 => a.to_scalars().first().is_some_and(|s| s.is_truthy()),
                0 => {
                    return Err(PyErr::new(
                        ExcKind::ValueError,
                        "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
                    ))
                }
                _ => {
                    return Err(PyErr::new(
                        ExcKind::ValueError,
                        "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                    ))
                }
            },
            _ => true,
        })
    }

    pub fn binary_op(&mut self, op: BinOp, l: &Value, r: &Value) -> PyResult<Value> {
        if convert::is_numpy(l) || convert::is_numpy(r) {
            if op == BinOp::MatMul {
                return crate::numpy::linalg::matmul(l, r);
            }
            return self.numpy_binary(binop_ufunc(op), l, r);
        }
        python_binary(op, l, r)
    }

    /// A NumPy ufunc over two Python values; 0-d results become scalars.
    pub fn numpy_binary(&mut self, op: BinaryOp, l: &Value, r: &Value) -> PyResult<Value> {
        // Operands NumPy would hold as objects have no loop; other
        // conversion errors (a too-large int) are NumPy's own.
        let no_loop = |e: PyErr| match e.kind {
            ExcKind::NotImplementedError => unsupported_operands(op, l, r),
            _ => e,
        };
        let (op, a, b) = convert::binary_operands(op, l, r).map_err(no_loop)?;
        let result = ops::binary(op, &a, &b, None)?;
        let scalar = !matches!(l, Value::Array(_)) && !matches!(r, Value::Array(_));
        for message in super::warnings::arithmetic_warnings(op, &a, &b, &result, scalar) {
            self.warn(message);
        }
        Ok(convert::ufunc_result(result))
    }

    /// `x op= y`: arrays are updated in place (the result must cast back
    /// with 'same_kind'); other values are rebound to `x op y`.
    pub fn inplace_op(&mut self, op: BinOp, l: &Value, r: &Value) -> PyResult<Value> {
        if let Value::Array(a) = l {
            if op == BinOp::MatMul {
                crate::numpy::linalg::matmul_inplace(a, r)?;
                return Ok(l.clone());
            }
            let ufunc = binop_ufunc(op);
            let (ufunc, _, b) =
                convert::binary_operands(ufunc, l, r).map_err(|e| match e.kind {
                    ExcKind::NotImplementedError => unsupported_operands(ufunc, l, r),
                    _ => e,
                })?;
            // Warnings need the left values, which the operation overwrites:
            // know beforehand whether they were all finite.
            let finite_before = !a.dtype().is_float() || super::warnings::all_finite(a);
            ops::binary(ufunc, &Operand::Array(a.clone()), &b, Some(a))?;
            if finite_before {
                for message in super::warnings::inplace_warnings(ufunc, a, &b) {
                    self.warn(message);
                }
            }
            // The statement's right-hand side was evaluated last: its line.
            let span = self.warnings.last_span;
            self.flush_warnings(span);
            return Ok(l.clone());
        }
        if let Value::List(items) = l {
            if op == BinOp::Add {
                let mut it = self.iterate(r)?;
                let mut extra = Vec::new();
                while let Some(v) = it.next_item()? {
                    extra.push(v);
                }
                items.borrow_mut().extend(extra);
                return Ok(l.clone());
            }
        }
        self.binary_op(op, l, r)
    }

    fn unary_op(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truthy(v)?));
        }
        if convert::is_numpy(v) {
            let a = convert::to_array(v)?;
            let uop = match op {
                UnaryOp::Neg => ops::UnaryOp::Negative,
                UnaryOp::Pos => ops::UnaryOp::Positive,
                _ => ops::UnaryOp::Invert,
            };
            return Ok(convert::ufunc_result(ops::unary(uop, &a)?));
        }
        Ok(match (op, v) {
            (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => bigint::normalize(-num_bigint::BigInt::from(*i)),
            },
            (UnaryOp::Neg, Value::BigInt(b)) => bigint::normalize(-(**b).clone()),
            (UnaryOp::Pos, Value::BigInt(_)) => v.clone(),
            (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
            (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Neg, Value::Complex(re, im)) => Value::Complex(-re, -im),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(..)) => v.clone(),
            (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
            _ => {
                let sym = match op {
                    UnaryOp::Neg => "unary -",
                    UnaryOp::Pos => "unary +",
                    _ => "unary ~",
                };
                return Err(type_error(format!(
                    "bad operand type for {sym}: '{}'",
                    v.type_name()
                )));
            }
        })
    }

    pub(super) fn compare(&mut self, op: CmpOp, l: &Value, r: &Value) -> PyResult<Value> {
        let ufunc = match op {
            CmpOp::Is => return Ok(Value::Bool(l.is(r))),
            CmpOp::IsNot => return Ok(Value::Bool(!l.is(r))),
            CmpOp::In => return Ok(Value::Bool(self.contains(r, l)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(r, l)?)),
            CmpOp::Lt => BinaryOp::Less,
            CmpOp::Le => BinaryOp::LessEqual,
            CmpOp::Gt => BinaryOp::Greater,
            CmpOp::Ge => BinaryOp::GreaterEqual,
            CmpOp::Eq => BinaryOp::Equal,
            CmpOp::Ne => BinaryOp::NotEqual,
        };
        if convert::is_numpy(l) || convert::is_numpy(r) {
            match convert::binary_operands(ufunc, l, r) {
                Ok((ufunc, a, b)) => {
                    let result = ops::binary(ufunc, &a, &b, None)?;
                    return Ok(convert::ufunc_result(result));
                }
                Err(e) if e.kind != ExcKind::NotImplementedError => return Err(e),
                Err(_) => {}
            }
            if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                return Ok(convert::equality_fallback(op == CmpOp::Ne, l, r));
            }
            return Err(unsupported_operands(ufunc, l, r));
        }
        python_compare(op, l, r).map(Value::Bool)
    }

    fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                _ => Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    item.type_name()
                ))),
            },
            Value::Array(_) => {
                let eq = self.numpy_binary(BinaryOp::Equal, container, item)?;
                let a = convert::to_array(&eq)?;
                Ok(a.to_scalars().iter().any(|s| s.is_truthy()))
            }
            _ => {
                let mut it = self.iterate(container)?;
                while let Some(v) = it.next_item()? {
                    let eq = self.compare(CmpOp::Eq, &v, item)?;
                    if self.truthy(&eq)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// `container[index]`.
    pub fn get_item(&mut self, container: &Value, index: &Value) -> PyResult<Value> {
        match container {
            Value::Array(a) => {
                let items = convert::index_items(index)?;
                Ok(match index::get(a, &items)? {
                    Indexed::Scalar(d, s) => Value::NpScalar(d, s),
                    // A 0-d result of advanced indexing (`a[np.array(2)]`)
                    // is a scalar, as NumPy returns it.
                    Indexed::Copy(v) if v.ndim() == 0 => convert::ufunc_result(v),
                    Indexed::View(v) | Indexed::Copy(v) => Value::Array(v),
                })
            }
            Value::List(items) => sequence_item(&items.borrow(), index, "list"),
            Value::Tuple(items) => sequence_item(items, index, "tuple"),
            Value::Str(s) => {
                let chars: Vec<Value> = s.chars().map(|c| Value::str(&c.to_string())).collect();
                match sequence_item(&chars, index, "string")? {
                    Value::List(parts) => {
                        let text: String = parts
                            .borrow()
                            .iter()
                            .map(|p| match p {
                                Value::Str(s) => s.to_string(),
                                _ => String::new(),
                            })
                            .collect();
                        Ok(Value::str(&text))
                    }
                    other => Ok(other),
                }
            }
            Value::Range(start, stop, step) => {
                let n = convert::range_len(*start, *stop, *step);
                let i = convert::index_value(index)?;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error("range object index out of range"));
                }
                Ok(Value::Int(start + j * step))
            }
            Value::NpScalar(..) => Err(index_error("invalid index to scalar variable.")),
            Value::Flags(a) => crate::numpy::methods::flag_by_key(a, index),
            Value::Class(Class::Scalar(_)) => Err(PyErr::new(
                ExcKind::NotImplementedError,
                "subscripting NumPy scalar types is not supported",
            )),
            other => Err(type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            ))),
        }
    }

    /// `container[index] = value`.
    pub fn set_item(&mut self, container: &Value, index: &Value, value: Value) -> PyResult<()> {
        match container {
            Value::Array(a) => {
                let items = convert::index_items(index)?;
                let values = convert::values_for_assignment(&value, a.dtype())?;
                index::set(a, &items, &values)
            }
            Value::Flags(a) => crate::numpy::manipulation::flags::set_flag_by_key(a, index, &value),
            Value::List(items) => {
                let n = items.borrow().len() as i64;
                if let Value::Slice(_) = index {
                    return Err(PyErr::new(
                        ExcKind::NotImplementedError,
                        "slice assignment to lists is not supported",
                    ));
                }
                let i = convert::index_value(index)?;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error("list assignment index out of range"));
                }
                items.borrow_mut()[j as usize] = value;
                Ok(())
            }
            other => Err(type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }

    pub(super) fn del_item(&mut self, container: &Value, index: &Value) -> PyResult<()> {
        match container {
            Value::List(items) => {
                let n = items.borrow().len() as i64;
                let i = convert::index_value(index)?;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(index_error("list assignment index out of range"));
                }
                items.borrow_mut().remove(j as usize);
                Ok(())
            }
            Value::Array(_) => Err(ValueErrorText::cannot_delete()),
            other => Err(type_error(format!(
                "'{}' object doesn't support item deletion",
                other.type_name()
            ))),
        }
    }

    pub fn get_attr(&mut self, v: &Value, attr: &str) -> PyResult<Value> {
        let found = match v {
            Value::Array(a) => crate::numpy::methods::array_attr(a, attr)?,
            Value::Module(m) => crate::numpy::module_attr(*m, attr),
            Value::NpScalar(d, s) => crate::numpy::methods::scalar_attr(*d, *s, v, attr)?,
            Value::DType(d) => crate::numpy::methods::dtype_attr(*d, attr),
            Value::Flags(a) => crate::numpy::methods::flags_attr(a, attr),
            Value::Class(c) => match attr {
                "__name__" => Some(Value::str(c.name())),
                _ => None,
            },
            Value::Exception(e) => match attr {
                "args" => Some(Value::tuple(if e.message.is_empty() {
                    vec![]
                } else {
                    vec![Value::str(&e.message)]
                })),
                _ => None,
            },
            Value::Function(f) => match attr {
                "__name__" => Some(Value::str(&f.name)),
                _ => None,
            },
            Value::Builtin(b) => match attr {
                "__name__" => Some(Value::str(b.name)),
                _ => crate::numpy::ufunc_object::attr(v, b, attr),
            },
            Value::Complex(re, im) => match attr {
                "real" => Some(Value::Float(*re)),
                "imag" => Some(Value::Float(*im)),
                _ => None,
            },
            Value::Float(f) => match attr {
                "real" => Some(Value::Float(*f)),
                "imag" => Some(Value::Float(0.0)),
                _ => None,
            },
            Value::Slice(parts) => match attr {
                "start" => Some(parts[0].clone()),
                "stop" => Some(parts[1].clone()),
                "step" => Some(parts[2].clone()),
                _ => None,
            },
            _ => super::builtins::method_of(v, attr),
        };
        found.ok_or_else(|| match v {
            Value::Module(m) => PyErr::new(
                ExcKind::AttributeError,
                format!("module '{}' has no attribute '{attr}'", m.name()),
            ),
            Value::Class(c) => PyErr::new(
                ExcKind::AttributeError,
                format!("type object '{}' has no attribute '{attr}'", c.name()),
            ),
            other => PyErr::new(
                ExcKind::AttributeError,
                format!("'{}' object has no attribute '{attr}'", other.type_name()),
            ),
        })
    }

    pub(super) fn set_attr(&mut self, obj: &Value, attr: &str, value: Value) -> PyResult<()> {
        match obj {
            Value::Array(a) => crate::numpy::methods::set_array_attr(a, attr, value),
            Value::Flags(a) => crate::numpy::methods::set_flag(a, attr, &value),
            other => Err(PyErr::new(
                ExcKind::AttributeError,
                format!(
                    "'{}' object has no attribute '{attr}' and no __dict__ for setting new attributes",
                    other.type_name()
                ),
            )),
        }
    }
}

struct ValueErrorText;

impl ValueErrorText {
    fn cannot_delete() -> PyErr {
        PyErr::new(ExcKind::ValueError, "cannot delete array elements")
    }
}

fn int_overflow() -> PyErr {
    PyErr::new(
        ExcKind::OverflowError,
        "integer result does not fit in 64 bits (npview's Python ints are 64-bit)",
    )
}

/// The ufunc behind a Python operator.
pub fn binop_ufunc(op: BinOp) -> BinaryOp {
    match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Subtract,
        BinOp::Mul => BinaryOp::Multiply,
        BinOp::Div => BinaryOp::Divide,
        BinOp::FloorDiv => BinaryOp::FloorDivide,
        BinOp::Mod => BinaryOp::Remainder,
        BinOp::Pow => BinaryOp::Power,
        BinOp::LShift => BinaryOp::LeftShift,
        BinOp::RShift => BinaryOp::RightShift,
        BinOp::BitOr => BinaryOp::BitOr,
        BinOp::BitXor => BinaryOp::BitXor,
        BinOp::BitAnd => BinaryOp::BitAnd,
        BinOp::MatMul => BinaryOp::Multiply,
    }
}

fn unsupported_operands(op: BinaryOp, l: &Value, r: &Value) -> PyErr {
    let comparison = matches!(
        op,
        BinaryOp::Less | BinaryOp::LessEqual | BinaryOp::Greater | BinaryOp::GreaterEqual
    );
    let (op, l, r, desc): (BinaryOp, &Value, &Value, fn(&Value) -> String) = if !comparison {
        (op, l, r, convert::dtype_desc)
    } else if convert::is_numpy(l) {
        (op, l, r, convert::dtype_class_desc)
    } else {
        // Python asks the NumPy operand for the reflected comparison.
        let mirrored = crate::array::promote::mirror_comparison(op);
        (mirrored, r, l, convert::dtype_class_desc)
    };
    PyErr::new(
        ExcKind::UFuncTypeError,
        format!(
            "ufunc '{}' did not contain a loop with signature matching types ({}, {}) -> None",
            op.ufunc_name(),
            desc(l),
            desc(r)
        ),
    )
}

/// `seq[index]` for lists, tuples and strings: an int or a slice.
fn sequence_item(items: &[Value], index: &Value, what: &str) -> PyResult<Value> {
    if let Value::Slice(parts) = index {
        let bound = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                other => convert::index_value(other).map(Some),
            }
        };
        let (start, step, len) = index::slice_bounds(
            bound(&parts[0])?,
            bound(&parts[1])?,
            bound(&parts[2])?,
            items.len(),
        )?;
        let picked: Vec<Value> = (0..len as i64)
            .map(|k| items[(start + k * step) as usize].clone())
            .collect();
        return Ok(if what == "tuple" {
            Value::tuple(picked)
        } else {
            Value::list(picked)
        });
    }
    let i = convert::index_value(index).map_err(|_| {
        type_error(format!(
            "{what} indices must be integers or slices, not {}",
            index.type_name()
        ))
    })?;
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(index_error(format!("{what} index out of range")));
    }
    Ok(items[j as usize].clone())
}

/// Python arithmetic on Python values (no arrays involved).
fn python_binary(op: BinOp, l: &Value, r: &Value) -> PyResult<Value> {
    use Value::*;
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
            let q = a.div_euclid(b);
            let r = a.rem_euclid(b);
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
fn python_compare(op: CmpOp, l: &Value, r: &Value) -> PyResult<bool> {
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
        if !python_compare(CmpOp::Eq, x, y)? {
            return Ok(false);
        }
    }
    Ok(true)
}
