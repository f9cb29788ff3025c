//! When NumPy copies and when it hands back what it was given: the NumPy 2
//! `copy=` keyword (True: always, None: if needed, False: never) of
//! `np.array`, `np.asarray`, `reshape` and `astype`, the `order=` of the
//! copies they make, `ndmin`, `ascontiguousarray`/`asfortranarray`,
//! `np.copy` and `a.copy()`.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::promote::Casting;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::interp::convert::{self, dtype_arg};
use crate::interp::{Args, Interp, Value};
use crate::numpy::methods::receiver;

use super::order::{copy_in_order, is_fortran, requested, Requested};

/// The most dimensions NumPy allows.
const MAX_DIMS: i64 = 64;

/// NumPy's message when `copy=False` cannot be honoured.
pub fn avoid_copy_error() -> PyErr {
    value_error("Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\nFor more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.")
}

/// The `copy=` keyword of `np.array`, `np.asarray` and `reshape`: None
/// means "only if needed" (`Ok(None)`), strings are refused, anything else
/// counts by its truth value.
pub fn copy_mode(interp: &mut Interp, v: Option<&Value>) -> PyResult<Option<bool>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(_)) => Err(value_error(
            "strings are not allowed for 'copy' keyword. Use True/False/None instead.",
        )),
        Some(other) => Ok(Some(interp.truthy(other)?)),
    }
}

/// Whether an existing array already satisfies `order` (NumPy's
/// `STRIDING_OK`): 'A' and 'K' accept any layout.
fn striding_ok(a: &Array, order: Requested) -> bool {
    match order {
        Requested::C => a.is_c_contiguous(),
        Requested::F => a.is_f_contiguous(),
        Requested::A | Requested::K => true,
    }
}

/// What `np.array(object, dtype, copy=, order=, ndmin=)` returns.
pub fn array_from(
    object: &Value,
    dtype: Option<DType>,
    copy: Option<bool>,
    order: Requested,
    ndmin: i64,
) -> PyResult<Array> {
    if ndmin > MAX_DIMS {
        return Err(value_error(format!("ndmin must be <= ndmax ({MAX_DIMS})")));
    }
    let result = match object {
        Value::Array(a) => existing_array(a, dtype, copy, order)?,
        other => {
            if copy == Some(false) {
                return Err(avoid_copy_error());
            }
            let fresh = convert::array_from_value(other, dtype)?;
            if order == Requested::F && !fresh.is_f_contiguous() {
                copy_in_order(&fresh, fresh.dtype(), Requested::F)?
            } else {
                fresh
            }
        }
    };
    prepend_ones(result, ndmin, order)
}

/// `np.array(a, ...)` for an array `a`: `a` itself when no copy is asked
/// for or needed, else a copy laid out as NumPy lays it out.
fn existing_array(
    a: &Array,
    dtype: Option<DType>,
    copy: Option<bool>,
    order: Requested,
) -> PyResult<Array> {
    let target = dtype.unwrap_or(a.dtype());
    if target == a.dtype() {
        if copy != Some(true) && striding_ok(a, order) {
            return Ok(a.clone());
        }
        if copy == Some(false) {
            return Err(avoid_copy_error());
        }
        return copy_in_order(a, target, order);
    }
    if copy == Some(false) {
        return Err(avoid_copy_error());
    }
    // A conversion asks for C or F contiguity only; otherwise the copy
    // keeps the source's order (an F-ordered source stays F).
    let layout = if order == Requested::C {
        Requested::C
    } else if order == Requested::F || is_fortran(a) {
        Requested::F
    } else {
        Requested::K
    };
    copy_in_order(a, target, layout)
}

/// `ndmin`: leading length-1 axes added as a view (NumPy's
/// `_prepend_ones`, whose stride for them depends on the layout).
fn prepend_ones(a: Array, ndmin: i64, order: Requested) -> PyResult<Array> {
    let nd = a.ndim();
    let Ok(ndmin) = usize::try_from(ndmin) else {
        return Ok(a);
    };
    if ndmin <= nd {
        return Ok(a);
    }
    let (dtype, shape, strides, offset) = {
        let d = a.data();
        (d.dtype, d.shape.clone(), d.strides.clone(), d.offset)
    };
    let lead = if order == Requested::F || is_fortran(&a) || nd == 0 {
        dtype.itemsize() as isize
    } else {
        strides[0]
            .checked_mul(shape[0] as isize)
            .ok_or_else(|| value_error("array is too big"))?
    };
    let mut new_shape = vec![1; ndmin - nd];
    new_shape.extend_from_slice(&shape);
    let mut new_strides = vec![lead; ndmin - nd];
    new_strides.extend_from_slice(&strides);
    Ok(a.view_with(dtype, new_shape.into(), new_strides.into(), offset))
}

fn object_param(slot: &Option<Value>, func: &str, name: &str) -> PyResult<Value> {
    slot.clone().ok_or_else(|| {
        type_error(format!(
            "{func}() missing required argument '{name}' (pos 0)"
        ))
    })
}

fn dtype_param(slot: &Option<Value>) -> PyResult<Option<DType>> {
    slot.as_ref()
        .map(dtype_arg)
        .transpose()
        .map(Option::flatten)
}

/// `np.array(object, dtype=None, *, copy=True, order='K', subok=False,
/// ndmin=0, like=None)`.
pub fn np_array(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "array",
        &["object", "dtype", "copy", "order", "subok", "ndmin", "like"],
    )?;
    let object = object_param(&slots[0], "array", "object")?;
    let dtype = dtype_param(&slots[1])?;
    let copy = match &slots[2] {
        None => Some(true),
        some => copy_mode(interp, some.as_ref())?,
    };
    let order = requested(slots[3].as_ref(), Requested::K)?;
    let ndmin = super::int_param(&slots[5], 0)?;
    Ok(Value::Array(array_from(
        &object, dtype, copy, order, ndmin,
    )?))
}

