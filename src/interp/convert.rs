//! Conversions between Python values and arrays: `np.array` coercion,
//! index objects, dtype arguments, ufunc operands and results.

use crate::array::dtype::{DType, Kind};
use crate::array::element;
use crate::array::index::IndexItem;
use crate::array::ops::{BinaryOp, Operand};
use crate::array::promote::{
    check_int_fits, clamp_comparison, mirror_comparison, promote, result_type, OperandType,
};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{
    index_error, overflow_error, type_error, value_error, ExcKind, PyErr, PyResult,
};

use super::pyops::Num;
use super::value::{Class, Value};

/// Whether NumPy semantics apply to an operation on `v`.
pub fn is_numpy(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::NpScalar(..))
}

/// A Python number's value (bools count as ints).
pub fn py_number(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Complex(re, im) => Some(Num::Complex(*re, *im)),
        Value::BigInt(b) => super::bigint::to_f64(b).ok().map(Num::Float),
        _ => None,
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && stop > start {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

/// A ufunc operand: arrays and NumPy scalars are strong, Python numbers weak,
/// lists become arrays.
pub fn to_operand(v: &Value) -> PyResult<Operand> {
    Ok(match v {
        Value::Bool(b) => Operand::PyBool(*b),
        Value::Int(i) => Operand::PyInt(*i),
        Value::Float(f) => Operand::PyFloat(*f),
        Value::Complex(re, im) => Operand::PyComplex(*re, *im),
        Value::BigInt(_) => return Err(super::bigint::too_large()),
        other => Operand::Array(to_array(other)?),
    })
}

/// A Python int's value, saturated to i128 (far beyond any dtype's range,
/// so range checks stay exact).
pub fn py_int(v: &Value) -> Option<i128> {
    use num_traits::{Signed, ToPrimitive};
    match v {
        Value::Int(i) => Some(*i as i128),
        Value::BigInt(b) => Some(b.to_i128().unwrap_or(if b.is_negative() {
            i128::MIN
        } else {
            i128::MAX
        })),
        _ => None,
    }
}

/// A Python int as a ufunc operand once NumPy has settled its dtype:
/// weak while it fits 64 bits, else (only uint64 holds it) a uint64 scalar.
fn int_operand(v: i128) -> PyResult<Operand> {
    if let Ok(i) = i64::try_from(v) {
        return Ok(Operand::PyInt(i));
    }
    let u = u64::try_from(v).map_err(|_| super::bigint::too_large())?;
    Ok(Operand::Array(Array::from_scalars(
        DType::UInt64,
        &[],
        &[Scalar::UInt(u)],
    )?))
}

/// The operands of the binary ufunc `op` on two values, with NEP 50's rules
/// for Python ints: an int takes the dtype the other operand gives it and
/// must fit it, except in comparisons, where an int beyond the range has one
/// answer for every element (NumPy computes it instead of raising). The
/// returned op may differ from `op` for those comparisons.
pub fn binary_operands(
    op: BinaryOp,
    l: &Value,
    r: &Value,
) -> PyResult<(BinaryOp, Operand, Operand)> {
    let (int_value, int_on_left, other) = match (py_int(l), py_int(r)) {
        (Some(v), None) => (v, true, r),
        (None, Some(v)) => (v, false, l),
        _ => return Ok((op, to_operand(l)?, to_operand(r)?)),
    };
    let other_op = to_operand(other)?;
    let other_type = match &other_op {
        Operand::Array(a) => OperandType::Strong(a.dtype()),
        Operand::PyBool(_) => OperandType::PyBool,
        Operand::PyInt(_) => OperandType::PyInt(0),
        Operand::PyFloat(_) => OperandType::PyFloat,
        Operand::PyComplex(..) => OperandType::PyComplex,
    };
    let target = result_type(&[other_type, OperandType::PyInt(0)])?;
    let pair = |op: BinaryOp, int_op: Operand| {
        if int_on_left {
            (op, int_op, other_op.clone())
        } else {
            (op, other_op.clone(), int_op)
        }
    };
    if !target.is_integer() {
        let int_op = match (l, r) {
            (Value::BigInt(b), _) | (_, Value::BigInt(b)) => {
                Operand::PyFloat(super::bigint::to_f64(b)?)
            }
            _ => int_operand(int_value)?,
        };
        return Ok(pair(op, int_op));
    }
    if let Err(e) = check_int_fits(int_value, target) {
        let as_left = if int_on_left {
            mirror_comparison(op)
        } else {
            op
        };
        let Some((clamped_op, bound)) = clamp_comparison(as_left, int_value, target) else {
            return Err(e);
        };
        return Ok((clamped_op, other_op.clone(), int_operand(bound)?));
    }
    Ok(pair(op, int_operand(int_value)?))
}

/// A ufunc's array result, as NumPy returns it: 0-d results become scalars.
pub fn ufunc_result(a: Array) -> Value {
    if a.ndim() == 0 {
        Value::NpScalar(a.dtype(), a.get(&[]))
    } else {
        Value::Array(a)
    }
}

/// `np.asarray(v)`: arrays as they are, everything else converted.
pub fn to_array(v: &Value) -> PyResult<Array> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        other => array_from_value(other, None),
    }
}

