//! The interpreter's side of `crate::report`: recording where arrays come
//! from, and checking stores for lost writes.
//!
//! Each hook is called from one line in `eval.rs`, `call.rs` or `exec.rs`.
//! Recording happens only for fresh objects (held by nothing but the value
//! just produced), so `np.asarray(a)` or `x.base` never overwrite the record
//! of an existing array. The lost-write checks run *before* the store, while
//! the reference counts are exactly those of the statement's temporaries,
//! and report *after* it succeeded.

use std::borrow::Cow;
use std::rc::Rc;

use super::value::{Args, Value};
use super::Interp;
use crate::array::{Array, WeakArray};
use crate::error::{ExcKind, PyErr, PyResult};
use crate::report::lost_write::{self, LostWrite, Store, Sub};
use crate::report::provenance::{one_line, span_text, Hint, Origin, Relation};
use crate::report::trace::{Context, ValueKind};
use crate::report::warnings::Policy;
use crate::syntax::ast::{Arg, BinOp, Expr, ExprKind, Span, Stmt, StmtKind};

/// Longest fancy index list kept for fix suggestions.
const HINT_LIST_MAX: usize = 64;

/// What a call's inputs were, noted before the call (identities only: no
/// references are held across the call).
pub(super) struct CallInputs {
    name: &'static str,
    method: bool,
    /// How the function was written (`np.copy`, `sliding_window_view`).
    written: String,
    buffers: Vec<u64>,
    any_array: bool,
    parent: Option<Rc<Origin>>,
    input: Option<Span>,
    receiver_shape: Option<Vec<usize>>,
    fortran: bool,
}

