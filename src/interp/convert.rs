//! Conversions between Python values and arrays: `np.array` coercion,
//! index objects, dtype arguments, ufunc operands and results.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::index::IndexItem;
use crate::array::ops::Operand;
use crate::array::promote::{check_int_fits, promote};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{index_error, type_error, value_error, ExcKind, PyErr, PyResult};

use super::eval::Num;
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
        Value::Str(s) => DType::from_name(s)
            .ok_or_else(|| type_error(format!("data type '{s}' not understood")))?,
        other => {
            return Err(type_error(format!(
                "Cannot interpret '{}' as a data type",
                super::text::repr_plain(other)
            )))
        }
    }))
}

/// The dtype NumPy infers for one Python/NumPy value inside `np.array`.
fn leaf_dtype(v: &Value) -> Option<DType> {
    Some(match v {
        Value::Bool(_) => DType::Bool,
        Value::Int(_) => DType::Int64,
        Value::Float(_) => DType::Float64,
        Value::Complex(..) => DType::Complex128,
        Value::NpScalar(d, _) => *d,
        _ => return None,
    })
}

fn leaf_scalar(v: &Value) -> Option<Scalar> {
    Some(match v {
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Int(i) => Scalar::Int(*i),
        Value::Float(f) => Scalar::Float(*f),
        Value::Complex(re, im) => Scalar::Complex(*re, *im),
        Value::NpScalar(_, s) => *s,
        _ => return None,
    })
}

/// Dtype and flat values of a nested list/tuple/array structure.
struct Nested {
    dtype: Option<DType>,
    values: Vec<Scalar>,
    /// Python ints seen, to check they fit a requested integer dtype.
    py_ints: Vec<i64>,
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
            let (Some(d), Some(s)) = (leaf_dtype(leaf), leaf_scalar(leaf)) else {
                return Err(PyErr::new(
                    ExcKind::NotImplementedError,
                    format!("arrays of '{}' objects are not supported", leaf.type_name()),
                ));
            };
            if depth != shape.len() {
                return Err(inhomogeneous(shape, depth));
            }
            out.dtype = Some(out.dtype.map_or(d, |o| promote(o, d)));
            if let Value::Int(i) = leaf {
                out.py_ints.push(*i);
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
    };
    flatten_into(v, 0, &shape, &mut nested)?;
    let inferred = nested.dtype.unwrap_or(DType::Float64);
    let target = dtype.unwrap_or(inferred);
    if target.is_integer() {
        for &i in &nested.py_ints {
            check_int_fits(i, target)?;
        }
    }
    Array::from_scalars(target, &shape, &nested.values)
}

/// The values assigned by `a[...] = v`, as an array of `a`'s dtype (NumPy
/// checks Python ints against the destination and refuses NaN in integers).
pub fn values_for_assignment(v: &Value, dest: DType) -> PyResult<Array> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::Int(i) if dest.is_integer() => {
            check_int_fits(*i, dest)?;
            Array::from_scalars(dest, &[], &[Scalar::Int(*i)])
        }
        Value::Float(f) if dest.is_integer() => {
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyErr::new(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            Array::from_scalars(dest, &[], &[element::cast(Scalar::Float(*f), dest)])
        }
        // A Python number into a float or complex array: one value, no
        // nested-list conversion.
        Value::Int(i) if dest.is_float() || dest.is_complex() => {
            Array::from_scalars(dest, &[], &[Scalar::Int(*i)])
        }
        Value::Float(f) if dest.is_float() || dest.is_complex() => {
            Array::from_scalars(dest, &[], &[Scalar::Float(*f)])
        }
        other => array_from_value(other, Some(dest)),
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

/// Translates a Python index object into index items.
pub fn index_items(index: &Value) -> PyResult<Vec<IndexItem>> {
    match index {
        Value::Tuple(items) => items.iter().map(index_item).collect(),
        other => Ok(vec![index_item(other)?]),
    }
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
        Value::Slice(parts) => {
            let bound = |p: &Value| -> PyResult<Option<i64>> {
                match p {
                    Value::None => Ok(None),
                    other => index_value(other).map(Some).map_err(|_| {
                        type_error(
                            "slice indices must be integers or None or have an __index__ method",
                        )
                    }),
                }
            };
            IndexItem::Slice {
                start: bound(&parts[0])?,
                stop: bound(&parts[1])?,
                step: bound(&parts[2])?,
            }
        }
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
        Scalar::UInt(u) => Value::Int(u as i64),
        Scalar::Float(f) => Value::Float(f),
        Scalar::Complex(re, im) => Value::Complex(re, im),
    }
}