/// The dtype a dtype argument names (`np.int8`, `'float32'`, `int`, `a.dtype`).
pub fn dtype_arg(v: &Value) -> PyResult<Option<DType>> {
    Ok(Some(match v {
        Value::None => return Ok(None),
        Value::DType(d) | Value::Class(Class::Scalar(d)) => *d,
        Value::Class(Class::Int) => DType::Int64,
        Value::Class(Class::Float) => DType::Float64,
        Value::Class(Class::Bool) => DType::Bool,
        Value::Class(Class::Complex) => DType::Complex128,
        Value::Str(s) => dtype_from_text(s)?,
        other => {
            return Err(type_error(format!(
                "Cannot interpret '{}' as a data type",
                super::text::repr_plain(other)
            )))
        }
    }))
}

/// A dtype named by a string: a name (`'float32'`), a type code (`'f4'`,
/// `'f'`, `'<f4'`), with NumPy's errors for removed aliases and npview's
/// for dtypes it does not have.
fn dtype_from_text(text: &str) -> PyResult<DType> {
    // Native byte order may be spelled out; '|' marks "not applicable".
    let code = text.strip_prefix(['<', '=', '|']).unwrap_or(text);
    let single = match code {
        "b" => Some(DType::Int8),
        "B" => Some(DType::UInt8),
        "h" => Some(DType::Int16),
        "H" => Some(DType::UInt16),
        "i" => Some(DType::Int32),
        "I" => Some(DType::UInt32),
        "l" | "q" | "p" => Some(DType::Int64),
        "L" | "Q" | "P" => Some(DType::UInt64),
        "f" => Some(DType::Float32),
        "F" => Some(DType::Complex64),
        "D" => Some(DType::Complex128),
        _ => None,
    };
    if let Some(d) = single.or_else(|| DType::from_name(code)) {
        return Ok(d);
    }
    if matches!(text, "int0" | "uint0" | "bool8") {
        return Err(type_error(format!(
            "Alias '{text}' was removed in NumPy 2.0. Use a name without a digit at the end."
        )));
    }
    let elsewhere = text.starts_with('>')
        || matches!(
            code,
            "e" | "f2"
                | "float16"
                | "half"
                | "g"
                | "f16"
                | "float128"
                | "longdouble"
                | "G"
                | "c32"
                | "complex256"
                | "clongdouble"
                | "U"
                | "str"
                | "S"
                | "bytes"
                | "O"
                | "object"
                | "V"
                | "void"
        )
        || code.starts_with(['U', 'S', 'M', 'm'])
            && code[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '[' || c == ']');
    if elsewhere {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            format!("dtype '{text}' is not supported by npview"),
        ));
    }
    Err(type_error(format!("data type '{text}' not understood")))
}

