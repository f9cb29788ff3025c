//! Statements: assignment, control flow, functions, exceptions, imports.

use std::rc::Rc;

use super::value::{Class, Function, FunctionBody, Module, Value};
use super::Interp;
use crate::error::{type_error, value_error, ExcKind, PyErr, PyResult};
use crate::report::lost_write::LostWrite;
use crate::syntax::ast::{BinOp, ExceptHandler, Expr, ExprKind, FunctionDef, Span, Stmt, StmtKind};

/// How a statement finished.
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

impl Interp {
    pub(super) fn exec_block(&mut self, stmts: &[Stmt]) -> PyResult<Flow> {
        for stmt in stmts {
            match self.exec_stmt(stmt).map_err(|e| e.at(stmt.span))? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    /// Runs one statement. Each arm is a call or a line: this match runs for
    /// every statement, and its frame is set up every time, so the work of
    /// the rarer statements lives in functions of their own.
    pub(super) fn exec_stmt(&mut self, stmt: &Stmt) -> PyResult<Flow> {
        self.tick()?;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e)?;
                self.report_discarded(&v)?;
            }
            StmtKind::Assign { targets, value } => {
                if let [target] = targets.as_slice() {
                    if let Some(done) = self.assign_directly(target, value) {
                        done?;
                        return Ok(Flow::Normal);
                    }
                }
                let v = self.eval_operand(value)?;
                // The last target takes the value itself: a single target
                // (nearly every assignment) costs no clone and no drop.
                if let Some((last, others)) = targets.split_last() {
                    for target in others {
                        self.assign_from(target, v.clone(), Some(value))?;
                    }
                    self.assign_from(last, v, Some(value))?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::Pass => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Return(e) => return self.exec_return(e.as_ref()),
            StmtKind::If { branches, orelse } => return self.exec_if(branches, orelse.as_deref()),
            StmtKind::While { cond, body } => return self.exec_while(cond, body),
            StmtKind::For { target, iter, body } => return self.exec_for(target, iter, body),
            StmtKind::Del(targets) => self.delete_all(targets)?,
            StmtKind::Global(names) => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.globals_declared.extend(names.iter().cloned());
                }
            }
            StmtKind::FunctionDef(def) => self.define_function(def)?,
            StmtKind::Assert { test, msg } => self.exec_assert(test, msg.as_ref())?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => return self.exec_try(body, handlers, orelse.as_deref(), finally.as_deref()),
            StmtKind::Raise(e) => return Err(self.raise(e.as_ref())?),
            StmtKind::Import { module, alias } => self.import(module, alias.as_deref())?,
            StmtKind::ImportFrom { module, names } => self.import_from(module, names)?,
        }
        Ok(Flow::Normal)
    }

    fn exec_return(&mut self, e: Option<&Expr>) -> PyResult<Flow> {
        let v = match e {
            Some(e) => self.eval(e)?,
            None => Value::None,
        };
        Ok(Flow::Return(v))
    }

    fn exec_if(
        &mut self,
        branches: &[(Expr, Vec<Stmt>)],
        orelse: Option<&[Stmt]>,
    ) -> PyResult<Flow> {
        for (cond, body) in branches {
            let c = self.eval(cond)?;
            if self.truthy(&c).map_err(|e| e.at(cond.span))? {
                return self.exec_block(body);
            }
        }
        match orelse {
            Some(body) => self.exec_block(body),
            None => Ok(Flow::Normal),
        }
    }

    fn exec_while(&mut self, cond: &Expr, body: &[Stmt]) -> PyResult<Flow> {
        loop {
            let c = self.eval(cond)?;
            if !self.truthy(&c).map_err(|e| e.at(cond.span))? {
                break;
            }
            match self.exec_block(body)? {
                Flow::Break => break,
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
            self.tick()?;
        }
        Ok(Flow::Normal)
    }

    fn exec_for(&mut self, target: &Expr, iter: &Expr, body: &[Stmt]) -> PyResult<Flow> {
        let iterable = self.eval(iter)?;
        if let (Value::Range(start, stop, step), ExprKind::Name(name)) = (&iterable, &target.kind) {
            return self.for_range(name, (*start, *stop, *step), body);
        }
        let mut items = self.iterate(&iterable).map_err(|e| e.at(iter.span))?;
        while let Some(item) = items.next_item(self)? {
            self.tick()?;
            self.note_row(iter, &iterable, &item);
            self.assign(target, item)?;
            match self.exec_block(body)? {
                Flow::Break => break,
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        Ok(Flow::Normal)
    }

    fn delete_all(&mut self, targets: &[Expr]) -> PyResult<()> {
        for t in targets {
            self.delete(t)?;
        }
        Ok(())
    }

    fn define_function(&mut self, def: &Rc<FunctionDef>) -> PyResult<()> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e)?),
                None => None,
            });
        }
        let f = Function {
            name: def.name.clone(),
            params: def.params.clone(),
            defaults,
            body: FunctionBody::Block(def.clone()),
            enclosing: self.defining_scopes(),
        };
        self.bind(&def.name, Value::Function(Rc::new(f)));
        Ok(())
    }

    fn exec_assert(&mut self, test: &Expr, msg: Option<&Expr>) -> PyResult<()> {
        let t = self.eval(test)?;
        if self.truthy(&t)? {
            return Ok(());
        }
        let message = match msg {
            Some(m) => {
                let v = self.eval(m)?;
                super::text::str_plain(&v)
            }
            None => String::new(),
        };
        Err(PyErr::new(ExcKind::AssertionError, message).at(test.span))
    }

    fn import(&mut self, module: &[String], alias: Option<&str>) -> PyResult<()> {
        let m = import_module(module)?;
        match alias {
            Some(a) => self.bind(a, Value::Module(m)),
            None if m == Module::Time => self.bind(&module[0], Value::Module(m)),
            None => self.bind(&module[0], Value::Module(Module::Numpy)),
        }
        Ok(())
    }

    fn import_from(
        &mut self,
        module: &[String],
        names: &[(String, Option<String>)],
    ) -> PyResult<()> {
        let m = import_module(module)?;
        let mut bound = Vec::new();
        for (name, alias) in names {
            let v = crate::numpy::module_attr(m, name).ok_or_else(|| {
                PyErr::new(
                    ExcKind::ImportError,
                    format!("cannot import name '{name}' from '{}'", m.name()),
                )
            })?;
            bound.push((alias.clone().unwrap_or_else(|| name.clone()), v));
        }
        for (name, v) in bound {
            self.bind(&name, v);
        }
        Ok(())
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: Option<&[Stmt]>,
        finally: Option<&[Stmt]>,
    ) -> PyResult<Flow> {
        let mut outcome = self.exec_block(body);
        if let Err(err) = &outcome {
            let err = err.clone();
            for handler in handlers {
                if self.handler_matches(handler, &err)? {
                    if let Some(name) = &handler.name {
                        self.bind(name, Value::Exception(Rc::new(err.clone())));
                    }
                    self.handling.push(err.clone());
                    outcome = self.exec_block(&handler.body);
                    self.handling.pop();
                    if let Some(name) = &handler.name {
                        self.unbind(name);
                    }
                    break;
                }
            }
        } else if let Some(orelse) = orelse {
            outcome = self.exec_block(orelse);
        }
        if let Some(finally) = finally {
            match self.exec_block(finally)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        outcome
    }

    fn handler_matches(&mut self, handler: &ExceptHandler, err: &PyErr) -> PyResult<bool> {
        let Some(class_expr) = &handler.class else {
            return Ok(true);
        };
        let class = self.eval(class_expr)?;
        let classes = match &class {
            Value::Tuple(items) => items.to_vec(),
            other => vec![other.clone()],
        };
        for c in classes {
            match c {
                Value::Class(Class::Exception(k)) => {
                    if err.kind.is_subclass_of(k) {
                        return Ok(true);
                    }
                }
                _ => {
                    return Err(type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    )
                    .at(class_expr.span))
                }
            }
        }
        Ok(false)
    }

    fn raise(&mut self, e: Option<&Expr>) -> PyResult<PyErr> {
        let Some(e) = e else {
            return match self.handling.last() {
                Some(err) => Ok(err.clone()),
                None => Ok(PyErr::new(
                    ExcKind::RuntimeError,
                    "No active exception to reraise",
                )),
            };
        };
        let v = self.eval(e)?;
        match v {
            Value::Exception(err) => Ok(PyErr {
                span: Some(e.span),
                ..(*err).clone()
            }),
            Value::Class(Class::Exception(kind)) => Ok(PyErr::new(kind, "").at(e.span)),
            _ => Ok(type_error("exceptions must derive from BaseException").at(e.span)),
        }
    }

    /// Binds `value` to an assignment target.
    pub(super) fn assign(&mut self, target: &Expr, value: Value) -> PyResult<()> {
        self.assign_from(target, value, None)
    }

    /// Binds `value`, computed by `value_expr` when known, to a target.
    #[inline]
    fn assign_from(
        &mut self,
        target: &Expr,
        value: Value,
        value_expr: Option<&Expr>,
    ) -> PyResult<()> {
        // A name, by far the most common target, is bound here: the general
        // store below has a large frame to set up and tear down.
        match &target.kind {
            ExprKind::Name(name) => {
                self.bind(name, value);
                Ok(())
            }
            ExprKind::Subscript { value: obj, index } => {
                self.store_item(target, obj, index, value, value_expr)
            }
            _ => self.store(target, value),
        }
    }

    /// `obj[index] = value`, where `target` is that subscript. Out of line:
    /// inlined, its frame would burden every caller of `assign_from`.
    #[inline(never)]
    fn store_item(
        &mut self,
        target: &Expr,
        obj: &Expr,
        index: &Expr,
        value: Value,
        value_expr: Option<&Expr>,
    ) -> PyResult<()> {
        if let Some(done) = self.store_element_directly(obj, index, &value) {
            return done.map_err(|e| e.at(target.span));
        }
        let container = self.eval_operand(obj)?;
        let index = match &index.kind {
            // A literal index (`b[0] = x`) is its value: evaluating
            // it could neither fail nor warn.
            ExprKind::Int(i) => Value::Int(*i),
            _ => self.eval_operand(index)?,
        };
        let lost = self.lost_write_at_item(target, &container, &index, None, value_expr);
        self.set_item(&container, &index, value)
            .map_err(|e| e.at(target.span))?;
        drop(container);
        match lost {
            // Nearly every store: nothing to report.
            None => Ok(()),
            lost => self.report_lost(lost),
        }
    }

    /// `assign_from` for the targets other than names and subscripts.
    fn store(&mut self, target: &Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(obj)?;
                self.set_attr(&o, attr, value)
                    .map_err(|e| e.at(target.span))
            }
            ExprKind::Tuple(_) | ExprKind::List(_) => {
                // Unpacking is all or nothing: every target is evaluated and
                // checked before the first binding or write.
                let mut stores = Vec::new();
                let mut lost = Vec::new();
                self.prepare_stores(target, value, &mut stores, &mut lost)?;
                // Writes into temporary copies are reported before anything
                // is stored, so that under `-W error` the statement changes
                // nothing.
                self.report_lost(lost)?;
                for store in stores {
                    self.commit_store(store)?;
                }
                Ok(())
            }
            _ => {
                Err(PyErr::new(ExcKind::SyntaxError, "cannot assign to expression").at(target.span))
            }
        }
    }

    /// The items of `value` for `a, b = value`, checking the count first so a
    /// failed unpacking binds nothing.
    fn unpack(&mut self, value: &Value, n: usize) -> PyResult<Vec<Value>> {
        let mut it = self.iterate(value)?;
        let mut items = Vec::with_capacity(n);
        while let Some(v) = it.next_item(self)? {
            items.push(v);
            if items.len() > n {
                return Err(value_error(format!(
                    "too many values to unpack (expected {n})"
                )));
            }
        }
        if items.len() < n {
            return Err(value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        Ok(items)
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(name) => {
                let current = self.lookup(name).ok_or_else(|| {
                    PyErr::new(ExcKind::NameError, format!("name '{name}' is not defined"))
                        .at(target.span)
                })?;
                let rhs = self.eval(value)?;
                let result = self.inplace_op(op, &current, &rhs, value.span)?;
                self.bind(name, result);
                Ok(())
            }
            ExprKind::Subscript { value: obj, index } => {
                let container = self.eval(obj)?;
                let index = self.eval(index)?;
                let rhs = self.eval(value)?;
                let lost =
                    self.lost_write_at_item(target, &container, &index, Some(op), Some(value));
                let current = self
                    .get_item(&container, &index)
                    .map_err(|e| e.at(target.span))?;
                let result = self.inplace_op(op, &current, &rhs, value.span)?;
                self.set_item(&container, &index, result)
                    .map_err(|e| e.at(target.span))?;
                drop(container);
                self.report_lost(lost)
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(obj)?;
                let rhs = self.eval(value)?;
                let current = self.get_attr(&o, attr).map_err(|e| e.at(target.span))?;
                let result = self.inplace_op(op, &current, &rhs, value.span)?;
                self.set_attr(&o, attr, result)
                    .map_err(|e| e.at(target.span))
            }
            _ => Err(PyErr::new(
                ExcKind::SyntaxError,
                "'expression' is an illegal expression for augmented assignment",
            )
            .at(target.span)),
        }
    }

    fn delete(&mut self, target: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(name) => {
                if self.unbind(name) {
                    Ok(())
                } else {
                    Err(
                        PyErr::new(ExcKind::NameError, format!("name '{name}' is not defined"))
                            .at(target.span),
                    )
                }
            }
            ExprKind::Subscript { value, index } => {
                let container = self.eval(value)?;
                let index = self.eval(index)?;
                self.del_item(&container, &index)
                    .map_err(|e| e.at(target.span))
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for t in items {
                    self.delete(t)?;
                }
                Ok(())
            }
            _ => Err(PyErr::new(ExcKind::SyntaxError, "cannot delete expression").at(target.span)),
        }
    }
}

