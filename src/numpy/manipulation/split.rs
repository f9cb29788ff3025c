//! `split`, `array_split`, `hsplit`, `vsplit`, `dsplit`: lists of views,
//! one per piece, made as NumPy makes them (swap the axis to the front,
//! slice, swap back), so every piece's shape and strides agree with NumPy's.

use crate::array::index::{self, IndexItem};
use crate::array::Array;
use crate::error::{
    attribute_error, index_error, type_error, value_error, ExcKind, PyErr, PyResult,
};
use crate::interp::convert;
use crate::interp::{Args, Interp, Value};

use super::axes::swapaxes;

/// More pieces than any script could hold in memory.
const MAX_SECTIONS: i64 = 1 << 28;

/// What `indices_or_sections` asks for.
enum Pieces {
    /// Split points (Python slice bounds, negatives allowed).
    Indices(Vec<i64>),
    /// A number of (nearly) equal sections.
    Sections(Value),
}

fn pieces_arg(v: &Value) -> PyResult<Pieces> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Array(a) if a.ndim() > 0 => {
            if a.ndim() != 1 {
                return Err(type_error(
                    "only integer scalar arrays can be converted to a scalar index",
                ));
            }
            a.to_scalars()
                .into_iter()
                .map(convert::scalar_to_py)
                .collect()
        }
        other => return Ok(Pieces::Sections(other.clone())),
    };
    let indices = items
        .iter()
        .map(|x| {
            convert::index_value(x).map_err(|_| {
                type_error("slice indices must be integers or None or have an __index__ method")
            })
        })
        .collect::<PyResult<_>>()?;
    Ok(Pieces::Indices(indices))
}

/// The section count NumPy's `int(indices_or_sections)` gives.
fn section_count(v: &Value) -> PyResult<i64> {
    match v {
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i64),
        Value::NpScalar(_, s) if !matches!(s, crate::array::scalar::Scalar::Complex(..)) => {
            Ok(s.to_f64().trunc() as i64)
        }
        other => convert::index_value(other),
    }
}

/// `ary.shape[axis]` with Python's tuple indexing.
fn axis_length(shape: &[usize], axis: i64) -> PyResult<usize> {
    let n = i64::try_from(shape.len()).unwrap_or(i64::MAX);
    let k = if axis < 0 { axis + n } else { axis };
    usize::try_from(k)
        .ok()
        .and_then(|k| shape.get(k).copied())
        .ok_or_else(|| index_error("tuple index out of range"))
}

/// `np.array_split` on an array, `total` being the length NumPy split.
fn array_split(a: &Array, pieces: Pieces, axis: i64, total: usize) -> PyResult<Vec<Value>> {
    let total = i64::try_from(total).map_err(|_| value_error("array is too big"))?;
    let points: Vec<i64> = match pieces {
        Pieces::Indices(list) => {
            let mut points = vec![0];
            points.extend(list);
            points.push(total);
            points
        }
        Pieces::Sections(v) => {
            let sections = section_count(&v)?;
            if sections <= 0 {
                return Err(value_error("number sections must be larger than 0."));
            }
            // NumPy builds Python lists of this length first; a count no
            // memory could hold fails the same way, before any work.
            if sections > MAX_SECTIONS {
                return Err(PyErr::new(ExcKind::MemoryError, ""));
            }
            let (each, extras) = (total / sections, total % sections);
            let mut points = vec![0];
            let mut at = 0i64;
            for i in 0..sections {
                at += if i < extras { each + 1 } else { each };
                points.push(at);
            }
            points
        }
    };
    let front = swapaxes(a, axis, 0)?;
    points
        .windows(2)
        .map(|w| {
            let item = IndexItem::Slice {
                start: Some(w[0]),
                stop: Some(w[1]),
                step: None,
            };
            match index::get(&front, &[item])? {
                index::Indexed::View(piece) => Ok(Value::Array(swapaxes(&piece, axis, 0)?)),
                _ => Err(value_error("split produced a non-view")),
            }
        })
        .collect()
}

