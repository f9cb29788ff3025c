//! Direct paths for the statements of tight loops.
//!
//! `for i in range(n):`, `b[i] = x` and `v = a[i:j]` are what a benchmark
//! or a simulation step repeats millions of times, and the general
//! machinery (an iterator of values, a name bound through the namespace's
//! lookup, an index evaluated into a tuple, the lost-write check) costs
//! several times the work itself. Each path here handles one common form
//! completely, where indices and bounds are integer literals or names bound
//! to ints; everything else is left, unchanged, to the general code.

use smallvec::SmallVec;

use super::eval::BASIC_SLICING;
use super::exec::Flow;
use super::{convert, Interp, Value};
use crate::array::{index, Array};
use crate::error::PyResult;
use crate::syntax::ast::{Expr, ExprKind, Stmt, UnaryOp};

/// Where a top-level loop variable lives in the global namespace, found at
/// its first binding. The position stays right while no global name is
/// removed: insertions append, and only removals move entries.
struct LoopSlot {
    index: usize,
    removals: u64,
}

impl Interp {
    /// `for name in range(start, stop, step): body`.
    pub(super) fn for_range(
        &mut self,
        name: &str,
        (start, stop, step): (i64, i64, i64),
        body: &[Stmt],
    ) -> PyResult<Flow> {
        let top_level = self.frames.is_empty();
        let mut slot: Option<LoopSlot> = None;
        let mut next = Some(start);
        while let Some(i) = next {
            let more = if step > 0 { i < stop } else { i > stop };
            if !more {
                break;
            }
            // `range` stops before i64 overflows: an overflowing step means
            // the range is exhausted.
            next = i.checked_add(step);
            self.tick()?;
            match &slot {
                Some(s) if s.removals == self.global_removals && self.report.trace.is_none() => {
                    if let Some((_, v)) = self.globals.get_index_mut(s.index) {
                        *v = Value::Int(i);
                    }
                }
                _ => {
                    self.bind(name, Value::Int(i));
                    slot = top_level
                        .then(|| self.globals.get_index_of(name))
                        .flatten()
                        .map(|index| LoopSlot {
                            index,
                            removals: self.global_removals,
                        });
                }
            }
            match self.exec_block(body)? {
                Flow::Break => break,
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        Ok(Flow::Normal)
    }

    /// `target = value` by a direct path when the statement has one of the
    /// forms below; `None` otherwise, having evaluated and changed nothing.
    #[inline(never)]
    pub(super) fn assign_directly(&mut self, target: &Expr, value: &Expr) -> Option<PyResult<()>> {
        match &target.kind {
            ExprKind::Name(name) => self.bind_slice_directly(name, value),
            ExprKind::Subscript { value: obj, index } => {
                let number = match value.kind {
                    ExprKind::Int(i) => Value::Int(i),
                    ExprKind::Float(f) => Value::Float(f),
                    _ => return None,
                };
                self.store_element_directly(obj, index, &number)
                    .map(|done| done.map_err(|e| e.at(target.span)))
            }
            _ => None,
        }
    }

    /// `name = source[lo:hi:step]` at the top level, with bounds that are
    /// known ints (`known_int`) or omitted and `source` a global array: the
    /// view is made, noted and bound without evaluating an expression tree.
    /// `None` when the statement is not of this form (nothing has been
    /// evaluated or changed then).
    fn bind_slice_directly(&mut self, name: &str, value: &Expr) -> Option<PyResult<()>> {
        let ExprKind::Subscript { value: obj, index } = &value.kind else {
            return None;
        };
        let (ExprKind::Name(source), ExprKind::Slice { lower, upper, step }) =
            (&obj.kind, &index.kind)
        else {
            return None;
        };
        // Inside a function the general binding (of a local) is the one
        // to use.
        if !self.frames.is_empty() {
            return None;
        }
        let (start, stop, step) = (
            self.known_bound(lower)?,
            self.known_bound(upper)?,
            self.known_bound(step)?,
        );
        let Some(Value::Array(a)) = self.global_slots.get(&self.globals, source) else {
            return None;
        };
        let a = a.clone();
        let data = match index::slice_data(&a, start, stop, step) {
            Ok(data) => data,
            Err(e) => return Some(Err(e.at(value.span))),
        };
        if let Some(trace) = self.report.trace.as_mut() {
            // What `bind` tells the trace. It keeps a weak reference to the
            // old value, which is then not reused below.
            trace.note_rebind(name, self.global_slots.get(&self.globals, name));
        }
        // The name's old view, if nothing else holds it, becomes the new
        // one: no allocation and no free on `b = a[1:4]` in a loop.
        let data = match self.global_slots.get_mut(&mut self.globals, name) {
            Some(Value::Array(old)) => match old.reuse_unshared(data) {
                Ok(()) => {
                    let view = old.clone();
                    self.note_view(value, obj, &a, BASIC_SLICING, &view);
                    return Some(Ok(()));
                }
                Err(data) => data,
            },
            _ => data,
        };
        let view = crate::array::Array::from_data(data);
        self.note_view(value, obj, &a, BASIC_SLICING, &view);
        self.global_slots
            .bind(&mut self.globals, name, Value::Array(view));
        Some(Ok(()))
    }

    /// `name[i] = value` or `name[i, j, ...] = value` with indices that are
    /// known ints (`known_int`), `name` an array and `value` a number:
    /// the element is written directly. `None` when the statement is not of
    /// this form (nothing has been evaluated or changed then).
    ///
    /// A named array is never a lost write (the name still sees it), so the
    /// general store's lost-write check has nothing to find here.
    pub(super) fn store_element_directly(
        &mut self,
        obj: &Expr,
        index: &Expr,
        value: &Value,
    ) -> Option<PyResult<()>> {
        let ExprKind::Name(name) = &obj.kind else {
            return None;
        };
        let held;
        let a = match self.frames.is_empty() {
            // At the top level the array is borrowed from the namespace.
            true => self.global_slots.get(&self.globals, name)?,
            false => {
                held = self.lookup(name)?;
                &held
            }
        };
        let Value::Array(a) = a else {
            return None;
        };
        // The index is looked at first: only literal indices make this
        // path, and a conversion error must not come before the general
        // path's evaluation of a non-literal index.
        match &index.kind {
            ExprKind::Tuple(parts) => {
                let indices: SmallVec<[i64; 4]> = parts
                    .iter()
                    .map(|p| self.known_int(p))
                    .collect::<Option<_>>()?;
                store_number(a, &indices, value)
            }
            _ => store_number(a, &[self.known_int(index)?], value),
        }
    }
}

impl Interp {
    /// The value of `e` when it is an int that needs no evaluation: a
    /// literal, a negated literal, or a name bound to an int. `None`
    /// for anything else, an unbound name included (the general path then
    /// raises its NameError in Python's order).
    fn known_int(&self, e: &Expr) -> Option<i64> {
        match &e.kind {
            ExprKind::Int(i) => Some(*i),
            ExprKind::UnaryOp {
                op: UnaryOp::Neg,
                operand,
            } => match operand.kind {
                ExprKind::Int(i) => i.checked_neg(),
                _ => None,
            },
            ExprKind::Name(name) => match self.value_of(name)? {
                Value::Int(i) => Some(i),
                _ => None,
            },
            _ => None,
        }
    }

    /// What `name` is bound to, as `lookup` finds it; at the top level
    /// straight from the global namespace's position cache.
    #[inline]
    fn value_of(&self, name: &str) -> Option<Value> {
        match self.frames.is_empty() {
            true => self.global_slots.get(&self.globals, name).cloned(),
            false => self.lookup(name),
        }
    }

    /// A slice bound as `known_int` sees it; an omitted bound is `None`.
    #[inline]
    fn known_bound(&self, part: &Option<Box<Expr>>) -> Option<Option<i64>> {
        match part.as_deref() {
            None => Some(None),
            Some(Expr {
                kind: ExprKind::Int(i),
                ..
            }) => Some(Some(*i)),
            Some(e) => self.known_int(e).map(Some),
        }
    }
}

/// `a[indices] = value` for a number `value` and one index per axis of
/// `a`; `None`, having done nothing, for any other value or index count.
fn store_number(a: &Array, indices: &[i64], value: &Value) -> Option<PyResult<()>> {
    let scalar = match convert::scalar_to_store(value, a.dtype())? {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    match index::set_element_at(a, indices, scalar) {
        Ok(true) => Some(Ok(())),
        Ok(false) => None,
        Err(e) => Some(Err(e)),
    }
}