/// The module `import` names: numpy and its submodules only.
fn import_module(path: &[String]) -> PyResult<Module> {
    let dotted = path.join(".");
    match dotted.as_str() {
        "numpy" => Ok(Module::Numpy),
        "numpy.lib" => Ok(Module::NumpyLib),
        "numpy.lib.stride_tricks" => Ok(Module::StrideTricks),
        "numpy.exceptions" => Ok(Module::Exceptions),
        "numpy.random" => Ok(Module::Random),
        "numpy.linalg" => Ok(Module::Linalg),
        "time" => Ok(Module::Time),
        _ => Err(PyErr::new(
            ExcKind::ModuleNotFoundError,
            format!(
                "No module named '{}'",
                path.first().map_or("", |s| s.as_str())
            ),
        )),
    }
}

/// One binding or write of an unpacking assignment, evaluated and checked
/// but not yet done.
enum Store {
    Name(String, Value),
    Item {
        container: Value,
        index: Value,
        value: Value,
        span: Span,
    },
    Attr {
        object: Value,
        name: String,
        value: Value,
        span: Span,
    },
}

impl Interp {
    /// Evaluates and checks the stores of `target = value`, and notes the
    /// ones that would write into a temporary copy (lost writes).
    fn prepare_stores(
        &mut self,
        target: &Expr,
        value: Value,
        out: &mut Vec<Store>,
        lost: &mut Vec<LostWrite>,
    ) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(name) => out.push(Store::Name(name.clone(), value)),
            ExprKind::Subscript { value: obj, index } => {
                let container = self.eval(obj)?;
                let index = self.eval(index)?;
                self.check_item_store(&container, &index, &value)
                    .map_err(|e| e.at(target.span))?;
                lost.extend(self.lost_write_at_item(target, &container, &index, None, None));
                out.push(Store::Item {
                    container,
                    index,
                    value,
                    span: target.span,
                });
            }
            ExprKind::Attribute { value: obj, attr } => {
                let object = self.eval(obj)?;
                out.push(Store::Attr {
                    object,
                    name: attr.clone(),
                    value,
                    span: target.span,
                });
            }
            ExprKind::Tuple(targets) | ExprKind::List(targets) => {
                let items = self
                    .unpack(&value, targets.len())
                    .map_err(|e| e.at(target.span))?;
                for (t, v) in targets.iter().zip(items) {
                    self.prepare_stores(t, v, out, lost)?;
                }
            }
            _ => {
                return Err(
                    PyErr::new(ExcKind::SyntaxError, "cannot assign to expression").at(target.span),
                )
            }
        }
        Ok(())
    }

    fn commit_store(&mut self, store: Store) -> PyResult<()> {
        match store {
            Store::Name(name, value) => {
                self.bind(&name, value);
                Ok(())
            }
            Store::Item {
                container,
                index,
                value,
                span,
            } => self
                .set_item(&container, &index, value)
                .map_err(|e| e.at(span)),
            Store::Attr {
                object,
                name,
                value,
                span,
            } => self.set_attr(&object, &name, value).map_err(|e| e.at(span)),
        }
    }

    /// Raises what `container[index] = value` would raise, without writing:
    /// the index is applied as a read and the value must broadcast to it.
    fn check_item_store(
        &mut self,
        container: &Value,
        index: &Value,
        value: &Value,
    ) -> PyResult<()> {
        let Value::Array(a) = container else {
            return match container {
                Value::List(_) => self.get_item(container, index).map(|_| ()),
                _ => Ok(()),
            };
        };
        if !a.data().writeable {
            return Err(value_error("assignment destination is read-only"));
        }
        let selected = self.get_item(container, index)?;
        let target_shape = match &selected {
            Value::Array(s) => s.shape(),
            _ => vec![],
        };
        let values = super::convert::values_for_assignment(value, a.dtype())?;
        let vshape = values.shape();
        let strides = vec![0; vshape.len()];
        if crate::array::layout::broadcast_strides(&vshape, &strides, &target_shape).is_none() {
            // The exact error depends on the kind of index: get it from the
            // same store into a scratch copy, which touches nothing real.
            let scratch = Value::Array(a.copy()?);
            self.set_item(&scratch, index, value.clone())?;
        }
        Ok(())
    }
}