/// The dtype NumPy infers for one Python/NumPy value inside `np.array`,
/// and the value. A Python int beyond int64 is uint64 if it fits, else
/// NumPy would make an object array: None.
fn leaf_value(v: &Value) -> Option<(DType, Scalar)> {
    Some(match v {
        Value::Bool(b) => (DType::Bool, Scalar::Bool(*b)),
        Value::Int(i) => (DType::Int64, Scalar::Int(*i)),
        Value::BigInt(_) => {
            let u = u64::try_from(py_int(v)?).ok()?;
            (DType::UInt64, Scalar::UInt(u))
        }
        Value::Float(f) => (DType::Float64, Scalar::Float(*f)),
        Value::Complex(re, im) => (DType::Complex128, Scalar::Complex(*re, *im)),
        Value::NpScalar(d, s) => (*d, *s),
        _ => return None,
    })
}

/// Dtype and flat values of a nested list/tuple/array structure.
struct Nested {
    dtype: Option<DType>,
    values: Vec<Scalar>,
    /// Python ints seen, to check they fit a requested integer dtype.
    py_ints: Vec<i128>,
    /// A Python int too big for any integer dtype, kept as its float value
    /// in `values`: only a float or complex dtype can hold it.
    huge_int: Option<PyErr>,
}

/// The shape NumPy detects, following first elements down.
fn infer_shape(v: &Value) -> Vec<usize> {
    match v {
        Value::List(l) => {
            let items = l.borrow();
            let mut shape = vec![items.len()];
            if let Some(first) = items.first() {
                shape.extend(infer_shape(first));
            }
            shape
        }
        Value::Tuple(t) => {
            let mut shape = vec![t.len()];
            if let Some(first) = t.first() {
                shape.extend(infer_shape(first));
            }
            shape
        }
        Value::Array(a) => a.shape(),
        _ => vec![],
    }
}

fn inhomogeneous(shape: &[usize], depth: usize) -> PyErr {
    value_error(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {} + inhomogeneous part.",
        depth,
        crate::array::layout::tuple_repr(&shape[..depth.min(shape.len())])
    ))
}

fn flatten_into(v: &Value, depth: usize, shape: &[usize], out: &mut Nested) -> PyResult<()> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Array(a) => {
            if shape.get(depth..) != Some(a.shape().as_slice()) {
                return Err(inhomogeneous(shape, depth));
            }
            let d = a.dtype();
            out.dtype = Some(out.dtype.map_or(d, |o| promote(o, d)));
            out.values.extend(a.to_scalars());
            return Ok(());
        }
        leaf => {
            let (d, s) = match (leaf_value(leaf), leaf) {
                (Some(found), _) => found,
                (None, Value::BigInt(b)) => {
                    if out.huge_int.is_none() {
                        out.huge_int = Some(match super::bigint::to_f64(b.as_ref()) {
                            Ok(_) => not_supported("int"),
                            Err(e) => e,
                        });
                    }
                    let f = super::bigint::to_f64(b.as_ref()).unwrap_or(f64::INFINITY);
                    (DType::Float64, Scalar::Float(f))
                }
                (None, other) => return Err(not_supported(other.type_name())),
            };
            if depth != shape.len() {
                return Err(inhomogeneous(shape, depth));
            }
            out.dtype = Some(out.dtype.map_or(d, |o| promote(o, d)));
            if let Some(i) = py_int(leaf) {
                out.py_ints.push(i);
            }
            out.values.push(s);
            return Ok(());
        }
    };
    if shape.get(depth) != Some(&items.len()) {
        return Err(inhomogeneous(shape, depth));
    }
    for item in &items {
        flatten_into(item, depth + 1, shape, out)?;
    }
    Ok(())
}

fn not_supported(type_name: &str) -> PyErr {
    PyErr::new(
        ExcKind::NotImplementedError,
        format!("arrays of '{type_name}' objects are not supported"),
    )
}

