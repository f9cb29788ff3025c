//! The settable flags: `a.setflags(write=, align=, uic=)` and
//! `a.flags.writeable = ...` (with `aligned` and `writebackifcopy`).
//!
//! WRITEABLE can always be turned off. Turning it on follows NumPy's
//! `_IsWriteable`: an array that owns its data (or has no base) may; a
//! view may if some array down its base chain is writeable; a chain that
//! ends in something that is not an array (the stand-in base of
//! `as_strided`) offers no writable buffer, so it may not.

use crate::array::Array;
use crate::error::{attribute_error, value_error, ExcKind, PyErr, PyResult};
use crate::interp::{Args, Interp, Value};
use crate::numpy::methods::receiver;

/// NumPy's `_IsWriteable`.
pub fn may_become_writeable(a: &Array) -> bool {
    let (mut base, owns) = {
        let d = a.data();
        (d.base.clone(), d.owndata)
    };
    if owns {
        return true;
    }
    while let Some(b) = base {
        let d = b.data();
        if d.stand_in {
            return false;
        }
        if d.writeable {
            return true;
        }
        if d.owndata || d.base.is_none() {
            return false;
        }
        base = d.base.clone();
    }
    true
}

/// Sets or clears WRITEABLE; either way WARN_ON_WRITE goes.
pub fn set_writeable(a: &Array, on: bool) -> PyResult<()> {
    if on && !may_become_writeable(a) {
        return Err(value_error(
            "cannot set WRITEABLE flag to True of this array",
        ));
    }
    let mut d = a.data_mut();
    d.writeable = on;
    d.warn_on_write = false;
    Ok(())
}

/// `uic=`: WRITEBACKIFCOPY can only be cleared, and clearing it also drops
/// the array's base, as NumPy does.
fn set_writebackifcopy(a: &Array, on: bool) -> PyResult<()> {
    if on {
        return Err(value_error("cannot set WRITEBACKIFCOPY flag to True"));
    }
    a.data_mut().base = None;
    Ok(())
}

/// `a.setflags(write=None, align=None, uic=None)`.
pub fn setflags_method(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("setflags", &["write", "align", "uic"])?;
    let mut truth = |slot: &Option<Value>| -> PyResult<Option<bool>> {
        match slot {
            None | Some(Value::None) => Ok(None),
            Some(v) => interp.truthy(v).map(Some),
        }
    };
    let (write, _align, uic) = (truth(&slots[0])?, truth(&slots[1])?, truth(&slots[2])?);
    if let Some(on) = uic {
        set_writebackifcopy(&a, on)?;
    }
    if let Some(on) = write {
        set_writeable(&a, on)?;
    }
    Ok(Value::None)
}

/// Python's truth value of a flag setting (what `bool(value)` gives).
fn flag_truth(v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Complex(re, im) => *re != 0.0 || *im != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::List(l) => !l.borrow().is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::NpScalar(_, s) => s.is_truthy(),
        Value::Array(a) if a.size() == 1 => a.to_scalars().first().is_some_and(|s| s.is_truthy()),
        Value::Array(_) => return Err(value_error(
            "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
        )),
        _ => true,
    })
}

/// `a.flags.<attr> = value`.
pub fn set_flag(a: &Array, attr: &str, value: &Value) -> PyResult<()> {
    let on = flag_truth(value)?;
    match attr {
        "writeable" => set_writeable(a, on),
        "writebackifcopy" => set_writebackifcopy(a, on),
        // Every npview array is aligned.
        "aligned" => Ok(()),
        "c_contiguous" | "f_contiguous" | "owndata" | "contiguous" | "fortran" | "forc" | "fnc"
        | "behaved" | "carray" | "farray" | "num" => Err(attribute_error(format!(
            "attribute '{attr}' of 'numpy._core.multiarray.flagsobj' objects is not writable"
        ))),
        _ => Err(attribute_error(format!(
            "'numpy._core.multiarray.flagsobj' object has no attribute '{attr}'"
        ))),
    }
}

/// `a.flags['W'] = value`: the settable flags by their upper-case names.
pub fn set_flag_by_key(a: &Array, key: &Value, value: &Value) -> PyResult<()> {
    let attr = match key {
        Value::Str(k) => match &**k {
            "W" | "WRITEABLE" => "writeable",
            "A" | "ALIGNED" => "aligned",
            "X" | "WRITEBACKIFCOPY" => "writebackifcopy",
            _ => "",
        },
        _ => "",
    };
    if attr.is_empty() {
        return Err(PyErr::new(ExcKind::KeyError, "'Unknown flag'"));
    }
    set_flag(a, attr, value)
}
