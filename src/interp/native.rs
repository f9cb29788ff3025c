//! Objects implemented in Rust that are not one of `Value`'s own kinds: a
//! random generator, a file, an iterator over an array's elements, a
//! context manager. Each is one type implementing [`NativeObject`], kept
//! beside the family it belongs to (`src/numpy/random/`, ...); the
//! evaluator reaches it only through this trait.
//!
//! Methods are ordinary builtins bound to their receiver
//! (`Value::method(name, func, receiver)`); `func` gets the receiver back
//! and downcasts it with [`downcast`].

use std::any::Any;
use std::rc::Rc;

use crate::error::PyResult;

use super::{Interp, Value};

/// A Rust-implemented Python object. Every hook but the first three has a
/// default that says the object does not support that operation, so an
/// implementation writes only what its Python type has.
pub trait NativeObject: Any {
    /// `type(x).__name__`, as Python prints it in error messages
    /// (`Generator`, `TextIOWrapper`).
    fn type_name(&self) -> &'static str;

    /// `repr(x)`.
    fn repr(&self) -> String;

    /// The object as `Any`, for [`downcast`].
    fn as_any(&self) -> &dyn Any;

    /// `str(x)`; `repr(x)` unless the type says otherwise.
    fn str(&self) -> String {
        self.repr()
    }

    /// `x.attr`, `None` when there is no such attribute (an AttributeError
    /// naming the type). `this` is the object's own `Value`, the receiver
    /// for bound methods.
    fn get_attr(&self, this: &Value, attr: &str) -> PyResult<Option<Value>> {
        let _ = (this, attr);
        Ok(None)
    }

    /// `x.attr = value`; `Ok(false)` when the attribute cannot be set.
    fn set_attr(&self, attr: &str, value: &Value) -> PyResult<bool> {
        let _ = (attr, value);
        Ok(false)
    }

    /// `x[index]`; `None` when the type is not subscriptable.
    fn get_item(&self, interp: &mut Interp, index: &Value) -> Option<PyResult<Value>> {
        let _ = (interp, index);
        None
    }

    /// `x[index] = value`; `None` when the type does not support item
    /// assignment.
    fn set_item(&self, interp: &mut Interp, index: &Value, value: &Value) -> Option<PyResult<()>> {
        let _ = (interp, index, value);
        None
    }

    /// `len(x)`; `None` when the type has no length.
    fn length(&self) -> Option<usize> {
        None
    }

    /// Whether `iter(x)` works; when it does, iteration calls
    /// [`NativeObject::next_item`] on the object `iter` returned, which
    /// is `x` itself for iterators or [`NativeObject::iter`]'s result.
    fn is_iterable(&self) -> bool {
        false
    }

    /// `iter(x)`: the iterator; `None` when `x` is its own iterator.
    fn iter(&self, interp: &mut Interp, this: &Value) -> Option<PyResult<Value>> {
        let _ = (interp, this);
        None
    }

    /// `next(x)` on an iterator: `Ok(None)` when it is exhausted.
    fn next_item(&self, interp: &mut Interp) -> PyResult<Option<Value>> {
        let _ = interp;
        Ok(None)
    }
}

/// The object behind a native value, if it is a `T`.
pub fn downcast<T: NativeObject>(v: &Value) -> Option<&T> {
    match v {
        Value::Native(obj) => obj.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// A native value from its object.
pub fn native(obj: impl NativeObject) -> Value {
    Value::Native(Rc::new(obj))
}