/// `np.array(v, dtype=...)`: a new array that owns its data.
pub fn array_from_value(v: &Value, dtype: Option<DType>) -> PyResult<Array> {
    if let Value::Array(a) = v {
        return a.copy_as(dtype.unwrap_or(a.dtype()), crate::array::layout::Order::C);
    }
    let shape = infer_shape(v);
    let mut nested = Nested {
        dtype: None,
        values: Vec::new(),
        py_ints: Vec::new(),
        huge_int: None,
    };
    flatten_into(v, 0, &shape, &mut nested)?;
    let inferred = nested.dtype.unwrap_or(DType::Float64);
    let target = dtype.unwrap_or(inferred);
    if let Some(e) = nested.huge_int {
        // Too big for int64 and uint64: an object array in NumPy, which a
        // float or complex dtype can still take.
        match dtype {
            None | Some(DType::Bool) => return Err(not_supported("int")),
            Some(d) if d.is_integer() => return Err(super::bigint::too_large()),
            Some(_) if e.kind == ExcKind::OverflowError => return Err(e),
            Some(_) => {}
        }
    }
    if target.is_integer() {
        for &i in &nested.py_ints {
            check_int_fits(i, target)?;
        }
    }
    Array::from_scalars(target, &shape, &nested.values)
}

/// The values assigned by `a[...] = v`, as an array of `a`'s dtype.
///
/// A single number goes through NumPy's item assignment: into a signed
/// integer dtype it becomes a Python int first (floats truncate; NaN,
/// infinity and out-of-range values raise), into an unsigned one a NumPy
/// scalar is cast as C does, and a Python complex never goes into a real
/// dtype.
pub fn values_for_assignment(v: &Value, dest: DType) -> PyResult<Array> {
    if let Value::Array(a) = v {
        return Ok(a.clone());
    }
    match scalar_for_assignment(v, dest) {
        Some(scalar) => Array::from_scalars(dest, &[], &[scalar?]),
        None => array_from_value(v, Some(dest)),
    }
}

/// The element a Python number stores into an array of `dest` (already
/// cast), or `None` if `v` is not such a number: the one-value case of
/// `values_for_assignment`, without making a 0-d array.
pub fn scalar_for_assignment(v: &Value, dest: DType) -> Option<PyResult<Scalar>> {
    scalar_to_store(v, dest).map(|s| s.map(|s| element::cast(s, dest)))
}

/// `scalar_for_assignment` before the cast to `dest` (for a store that
/// casts as it writes).
pub(super) fn scalar_to_store(v: &Value, dest: DType) -> Option<PyResult<Scalar>> {
    let checked_int = |i: PyResult<i128>| -> PyResult<Scalar> {
        let i = i?;
        check_int_fits(i, dest)?;
        Ok(exact_int(i))
    };
    // The commonest store, a Python number into a float array, first.
    if dest.is_float() {
        match v {
            Value::Int(i) => return Some(Ok(Scalar::Int(*i))),
            Value::Float(f) => return Some(Ok(Scalar::Float(*f))),
            _ => {}
        }
    }
    Some(match v {
        Value::Int(_) | Value::BigInt(_) if dest.is_integer() => {
            checked_int(Ok(py_int(v).unwrap_or_default()))
        }
        Value::Float(f) if dest.is_integer() => checked_int(float_to_py_int(*f)),
        Value::Complex(..) if dest.is_integer() => Err(type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
        )),
        Value::Complex(..) if dest.is_float() => Err(type_error(
            "float() argument must be a string or a real number, not 'complex'",
        )),
        Value::NpScalar(d, s) if dest.kind() == Kind::Int && !d.is_complex() => {
            checked_int(match *s {
                Scalar::Bool(b) => Ok(b as i128),
                Scalar::Int(i) => Ok(i as i128),
                Scalar::UInt(u) => Ok(u as i128),
                Scalar::Float(f) => float_to_py_int(f),
                Scalar::Complex(..) => Ok(0),
            })
        }
        // A Python number into a float or complex array: one value, no
        // nested-list conversion.
        Value::Int(i) if dest.is_float() || dest.is_complex() => Ok(Scalar::Int(*i)),
        Value::Float(f) if dest.is_float() || dest.is_complex() => Ok(Scalar::Float(*f)),
        _ => return None,
    })
}

/// `int(f)` for a float, with Python's errors.
fn float_to_py_int(f: f64) -> PyResult<i128> {
    if f.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    // Saturating: anything beyond i128 is out of every dtype's range anyway.
    Ok(f.trunc() as i128)
}