/// `np.split`: like `array_split`, but a number of sections must divide
/// the axis exactly.
fn split(ary: &Value, pieces: Pieces, axis: i64) -> PyResult<Vec<Value>> {
    let Value::Array(a) = ary else {
        if matches!(pieces, Pieces::Sections(_)) {
            return Err(attribute_error(format!(
                "'{}' object has no attribute 'shape'",
                ary.type_name()
            )));
        }
        let a = convert::to_array(ary)?;
        let total = a.shape().first().copied().unwrap_or(0);
        return array_split(&a, pieces, axis, total);
    };
    let total = axis_length(&a.shape(), axis)?;
    if let Pieces::Sections(v) = &pieces {
        check_equal_division(total, v)?;
    }
    array_split(a, pieces, axis, total)
}

/// NumPy's `if N % sections: raise ...`.
fn check_equal_division(total: usize, sections: &Value) -> PyResult<()> {
    let uneven = || value_error("array split does not result in an equal division");
    match sections {
        Value::Float(f) => {
            if *f == 0.0 {
                return Err(PyErr::new(
                    ExcKind::ZeroDivisionError,
                    "float modulo by zero",
                ));
            }
            if (total as f64) % f != 0.0 {
                return Err(uneven());
            }
        }
        other => {
            let s = convert::index_value(other)?;
            if s == 0 {
                return Err(PyErr::new(
                    ExcKind::ZeroDivisionError,
                    "integer modulo by zero",
                ));
            }
            let t = i64::try_from(total).map_err(|_| value_error("array is too big"))?;
            if t % s != 0 {
                return Err(uneven());
            }
        }
    }
    Ok(())
}

fn required(slots: &[Option<Value>], i: usize, func: &str, name: &str) -> PyResult<Value> {
    slots
        .get(i)
        .cloned()
        .flatten()
        .ok_or_else(|| super::missing(func, name))
}

pub fn np_split(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("split", &["ary", "indices_or_sections", "axis"])?;
    let ary = required(&slots, 0, "split", "ary")?;
    let pieces = pieces_arg(&required(&slots, 1, "split", "indices_or_sections")?)?;
    let axis = super::int_param(&slots[2], 0)?;
    Ok(Value::list(split(&ary, pieces, axis)?))
}

pub fn np_array_split(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("array_split", &["ary", "indices_or_sections", "axis"])?;
    let ary = required(&slots, 0, "array_split", "ary")?;
    let pieces = pieces_arg(&required(&slots, 1, "array_split", "indices_or_sections")?)?;
    let axis = super::int_param(&slots[2], 0)?;
    let a = convert::to_array(&ary)?;
    let total = match &ary {
        Value::Array(_) => axis_length(&a.shape(), axis)?,
        _ => a.shape().first().copied().unwrap_or(0),
    };
    Ok(Value::list(array_split(&a, pieces, axis, total)?))
}

/// `np.hsplit`, `np.vsplit`, `np.dsplit`: `split` along axis 1 (0 for
/// 1-d), 0 and 2, with a minimum dimension count.
pub fn np_directional(
    _: &mut Interp,
    _: Option<&Value>,
    args: Args,
    name: &str,
) -> PyResult<Value> {
    let slots = args.bind(name, &["ary", "indices_or_sections"])?;
    let ary = required(&slots, 0, name, "ary")?;
    let pieces = pieces_arg(&required(&slots, 1, name, "indices_or_sections")?)?;
    let ndim = convert::to_array(&ary)?.ndim();
    let (least, what) = match name {
        "hsplit" => (1, "1 or more"),
        "vsplit" => (2, "2 or more"),
        _ => (3, "3 or more"),
    };
    if ndim < least {
        return Err(value_error(format!(
            "{name} only works on arrays of {what} dimensions"
        )));
    }
    let axis = match name {
        "hsplit" => {
            if !matches!(ary, Value::Array(_)) {
                return Err(attribute_error(format!(
                    "'{}' object has no attribute 'ndim'",
                    ary.type_name()
                )));
            }
            i64::from(ndim > 1)
        }
        "vsplit" => 0,
        _ => 2,
    };
    Ok(Value::list(split(&ary, pieces, axis)?))
}