/// The arrays a call argument holds (an array, or a tuple of them for `out=`).
fn arrays_in(v: &Value) -> Vec<&Array> {
    match v {
        Value::Array(a) => vec![a],
        Value::Tuple(items) => items
            .iter()
            .filter_map(|x| match x {
                Value::Array(a) => Some(a),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Interp {
    fn origin(
        &self,
        relation: Relation,
        why: Cow<'static, str>,
        span: Span,
        input: Option<Span>,
    ) -> Origin {
        Origin {
            relation,
            why,
            span,
            source: self.report.source.clone(),
            input,
            parent: None,
            hint: Hint::None,
        }
    }

    /// After `container[index]` produced `result`.
    pub(super) fn note_subscript(
        &mut self,
        expr: &Expr,
        container_expr: &Expr,
        container: &Value,
        index: &Value,
        result: &Value,
    ) {
        if let (Value::Array(c), Value::Array(r)) = (container, result) {
            self.note_subscript_array(expr, container_expr, c, index, r);
        }
    }

    /// After `c[index]` produced the array `r`.
    pub(super) fn note_subscript_array(
        &mut self,
        expr: &Expr,
        container_expr: &Expr,
        c: &Array,
        index: &Value,
        r: &Array,
    ) {
        if r.ref_count() != 1 {
            return;
        }
        if c.data().buffer.id() == r.data().buffer.id() {
            let slicing = match index {
                Value::Slice(_) => true,
                Value::Tuple(items) => items.iter().any(|i| matches!(i, Value::Slice(_))),
                _ => false,
            };
            let why = if slicing {
                super::eval::BASIC_SLICING
            } else {
                "basic indexing"
            };
            self.note_view(expr, container_expr, c, why, r);
            return;
        }
        let hint = index_hint(index);
        let why = match hint {
            Hint::IntList(_) => "fancy indexing",
            Hint::Mask => "a boolean mask",
            _ => "advanced indexing",
        };
        self.record_derived(Relation::Copy, why, hint, (expr, container_expr), c, r);
    }

    /// After `expr` made `r`, a new view of `c` (written `container_expr`),
    /// by `why` ("basic slicing", ...).
    pub(super) fn note_view(
        &mut self,
        expr: &Expr,
        container_expr: &Expr,
        c: &Array,
        why: &'static str,
        r: &Array,
    ) {
        if self.report.provenance.record_view_again(
            r,
            why,
            expr.span,
            Some(container_expr.span),
            &self.report.source,
            c,
        ) {
            return;
        }
        self.record_derived(
            Relation::View,
            why,
            Hint::None,
            (expr, container_expr),
            c,
            r,
        );
    }

    /// Records that `expr` made `r` from `c` (written `container_expr`).
    fn record_derived(
        &mut self,
        relation: Relation,
        why: &'static str,
        hint: Hint,
        (expr, container_expr): (&Expr, &Expr),
        c: &Array,
        r: &Array,
    ) {
        let mut origin = self.origin(
            relation,
            Cow::Borrowed(why),
            expr.span,
            Some(container_expr.span),
        );
        origin.parent = self.report.provenance.get(c);
        origin.hint = hint;
        self.report.provenance.record(r, origin);
    }

    /// After `obj.attr` produced `result` (`.T`, `.real`, ...).
    pub(super) fn note_attr(
        &mut self,
        expr: &Expr,
        obj_expr: &Expr,
        obj: &Value,
        attr: &str,
        result: &Value,
    ) {
        let (Value::Array(o), Value::Array(r)) = (obj, result) else {
            return;
        };
        if r.ref_count() != 1 {
            return;
        }
        let view = o.data().buffer.id() == r.data().buffer.id();
        let (relation, why) = match (view, attr) {
            (true, "T") => (Relation::View, Cow::Borrowed("`.T` (a transpose)")),
            (true, _) => (Relation::View, Cow::Owned(format!("`.{attr}`"))),
            (false, _) => (Relation::New, Cow::Owned(format!("`.{attr}`"))),
        };
        let mut origin = self.origin(relation, why, expr.span, Some(obj_expr.span));
        origin.parent = self.report.provenance.get(o);
        self.report.provenance.record(r, origin);
    }

    /// Before a call: the identities of its array inputs.
    pub(super) fn call_inputs(&self, func: &Expr, f: &Value, args: &Args) -> Option<CallInputs> {
        let Value::Builtin(b) = f else {
            return None;
        };
        let mut inputs = CallInputs {
            name: b.name,
            method: b.receiver.is_some(),
            written: one_line(span_text(&self.report.source, func.span)).into_owned(),
            buffers: Vec::new(),
            any_array: false,
            parent: None,
            input: None,
            receiver_shape: None,
            fortran: args
                .positional
                .iter()
                .chain(args.keywords.iter().map(|(_, v)| v))
                .any(|v| matches!(v, Value::Str(s) if &**s == "F")),
        };
        if let Some(Value::Array(r)) = &b.receiver {
            inputs.buffers.push(r.data().buffer.id());
            inputs.any_array = true;
            inputs.parent = self.report.provenance.get(r);
            inputs.receiver_shape = Some(r.shape());
            if let ExprKind::Attribute { value, .. } = &func.kind {
                inputs.input = Some(value.span);
            }
        }
        for v in args
            .positional
            .iter()
            .chain(args.keywords.iter().map(|(_, v)| v))
        {
            for a in arrays_in(v) {
                inputs.buffers.push(a.data().buffer.id());
                if !inputs.any_array {
                    inputs.parent = self.report.provenance.get(a);
                }
                inputs.any_array = true;
            }
        }
        Some(inputs)
    }

    /// After a builtin call produced `result`.
    pub(super) fn note_call(
        &mut self,
        span: Span,
        args: &[Arg],
        inputs: CallInputs,
        result: &Value,
    ) {
        let Value::Array(r) = result else {
            return;
        };
        if r.ref_count() != 1 {
            return;
        }
        let buffer = r.data().buffer.id();
        let relation = if inputs.buffers.contains(&buffer) {
            Relation::View
        } else if inputs.any_array {
            Relation::Copy
        } else {
            Relation::New
        };
        let name = if inputs.method || inputs.written.is_empty() {
            format!("`{}()`", inputs.name)
        } else {
            format!("`{}()`", inputs.written)
        };
        let why = match (relation, inputs.name) {
            (Relation::Copy, "reshape") => format!("{name} of a layout that needs a copy"),
            (Relation::Copy, "ravel") => format!("{name} of a non-contiguous array"),
            _ => name,
        };
        let input = inputs.input.or_else(|| {
            args.first().map(|a| match a {
                Arg::Positional(e) => e.span,
                Arg::Keyword { value, .. } => value.span,
            })
        });
        let hint = match (relation, inputs.name, inputs.receiver_shape) {
            (Relation::Copy, "flatten" | "ravel", Some(shape)) => Hint::Flatten {
                shape,
                fortran: inputs.fortran,
            },
            _ => Hint::None,
        };
        let mut origin = self.origin(
            relation,
            Cow::Owned(why),
            span,
            input.filter(|_| inputs.any_array),
        );
        origin.parent = inputs.parent;
        origin.hint = hint;
        self.report.provenance.record(r, origin);
    }

    /// After an operator produced a new array.
    pub(super) fn note_operator(&mut self, span: Span, result: &Value) {
        let Value::Array(r) = result else {
            return;
        };
        if r.ref_count() != 1 {
            return;
        }
        let origin = self.origin(
            Relation::New,
            Cow::Borrowed("the result of an operator"),
            span,
            None,
        );
        self.report.provenance.record(r, origin);
    }

    /// After `for target in iterable` bound a row view.
    pub(super) fn note_row(&mut self, iter_expr: &Expr, iterable: &Value, row: &Value) {
        let (Value::Array(a), Value::Array(r)) = (iterable, row) else {
            return;
        };
        if r.ref_count() != 1 {
            return;
        }
        let mut origin = self.origin(
            Relation::View,
            Cow::Borrowed("iterating over rows"),
            iter_expr.span,
            Some(iter_expr.span),
        );
        origin.parent = self.report.provenance.get(a);
        self.report.provenance.record(r, origin);
    }

    /// Before `container[index] op= value` (`op` None for a plain `=`): a
    /// lost write, if `container` is a temporary that nothing will see again.
    pub(super) fn lost_write_at_item(
        &self,
        target: &Expr,
        container: &Value,
        index: &Value,
        op: Option<BinOp>,
        value: Option<&Expr>,
    ) -> Option<LostWrite> {
        if self.report.warnings.policy == Policy::Ignore {
            return None;
        }
        let Value::Array(t) = container else {
            return None;
        };
        if !lost_write::is_unreachable(t, 1) {
            return None;
        }
        let sub = match index {
            Value::Int(i) => Sub::Int(*i),
            Value::Bool(_) => Sub::Other,
            Value::Ellipsis => Sub::Whole,
            Value::Slice(parts) if parts.iter().all(|p| matches!(p, Value::None)) => Sub::Whole,
            _ => super::convert::index_value(index).map_or(Sub::Other, Sub::Int),
        };
        // Only now, with a lost write found, is the operator's text needed.
        let op = match op {
            None => "=".to_string(),
            Some(op) => format!("{}=", op.symbol()),
        };
        let value_text = value.map_or(Cow::Borrowed("..."), |v| {
            one_line(span_text(&self.report.source, v.span))
        });
        let store = Store::Item {
            sub,
            op: &op,
            value_text: &value_text,
        };
        let origin = self.report.provenance.get_or_base(t);
        Some(lost_write::describe(
            origin.as_deref(),
            &store,
            target.span,
            &self.report.source,
        ))
    }

    /// Before a call: lost writes through the receiver of `fill`/`sort`, an
    /// `out=` argument or `np.copyto`'s destination.
    pub(super) fn check_call_store(
        &self,
        span: Span,
        args: &[Arg],
        f: &Value,
        call_args: &Args,
    ) -> Vec<(WeakArray, LostWrite)> {
        if self.report.warnings.policy == Policy::Ignore {
            return Vec::new();
        }
        let Value::Builtin(b) = f else {
            return Vec::new();
        };
        let source = &self.report.source;
        let args_text = match (args.first(), args.last()) {
            (Some(first), Some(last)) => {
                one_line(span_text(source, arg_span(first).to(arg_span(last))))
            }
            _ => Cow::Borrowed(""),
        };
        let mut found = Vec::new();
        let mut check = |a: &Array, held: usize, store: Store| {
            if lost_write::is_unreachable(a, held) {
                let origin = self.report.provenance.get_or_base(a);
                let w = lost_write::describe(origin.as_deref(), &store, span, source);
                found.push((a.downgrade(), w));
            }
        };
        if let (Some(Value::Array(r)), true) = (
            &b.receiver,
            matches!(b.name, "fill" | "sort" | "put" | "partition" | "itemset"),
        ) {
            check(
                r,
                1,
                Store::Method {
                    name: b.name,
                    args_text: &args_text,
                },
            );
        }
        for (name, v) in &call_args.keywords {
            if name == "out" {
                for a in arrays_in(v) {
                    check(a, 1, Store::Argument { what: "`out=`" });
                }
            }
        }
        if b.receiver.is_none() && matches!(b.name, "copyto" | "put" | "place" | "putmask") {
            if let Some(Value::Array(a)) = call_args.positional.first() {
                check(
                    a,
                    1,
                    Store::Argument {
                        what: "the destination",
                    },
                );
            }
        }
        found
    }

    /// After a call that wrote into temporaries: a temporary the call
    /// returned (`np.add(x, 1, out=t)` returns `t`) is not lost yet, since
    /// the caller may use it; it is lost only if the statement discards it.
    pub(super) fn report_call_lost(
        &mut self,
        lost: Vec<(WeakArray, LostWrite)>,
        result: &Value,
    ) -> PyResult<()> {
        let mut now = Vec::new();
        for (weak, w) in lost {
            let returned = weak
                .upgrade()
                .is_some_and(|a| arrays_in(result).iter().any(|r| r.same_object(&a)));
            if returned {
                self.report.pending_discard.push((weak, w));
            } else {
                now.push(w);
            }
        }
        self.report_lost(now)
    }

    /// After an expression statement: its value is discarded, so a lost
    /// write into an array a call returned is lost after all.
    pub(super) fn report_discarded(&mut self, value: &Value) -> PyResult<()> {
        if self.report.pending_discard.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.report.pending_discard);
        // Held by `value` (and a tuple around it) and by the upgrade below.
        let held = 2 + usize::from(matches!(value, Value::Tuple(_)));
        let lost: Vec<LostWrite> = pending
            .into_iter()
            .filter(|(weak, _)| {
                weak.upgrade().is_some_and(|a| {
                    arrays_in(value).iter().any(|v| v.same_object(&a))
                        && lost_write::is_unreachable(&a, held)
                })
            })
            .map(|(_, w)| w)
            .collect();
        self.report_lost(lost)
    }

    /// Reports lost writes found before a store that has now succeeded.
    pub(super) fn report_lost(
        &mut self,
        lost: impl IntoIterator<Item = LostWrite>,
    ) -> PyResult<()> {
        for w in lost {
            match self.report.warnings.policy {
                Policy::Ignore => {}
                Policy::Show => self.report.warnings.emit(&w),
                Policy::Error => {
                    let (at, label) = w
                        .labels
                        .first()
                        .map_or((w.site, ""), |(s, l)| (*s, l.as_str()));
                    let message = format!("{} ({label}); {}", w.message, w.help);
                    return Err(PyErr::new(ExcKind::CopyWarning, message).at(at));
                }
            }
        }
        Ok(())
    }
}

fn arg_span(a: &Arg) -> Span {
    match a {
        Arg::Positional(e) => e.span,
        Arg::Keyword { span, .. } => *span,
    }
}

/// What an index tells a fix suggestion.
fn index_hint(index: &Value) -> Hint {
    match index {
        Value::List(items) => {
            let items = items.borrow();
            if items.iter().all(|v| matches!(v, Value::Bool(_))) && !items.is_empty() {
                return Hint::Mask;
            }
            let ints: Option<Vec<i64>> = items
                .iter()
                .map(|v| match v {
                    Value::Int(i) => Some(*i),
                    _ => None,
                })
                .collect();
            match ints {
                Some(list) if list.len() <= HINT_LIST_MAX => Hint::IntList(list),
                _ => Hint::Fancy,
            }
        }
        Value::Array(a) => {
            if a.dtype() == crate::array::dtype::DType::Bool {
                Hint::Mask
            } else if a.ndim() == 1 && a.size() <= HINT_LIST_MAX {
                let list: Option<Vec<i64>> = a
                    .to_scalars()
                    .into_iter()
                    .map(|s| super::convert::index_value(&super::convert::scalar_to_py(s)).ok())
                    .collect();
                list.map_or(Hint::Fancy, Hint::IntList)
            } else {
                Hint::Fancy
            }
        }
        _ => Hint::Fancy,
    }
}

impl Interp {
    /// Turns the aliasing report on or off (`header`: name each statement).
    pub fn set_trace(&mut self, on: bool, header: bool) {
        if on {
            if self.report.trace.is_none() {
                self.report.trace = Some(crate::report::trace::Trace::new());
            }
            if let Some(t) = self.report.trace.as_mut() {
                t.header = header;
            }
        } else if self.report.trace.take().is_some() {
            crate::array::writes::stop();
        }
    }

    pub fn trace_is_on(&self) -> bool {
        self.report.trace.is_some()
    }

    pub(super) fn trace_begin(&mut self) {
        if let Some(t) = self.report.trace.as_mut() {
            t.begin();
        }
    }

    /// Prints the report for `stmt`, if it bound, rebound or wrote anything.
    pub(super) fn trace_end(&mut self, stmt: &Stmt) {
        let Some(mut trace) = self.report.trace.take() else {
            return;
        };
        let (writer, value_kind) = statement_shape(stmt);
        let value_text = match &stmt.kind {
            StmtKind::Assign { value, .. } => one_line(span_text(&self.report.source, value.span)),
            _ => Cow::Borrowed(""),
        };
        let ctx = Context {
            globals: &self.globals,
            provenance: &self.report.provenance,
            writer: writer.as_deref(),
            value_kind,
            value_text: &value_text,
        };
        let lines = trace.finish(&ctx, &mut self.report.labels);
        if !lines.is_empty() {
            let mut text = String::new();
            if trace.header {
                let source: &str = &self.report.source;
                let start = stmt.span.start.min(source.len());
                let line_no = source.get(..start).unwrap_or("").matches('\n').count() + 1;
                let written = span_text(source, stmt.span);
                let first = written.lines().next().unwrap_or("").trim_end();
                text.push_str(&format!("~ line {line_no}: {first}\n"));
            }
            for line in lines {
                text.push_str(if trace.header { "~   " } else { "  " });
                text.push_str(&line);
                text.push('\n');
            }
            self.write_out(&text);
        }
        self.report.trace = Some(trace);
    }
}

/// The name a statement writes through, and the form of its value.
fn statement_shape(stmt: &Stmt) -> (Option<String>, ValueKind) {
    match &stmt.kind {
        StmtKind::Assign { targets, value } => {
            let writer = targets.iter().find_map(|t| match &t.kind {
                ExprKind::Name(_) => None,
                _ => root_name(t),
            });
            let kind = match &value.kind {
                _ if targets.len() > 1 => ValueKind::Chained,
                ExprKind::Name(_) => ValueKind::Name,
                ExprKind::Call { .. } => ValueKind::Call,
                _ => ValueKind::Other,
            };
            (writer, kind)
        }
        StmtKind::AugAssign { target, .. } => (root_name(target), ValueKind::Other),
        StmtKind::Expr(e) => {
            let writer = match &e.kind {
                ExprKind::Call { func, args } => args
                    .iter()
                    .find_map(|a| match a {
                        Arg::Keyword { name, value, .. } if name == "out" => root_name(value),
                        _ => None,
                    })
                    .or_else(|| match &func.kind {
                        ExprKind::Attribute { value, .. } => root_name(value),
                        _ => args.first().and_then(|a| match a {
                            Arg::Positional(e) => root_name(e),
                            _ => None,
                        }),
                    }),
                _ => None,
            };
            (writer, ValueKind::Other)
        }
        _ => (None, ValueKind::Other),
    }
}

/// `a` in `a[1:3][0]`, `a.T`, `a.reshape(2, 2)[0]`.
fn root_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Name(n) => Some(n.clone()),
        ExprKind::Subscript { value, .. } | ExprKind::Attribute { value, .. } => root_name(value),
        ExprKind::Call { func, .. } => root_name(func),
        _ => None,
    }
}

/// The current function's local names and values (empty at top level).
fn local_names(interp: &Interp) -> Vec<(String, Value)> {
    interp.frames.last().map_or_else(Vec::new, |f| {
        f.locals
            .borrow()
            .iter()
            .map(|(n, v)| (n.clone(), v.clone()))
            .collect()
    })
}

/// `aliases(x)`: the names sharing memory with `x` (see `report::helpers`).
pub(super) fn aliases_builtin(
    interp: &mut Interp,
    _: Option<&Value>,
    args: Args,
) -> PyResult<Value> {
    let slots = args.bind("aliases", &["x"])?;
    let Some(Value::Array(x)) = slots[0].as_ref() else {
        return Ok(Value::list(Vec::new()));
    };
    let locals = local_names(interp);
    let names = locals
        .iter()
        .map(|(n, v)| (n, v))
        .chain(interp.globals.iter())
        .map(|(n, v)| (n.as_str(), v));
    let found = crate::report::helpers::aliases(names, x);
    Ok(Value::list(found.iter().map(|n| Value::str(n)).collect()))
}

/// `explain(x)`: prints what `x` is and the operations that made it.
pub(super) fn explain_builtin(
    interp: &mut Interp,
    _: Option<&Value>,
    args: Args,
) -> PyResult<Value> {
    let slots = args.bind("explain", &["x"])?;
    let text = match slots[0].as_ref() {
        Some(Value::Array(x)) => {
            let locals = local_names(interp);
            let mut names: Vec<&str> = Vec::new();
            for (n, v) in locals
                .iter()
                .map(|(n, v)| (n, v))
                .chain(interp.globals.iter())
            {
                if matches!(v, Value::Array(y) if y.same_object(x)) && !names.contains(&n.as_str())
                {
                    names.push(n);
                }
            }
            let name = if names.is_empty() {
                "(unnamed)".to_string()
            } else {
                names.join(", ")
            };
            let ctx = Context {
                globals: &interp.globals,
                provenance: &interp.report.provenance,
                writer: None,
                value_kind: ValueKind::Other,
                value_text: "",
            };
            let lines = crate::report::helpers::explain(x, &name, &ctx, &mut interp.report.labels);
            lines.join("\n") + "\n"
        }
        Some(other) => format!(
            "{}: not an array, so it owns no buffer\n",
            crate::interp::text::repr_plain(other)
        ),
        None => String::new(),
    };
    interp.write_out(&text);
    Ok(Value::None)
}