/// An integer already checked against an integer dtype, as a scalar.
fn exact_int(i: i128) -> Scalar {
    match i64::try_from(i) {
        Ok(v) => Scalar::Int(v),
        Err(_) => Scalar::UInt(i as u64),
    }
}

/// `__index__`: an integer from an int, bool or NumPy integer scalar.
pub fn index_value(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::NpScalar(d, Scalar::Int(i)) if d.is_integer() => Ok(*i),
        Value::NpScalar(d, Scalar::UInt(u)) if d.is_integer() => Ok(*u as i64),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn invalid_index() -> PyErr {
    index_error("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
}

/// The index items of one subscript: most have a few, kept inline.
pub type IndexItems = smallvec::SmallVec<[IndexItem; 4]>;

/// Translates a Python index object into index items.
pub fn index_items(index: &Value) -> PyResult<IndexItems> {
    match index {
        Value::Tuple(items) => items.iter().map(index_item).collect(),
        other => Ok(smallvec::smallvec![index_item(other)?]),
    }
}

/// The index item of a slice `start:stop:step` (each part `None` when
/// omitted), with Python's error for a part that is not an integer.
pub fn slice_item(start: &Value, stop: &Value, step: &Value) -> PyResult<IndexItem> {
    Ok(IndexItem::Slice {
        start: slice_bound(start)?,
        stop: slice_bound(stop)?,
        step: slice_bound(step)?,
    })
}

/// One bound of a slice: `None` or an integer. The common cases inline;
/// every other value goes through `index_value`.
#[inline]
pub fn slice_bound(p: &Value) -> PyResult<Option<i64>> {
    match p {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        other => other_slice_bound(other),
    }
}

#[inline(never)]
fn other_slice_bound(v: &Value) -> PyResult<Option<i64>> {
    index_value(v).map(Some).map_err(|_| {
        type_error("slice indices must be integers or None or have an __index__ method")
    })
}

fn index_item(v: &Value) -> PyResult<IndexItem> {
    Ok(match v {
        Value::Int(i) => IndexItem::Int(*i),
        Value::Bool(b) => {
            IndexItem::BoolArray(Array::from_scalars(DType::Bool, &[], &[Scalar::Bool(*b)])?)
        }
        Value::NpScalar(DType::Bool, s) => {
            IndexItem::BoolArray(Array::from_scalars(DType::Bool, &[], &[*s])?)
        }
        Value::NpScalar(d, _) if d.is_integer() => IndexItem::Int(index_value(v)?),
        Value::None => IndexItem::NewAxis,
        Value::Ellipsis => IndexItem::Ellipsis,
        Value::Slice(parts) => slice_item(&parts[0], &parts[1], &parts[2])?,
        Value::Array(a) => array_index(a.clone(), false)?,
        Value::List(_) => {
            let a = array_from_value(v, None).map_err(|_| invalid_index())?;
            array_index(a, true)?
        }
        _ => return Err(invalid_index()),
    })
}

fn array_index(a: Array, from_list: bool) -> PyResult<IndexItem> {
    let d = a.dtype();
    if d == DType::Bool {
        return Ok(IndexItem::BoolArray(a));
    }
    if d.is_integer() {
        return Ok(IndexItem::IntArray(a));
    }
    // An empty list is an empty integer index.
    if from_list && a.size() == 0 {
        let shape = a.shape();
        return Ok(IndexItem::IntArray(Array::zeros(
            DType::Int64,
            &shape,
            crate::array::layout::Order::C,
        )?));
    }
    if from_list {
        return Err(invalid_index());
    }
    Err(index_error(
        "arrays used as indices must be of integer (or boolean) type",
    ))
}

/// `a.dtype == np.int64` and friends: dtype objects compare equal to
/// anything naming the same dtype.
pub fn dtype_equality(l: &Value, r: &Value) -> Option<bool> {
    let as_dtype = |v: &Value| match v {
        Value::DType(d) => Some(*d),
        Value::Class(Class::Scalar(d)) => Some(*d),
        _ => None,
    };
    match (l, r) {
        (Value::DType(a), other) | (other, Value::DType(a)) => {
            let b = as_dtype(other).or_else(|| dtype_arg(other).ok().flatten())?;
            Some(*a == b)
        }
        _ => {
            let (a, b) = (as_dtype(l)?, as_dtype(r)?);
            Some(a == b)
        }
    }
}

/// `x == y` / `x != y` when NumPy has no loop for the pair (a dtype, a
/// string, None): dtypes compare by what they name; an array compares
/// element-wise, every element unequal; a NumPy scalar gives a NumPy bool,
/// except against None, where Python answers.
pub fn equality_fallback(not_equal: bool, l: &Value, r: &Value) -> Value {
    if let Some(eq) = dtype_equality(l, r) {
        return Value::Bool(eq != not_equal);
    }
    let answer = Scalar::Bool(not_equal);
    let array = match (l, r) {
        (Value::Array(a), _) | (_, Value::Array(a)) => a,
        (Value::None, _) | (_, Value::None) => return Value::Bool(not_equal),
        _ => return Value::NpScalar(DType::Bool, answer),
    };
    let shape = array.shape();
    let size: usize = shape.iter().product();
    match Array::from_scalars(DType::Bool, &shape, &vec![answer; size]) {
        Ok(result) => ufunc_result(result),
        Err(_) => Value::Bool(not_equal),
    }
}

/// How NumPy describes an operand's dtype in "no loop" messages.
pub fn dtype_desc(v: &Value) -> String {
    match v {
        Value::Array(a) => format!("dtype('{}')", a.dtype().name()),
        Value::NpScalar(d, _) => format!("dtype('{}')", d.name()),
        Value::Str(s) => format!("dtype('<U{}')", s.chars().count()),
        Value::Bool(_) => "dtype('bool')".into(),
        Value::Int(_) => "dtype('int64')".into(),
        Value::Float(_) => "dtype('float64')".into(),
        Value::Complex(..) => "dtype('complex128')".into(),
        _ => "dtype('O')".into(),
    }
}

/// How NumPy describes an operand in comparison "no loop" messages: by its
/// DType class.
pub fn dtype_class_desc(v: &Value) -> String {
    let name = match v {
        Value::Array(a) => dtype_class_name(a.dtype()),
        Value::NpScalar(d, _) => dtype_class_name(*d),
        Value::Str(_) => "StrDType".into(),
        Value::Bool(_) => "BoolDType".into(),
        Value::Int(_) | Value::BigInt(_) => "_PyLongDType".into(),
        Value::Float(_) => "_PyFloatDType".into(),
        Value::Complex(..) => "_PyComplexDType".into(),
        _ => "ObjectDType".into(),
    };
    format!("<class 'numpy.dtypes.{name}'>")
}

fn dtype_class_name(d: DType) -> String {
    let name = d.name();
    let mut chars = name.chars();
    let capital: String = match (d.kind(), chars.next()) {
        (Kind::UInt, _) => format!("UInt{}", &name[4..]),
        (_, Some(first)) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        (_, None) => String::new(),
    };
    format!("{capital}DType")
}

/// A shape argument: an int or a sequence of ints.
pub fn shape_arg(v: &Value) -> PyResult<Vec<i64>> {
    match v {
        Value::Tuple(items) => items.iter().map(index_value).collect(),
        Value::List(items) => items.borrow().iter().map(index_value).collect(),
        other => Ok(vec![index_value(other)?]),
    }
}

/// A shape of non-negative sizes.
pub fn dims_arg(v: &Value) -> PyResult<Vec<usize>> {
    shape_arg(v)?
        .into_iter()
        .map(|n| usize::try_from(n).map_err(|_| value_error("negative dimensions are not allowed")))
        .collect()
}

/// A Python value for an element (`tolist()`, `item()`).
pub fn scalar_to_py(s: Scalar) -> Value {
    match s {
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Int(i) => Value::Int(i),
        Scalar::UInt(u) => super::bigint::normalize(u.into()),
        Scalar::Float(f) => Value::Float(f),
        Scalar::Complex(re, im) => Value::Complex(re, im),
    }
}
