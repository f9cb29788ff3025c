//! Expressions: names, literals, operators, attribute access, subscripts.

use std::rc::Rc;

use super::bigint;
use super::convert;
use super::pyops;
use super::value::{Class, Value};
use super::Interp;
use crate::array::index::{self, Indexed};
use crate::array::ops::{self, BinaryOp};
use crate::error::{index_error, type_error, ExcKind, PyErr, PyResult};
use crate::syntax::ast::{BinOp, BoolOp, CmpOp, Expr, ExprKind, UnaryOp};

impl Interp {
    pub fn eval(&mut self, expr: &Expr) -> PyResult<Value> {
        if super::stack_is_low() {
            return Err(
                PyErr::new(ExcKind::RecursionError, "maximum recursion depth exceeded")
                    .at(expr.span),
            );
        }
        let result = self.eval_inner(expr).map_err(|e| e.at(expr.span));
        // Almost every evaluation raises no warning: checking inline skips
        // a call per evaluation.
        if self.warnings.has_pending() {
            self.flush_warnings(expr.span);
        }
        result
    }

    /// `eval`, with a bound variable or a number literal read directly:
    /// neither can fail nor warn, so the checks and the bookkeeping around
    /// a general evaluation have nothing to do. For the operands of the
    /// statements loops run most (`a[i:]`, `b[0] = 5`, `x = y`).
    #[inline]
    pub(super) fn eval_operand(&mut self, expr: &Expr) -> PyResult<Value> {
        match &expr.kind {
            ExprKind::Name(name) => {
                if let Some(v) = self.lookup(name) {
                    return Ok(v);
                }
            }
            ExprKind::Int(i) => return Ok(Value::Int(*i)),
            ExprKind::Float(f) => return Ok(Value::Float(*f)),
            _ => {}
        }
        self.eval(expr)
    }