/// `np.asarray(a, dtype=None, order=None, *, device=None, copy=None,
/// like=None)`.
pub fn np_asarray(interp: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "asarray",
        &["a", "dtype", "order", "device", "copy", "like"],
    )?;
    let object = object_param(&slots[0], "asarray", "a")?;
    let dtype = dtype_param(&slots[1])?;
    let order = requested(slots[2].as_ref(), Requested::K)?;
    let copy = copy_mode(interp, slots[4].as_ref())?;
    Ok(Value::Array(array_from(&object, dtype, copy, order, 0)?))
}

fn contiguous_in(args: Args, func: &str, order: Requested) -> PyResult<Value> {
    let slots = args.bind(func, &["a", "dtype", "like"])?;
    let object = object_param(&slots[0], func, "a")?;
    let dtype = dtype_param(&slots[1])?;
    Ok(Value::Array(array_from(&object, dtype, None, order, 1)?))
}

/// `np.ascontiguousarray(a, dtype=None)`: C-contiguous, at least 1-d.
pub fn np_ascontiguousarray(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    contiguous_in(args, "ascontiguousarray", Requested::C)
}

/// `np.asfortranarray(a, dtype=None)`: F-contiguous, at least 1-d.
pub fn np_asfortranarray(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    contiguous_in(args, "asfortranarray", Requested::F)
}

/// `np.copy(a, order='K', subok=False)`.
pub fn np_copy(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("copy", &["a", "order", "subok"])?;
    let object = object_param(&slots[0], "copy", "a")?;
    let order = requested(slots[1].as_ref(), Requested::K)?;
    Ok(Value::Array(array_from(
        &object,
        None,
        Some(true),
        order,
        0,
    )?))
}

/// `a.copy(order='C')`.
pub fn copy_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("copy", &["order"])?;
    let order = requested(slots[0].as_ref(), Requested::C)?;
    Ok(Value::Array(copy_in_order(&a, a.dtype(), order)?))
}

/// The C type name NumPy uses in `same_value` cast errors.
fn c_type_name(d: DType) -> &'static str {
    match d {
        DType::Bool => "bool",
        DType::Int8 => "byte",
        DType::Int16 => "short",
        DType::Int32 => "int",
        DType::Int64 => "long",
        DType::UInt8 => "ubyte",
        DType::UInt16 => "ushort",
        DType::UInt32 => "uint",
        DType::UInt64 => "ulong",
        DType::Float32 => "float",
        DType::Float64 => "double",
        DType::Complex64 => "cfloat",
        DType::Complex128 => "cdouble",
    }
}

/// `casting='same_value'`: every element must survive the cast unchanged.
fn check_same_value(a: &Array, to: DType) -> PyResult<()> {
    let from = a.dtype();
    let same = |x: Scalar| {
        let back = element::cast(element::cast(x, to), from);
        let (xr, xi) = x.to_complex();
        let (br, bi) = back.to_complex();
        let eq = |p: f64, q: f64| p == q || (p.is_nan() && q.is_nan());
        match (x, back) {
            (Scalar::Int(i), Scalar::Int(j)) => i == j,
            (Scalar::UInt(i), Scalar::UInt(j)) => i == j,
            _ => eq(xr, br) && eq(xi, bi),
        }
    };
    if a.to_scalars().into_iter().all(same) {
        return Ok(());
    }
    Err(value_error(format!(
        "could not cast 'same_value' {} to {}",
        c_type_name(from),
        c_type_name(to)
    )))
}

/// The `casting=` rules of `astype`; `what` names the source in the message
/// (`array data`, or `scalar` for a NumPy scalar).
fn check_cast(a: &Array, to: DType, casting: Option<&Value>, what: &str) -> PyResult<()> {
    let from = a.dtype();
    let rule = match casting {
        None => return Ok(()),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(type_error(format!(
                "casting must be str, not {}",
                other.type_name()
            )))
        }
    };
    if rule == "same_value" {
        return check_same_value(a, to);
    }
    let casting = Casting::parse(&rule, true)?;
    if casting.allows(from, to) {
        return Ok(());
    }
    Err(casting.refuse(what, from, to))
}

/// `a.astype(dtype, order='K', casting='unsafe', subok=True, copy=True)`:
/// a new array unless `copy` is false and nothing needs to change.
pub fn astype_method(interp: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let a = receiver(r)?;
    let slots = args.bind("astype", &["dtype", "order", "casting", "subok", "copy"])?;
    let dtype = match &slots[0] {
        None => {
            return Err(type_error(
                "astype() missing required argument 'dtype' (pos 0)",
            ))
        }
        Some(v) => dtype_arg(v)?.unwrap_or(DType::Float64),
    };
    let order = requested(slots[1].as_ref(), Requested::K)?;
    let copy = match &slots[4] {
        None => true,
        Some(Value::None) => false,
        Some(v) => interp.truthy(v)?,
    };
    let layout_ok = match order {
        Requested::K => true,
        Requested::A => a.is_c_contiguous() || a.is_f_contiguous(),
        Requested::C => a.is_c_contiguous(),
        Requested::F => a.is_f_contiguous(),
    };
    if !copy && layout_ok && dtype == a.dtype() {
        return Ok(Value::Array(a));
    }
    let what = if matches!(r, Some(Value::NpScalar(..))) {
        "scalar"
    } else {
        "array data"
    };
    check_cast(&a, dtype, slots[2].as_ref(), what)?;
    Ok(Value::Array(copy_in_order(&a, dtype, order)?))
}