    fn eval_inner(&mut self, expr: &Expr) -> PyResult<Value> {
        Ok(match &expr.kind {
            ExprKind::Name(name) => self.lookup(name).ok_or_else(|| {
                PyErr::new(ExcKind::NameError, format!("name '{name}' is not defined"))
            })?,
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::BigInt(i) => Value::BigInt(i.clone()),
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
                let v = self.eval_operand(value)?;
                if let (Value::Array(a), ExprKind::Slice { lower, upper, step }) = (&v, &index.kind)
                {
                    return self.slice_array(expr, value, a, [lower, upper, step]);
                }
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
                let l = self.eval_operand(left)?;
                let r = self.eval_operand(right)?;
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

    /// `a[lower:upper:step]` for an array `a`: the common view-making
    /// subscript, with no slice object or index list in between.
    fn slice_array(
        &mut self,
        expr: &Expr,
        container_expr: &Expr,
        a: &crate::array::Array,
        parts: [&Option<Box<Expr>>; 3],
    ) -> PyResult<Value> {
        let view = match literal_slice_bounds(parts) {
            // `a[1:4]`: literal bounds are their values, with no evaluation
            // (which could neither fail nor warn) in between.
            Some((start, stop, step)) => index::slice(a, start, stop, step)?,
            None => self.slice_with_bounds(a, parts)?,
        };
        // A slice of an array is always a new view of its buffer.
        self.note_view(expr, container_expr, a, BASIC_SLICING, &view);
        Ok(Value::Array(view))
    }

    /// `a[lower:upper:step]`: every bound is evaluated before any is
    /// converted, as Python builds the slice object first.
    fn slice_with_bounds(
        &mut self,
        a: &crate::array::Array,
        parts: [&Option<Box<Expr>>; 3],
    ) -> PyResult<crate::array::Array> {
        let mut bounds = [Value::None, Value::None, Value::None];
        for (bound, part) in bounds.iter_mut().zip(parts) {
            match part.as_deref() {
                // A literal bound (`a[1:4]`) is its value: no evaluation
                // (which could neither fail nor warn) in between.
                Some(Expr {
                    kind: ExprKind::Int(i),
                    ..
                }) => *bound = Value::Int(*i),
                Some(e) => *bound = self.eval_operand(e)?,
                None => {}
            }
        }
        let start = convert::slice_bound(&bounds[0])?;
        let stop = convert::slice_bound(&bounds[1])?;
        let step = convert::slice_bound(&bounds[2])?;
        index::slice(a, start, stop, step)
    }

    fn eval_items(&mut self, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            if let ExprKind::Starred(inner) = &e.kind {
                let v = self.eval(inner)?;
                let mut it = self.iterate(&v).map_err(|err| err.at(e.span))?;
                while let Some(x) = it.next_item(self)? {
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
        'items: while let Some(item) = it.next_item(self)? {
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
        pyops::binary(op, l, r)
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
        let scalar = !matches!(l, Value::Array(_)) && !matches!(r, Value::Array(_));
        let (result, messages) = super::warnings::binary_with_warnings(op, &a, &b, scalar)?;
        for message in messages {
            self.warn(message);
        }
        Ok(convert::ufunc_result(result))
    }

    /// `x op= y`: arrays are updated in place (the result must cast back
    /// with 'same_kind'); other values are rebound to `x op y`. `at` is the
    /// right-hand side, whose line names any RuntimeWarning.
    pub fn inplace_op(
        &mut self,
        op: BinOp,
        l: &Value,
        r: &Value,
        at: crate::syntax::ast::Span,
    ) -> PyResult<Value> {
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
            for message in super::warnings::inplace_with_warnings(ufunc, a, &b)? {
                self.warn(message);
            }
            self.flush_warnings(at);
            return Ok(l.clone());
        }
        if let Value::List(items) = l {
            if op == BinOp::Add {
                let mut it = self.iterate(r)?;
                let mut extra = Vec::new();
                while let Some(v) = it.next_item(self)? {
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
        pyops::compare(op, l, r).map(Value::Bool)
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
                while let Some(v) = it.next_item(self)? {
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
                Ok(array_item(index::get(a, &items)?))
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
            Value::Native(obj) => match obj.get_item(self, index) {
                Some(result) => result,
                None => Err(type_error(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                ))),
            },
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
                if let Value::Int(i) = index {
                    // `a[i] = value`: the one index item lives on the stack.
                    return set_array_items(a, &[index::IndexItem::Int(*i)], &value);
                }
                let items = convert::index_items(index)?;
                set_array_items(a, &items, &value)
            }
            Value::Flags(a) => crate::numpy::manipulation::flags::set_flag_by_key(a, index, &value),
            Value::Native(obj) => match obj.set_item(self, index, &value) {
                Some(result) => result,
                None => Err(type_error(format!(
                    "'{}' object does not support item assignment",
                    obj.type_name()
                ))),
            },
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
            Value::Array(_) => Err(PyErr::new(
                ExcKind::ValueError,
                "cannot delete array elements",
            )),
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
            Value::Native(obj) => obj.get_attr(v, attr)?,
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
            _ => super::containers::method_of(v, attr),
        };
        found.ok_or_else(|| match v {
            Value::Module(m) => PyErr::new(
                ExcKind::AttributeError,
                crate::numpy::no_attribute_message(*m, attr),
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
            Value::Native(obj) if obj.set_attr(attr, &value)? => Ok(()),
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
/// The value of `a[index]` from what indexing produced.
fn array_item(indexed: Indexed) -> Value {
    match indexed {
        Indexed::Scalar(d, s) => Value::NpScalar(d, s),
        // A 0-d result of advanced indexing (`a[np.array(2)]`) is a
        // scalar, as NumPy returns it.
        Indexed::Copy(v) if v.ndim() == 0 => convert::ufunc_result(v),
        Indexed::View(v) | Indexed::Copy(v) => Value::Array(v),
    }
}

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

/// `a[items] = value` for an array `a`.
fn set_array_items(
    a: &crate::array::Array,
    items: &[index::IndexItem],
    value: &Value,
) -> PyResult<()> {
    let dtype = a.dtype();
    // A number: stored directly when the index names one element, else as
    // the 0-d array `values_for_assignment` makes (same conversions and
    // errors either way).
    if let Some(scalar) = convert::scalar_for_assignment(value, dtype) {
        let scalar = scalar?;
        if index::set_element(a, items, scalar)? {
            return Ok(());
        }
        let values = crate::array::Array::from_scalars(dtype, &[], &[scalar])?;
        return index::set(a, items, &values);
    }
    let values = convert::values_for_assignment(value, dtype)?;
    index::set(a, items, &values)
}

/// Why `a[lo:hi:step]` is a view, in the report.
pub(super) const BASIC_SLICING: &str = "basic slicing";

/// The bounds of a slice whose parts are all integer literals or omitted.
fn literal_slice_bounds(
    parts: [&Option<Box<Expr>>; 3],
) -> Option<(Option<i64>, Option<i64>, Option<i64>)> {
    let literal = |part: &Option<Box<Expr>>| match part.as_deref() {
        None => Some(None),
        Some(Expr {
            kind: ExprKind::Int(i),
            ..
        }) => Some(Some(*i)),
        Some(_) => None,
    };
    Some((literal(parts[0])?, literal(parts[1])?, literal(parts[2])?))
}
