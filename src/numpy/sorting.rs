//! Sorting: `np.sort` (a sorted copy), `a.sort()` (in place), `np.argsort`
//! (and `a.argsort`) and `np.unique`.
//!
//! Elements order as NumPy orders them: NaN after every number, complex
//! numbers by real then imaginary part with NaNs last. Sorts are stable;
//! NumPy's default 'quicksort' is not, so for ties only the order of
//! indices it returns may differ (values never do).

use std::cmp::Ordering;

use crate::array::dtype::DType;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::convert;
use crate::interp::value::BuiltinFn;
use crate::interp::{Args, Interp, Value};

use super::args;
use super::result_layout;

pub fn function(name: &str) -> Option<Value> {
    let f: (&'static str, BuiltinFn) = match name {
        "sort" => ("sort", sort),
        "argsort" => ("argsort", argsort),
        "unique" => ("unique", unique),
        _ => return None,
    };
    Some(Value::builtin(f.0, f.1))
}

/// NumPy's sort order for two elements of one dtype.
pub fn compare(a: Scalar, b: Scalar) -> Ordering {
    match (a, b) {
        (Scalar::Bool(x), Scalar::Bool(y)) => x.cmp(&y),
        (Scalar::Int(x), Scalar::Int(y)) => x.cmp(&y),
        (Scalar::UInt(x), Scalar::UInt(y)) => x.cmp(&y),
        (Scalar::Float(x), Scalar::Float(y)) => compare_float(x, y),
        (Scalar::Complex(xr, xi), Scalar::Complex(yr, yi)) => complex_rank(xr, xi)
            .cmp(&complex_rank(yr, yi))
            .then_with(|| match complex_rank(xr, xi) {
                0 => compare_float(xr, yr).then(compare_float(xi, yi)),
                1 => compare_float(xr, yr),
                2 => compare_float(xi, yi),
                _ => Ordering::Equal,
            }),
        _ => Ordering::Equal,
    }
}

/// Floats with NaN last; -0.0 and 0.0 are equal.
fn compare_float(x: f64, y: f64) -> Ordering {
    match (x.is_nan(), y.is_nan()) {
        (false, false) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        (a, b) => a.cmp(&b),
    }
}

/// Complex groups in order: `R+Rj`, `R+nanj`, `nan+Rj`, `nan+nanj`.
fn complex_rank(re: f64, im: f64) -> u8 {
    match (re.is_nan(), im.is_nan()) {
        (false, false) => 0,
        (false, true) => 1,
        (true, false) => 2,
        (true, true) => 3,
    }
}

/// Checks `kind=` and `order=` as NumPy does.
fn check_kind_order(kind: Option<&Value>, order: Option<&Value>) -> PyResult<()> {
    match kind {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) => {
            if !matches!(
                s.chars().next(),
                Some('q' | 'Q' | 'h' | 'H' | 'm' | 'M' | 's' | 'S')
            ) {
                return Err(value_error(format!(
                    "sort kind must be one of 'quick', 'heap', or 'stable' (got '{s}')"
                )));
            }
        }
        Some(other) => {
            return Err(type_error(format!(
                "sort kind must be str or None (got {})",
                crate::interp::text::repr_plain(other)
            )))
        }
    }
    if order.is_some_and(|o| !matches!(o, Value::None)) {
        return Err(value_error(
            "Cannot specify order when the array has no fields.",
        ));
    }
    Ok(())
}

/// The lanes of an array along `axis`: `(outer, n, inner)` sizes of the
/// C-order values.
fn lanes(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    (
        shape[..axis].iter().product(),
        shape[axis],
        shape[axis + 1..].iter().product(),
    )
}

/// For every lane along `axis`, the positions of its elements in sorted
/// order (indices along the axis).
fn lane_orders(values: &[Scalar], shape: &[usize], axis: usize) -> Vec<Vec<usize>> {
    let (outer, n, inner) = lanes(shape, axis);
    let mut orders = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            let at = |j: usize| values[(o * n + j) * inner + i];
            let mut idx: Vec<usize> = (0..n).collect();
            idx.sort_by(|&x, &y| compare(at(x), at(y)));
            orders.push(idx);
        }
    }
    orders
}

/// The values of every lane along `axis` sorted, in C order.
fn sorted_values(values: &[Scalar], shape: &[usize], axis: usize) -> Vec<Scalar> {
    let (_, n, inner) = lanes(shape, axis);
    let mut out = values.to_vec();
    for (lane, order) in lane_orders(values, shape, axis).into_iter().enumerate() {
        let (o, i) = (lane / inner.max(1), lane % inner.max(1));
        for (j, &src) in order.iter().enumerate() {
            out[(o * n + j) * inner + i] = values[(o * n + src) * inner + i];
        }
    }
    out
}

/// The `axis=` of the sorts: default -1, None flattens (returned as None).
fn sort_axis(v: Option<&Value>, ndim: usize) -> PyResult<Option<usize>> {
    match v {
        None => Ok(Some(crate::array::reduce::normalize_axis(-1, ndim)?)),
        Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(crate::array::reduce::normalize_axis(
            args::int_arg(v)?,
            ndim,
        )?)),
    }
}

fn sort(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("sort", &["a", "axis", "kind", "order", "stable"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    check_kind_order(slots[2].as_ref(), slots[3].as_ref())?;
    let values = a.to_scalars();
    match sort_axis(slots[1].as_ref(), a.ndim())? {
        None => {
            let shape = [a.size()];
            let sorted = sorted_values(&values, &shape, 0);
            Ok(Value::Array(Array::from_scalars(
                a.dtype(),
                &shape,
                &sorted,
            )?))
        }
        Some(axis) => {
            let sorted = sorted_values(&values, &a.shape(), axis);
            Ok(Value::Array(result_layout::new_like(
                &a,
                a.dtype(),
                &sorted,
            )?))
        }
    }
}

/// `a.sort(axis=-1, kind=None, order=None)`: in place, returns None.
pub fn sort_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("sort", &["axis", "kind", "order", "stable"])?;
    let a = convert::to_array(r.unwrap_or(&Value::None))?;
    let axis = match &slots[0] {
        Some(Value::None) => {
            return Err(type_error(
                "'NoneType' object cannot be interpreted as an integer",
            ))
        }
        other => sort_axis(other.as_ref(), a.ndim())?.unwrap_or(0),
    };
    check_kind_order(slots[1].as_ref(), slots[2].as_ref())?;
    if !a.data().writeable {
        return Err(value_error("sort array is read-only"));
    }
    let sorted = sorted_values(&a.to_scalars(), &a.shape(), axis);
    result_layout::fill(&a, &sorted);
    Ok(Value::None)
}

fn argsort(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("argsort", &["a", "axis", "kind", "order", "stable"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    argsort_call(&a, &slots[1..])
}

/// `a.argsort(axis=-1, kind=None, order=None)`.
pub fn argsort_method(_: &mut Interp, r: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("argsort", &["axis", "kind", "order", "stable"])?;
    let a = convert::to_array(r.unwrap_or(&Value::None))?;
    argsort_call(&a, &slots)
}

fn argsort_call(a: &Array, slots: &[Option<Value>]) -> PyResult<Value> {
    check_kind_order(slots[1].as_ref(), slots[2].as_ref())?;
    // A 0-d array sorts as a 1-d array of one element.
    let axis = sort_axis(slots[0].as_ref(), a.ndim().max(1))?;
    let values = a.to_scalars();
    let (shape, axis) = match axis {
        Some(k) if a.ndim() > 0 => (a.shape(), k),
        _ => (vec![a.size()], 0),
    };
    let (_, n, inner) = lanes(&shape, axis);
    let mut out = vec![Scalar::Int(0); values.len()];
    for (lane, order) in lane_orders(&values, &shape, axis).into_iter().enumerate() {
        let (o, i) = (lane / inner.max(1), lane % inner.max(1));
        for (j, &src) in order.iter().enumerate() {
            out[(o * n + j) * inner + i] = Scalar::Int(src as i64);
        }
    }
    Ok(Value::Array(Array::from_scalars(
        DType::Int64,
        &shape,
        &out,
    )?))
}

fn unique(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind(
        "unique",
        &[
            "ar",
            "return_index",
            "return_inverse",
            "return_counts",
            "axis",
            "equal_nan",
            "sorted",
        ],
    )?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let wants = [
        args::flag(slots[1].as_ref()),
        args::flag(slots[2].as_ref()),
        args::flag(slots[3].as_ref()),
    ];
    let equal_nan = slots[5].as_ref().is_none_or(|v| args::flag(Some(v)));
    let (unique, parts) = match args::axis_arg(slots[4].as_ref(), a.ndim())? {
        None => unique_flat(&a, equal_nan)?,
        Some(axis) => unique_along(&a, axis)?,
    };
    let [index, inverse, counts] = parts;
    if !wants.iter().any(|w| *w) {
        return Ok(Value::Array(unique));
    }
    let mut out = vec![Value::Array(unique)];
    for (want, part) in wants.into_iter().zip([index, inverse, counts]) {
        if want {
            out.push(Value::Array(part));
        }
    }
    Ok(Value::tuple(out))
}

/// Groups of equal values: for each group (in sorted order), the original
/// positions of its members, first occurrence first.
fn groups(keys: &[usize], same: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &k in keys {
        match groups.last_mut() {
            Some(g) if same(g[0], k) => g.push(k),
            _ => groups.push(vec![k]),
        }
    }
    groups
}

/// The index, inverse and counts arrays of `np.unique` from the groups.
fn unique_parts(groups: &[Vec<usize>], n: usize, inverse_shape: &[usize]) -> PyResult<[Array; 3]> {
    let mut inverse = vec![Scalar::Int(0); n];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            inverse[m] = Scalar::Int(g as i64);
        }
    }
    let first: Vec<Scalar> = groups.iter().map(|g| Scalar::Int(g[0] as i64)).collect();
    let counts: Vec<Scalar> = groups.iter().map(|g| Scalar::Int(g.len() as i64)).collect();
    Ok([
        Array::from_scalars(DType::Int64, &[groups.len()], &first)?,
        Array::from_scalars(DType::Int64, inverse_shape, &inverse)?,
        Array::from_scalars(DType::Int64, &[groups.len()], &counts)?,
    ])
}

fn is_nan(v: Scalar) -> bool {
    match v {
        Scalar::Float(f) => f.is_nan(),
        Scalar::Complex(re, im) => re.is_nan() || im.is_nan(),
        _ => false,
    }
}

fn unique_flat(a: &Array, equal_nan: bool) -> PyResult<(Array, [Array; 3])> {
    let values = a.to_scalars();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&x, &y| compare(values[x], values[y]));
    let groups = groups(&order, |x, y| {
        let (vx, vy) = (values[x], values[y]);
        if is_nan(vx) || is_nan(vy) {
            equal_nan && is_nan(vx) && is_nan(vy)
        } else {
            compare(vx, vy) == Ordering::Equal
        }
    });
    let picked: Vec<Scalar> = groups.iter().map(|g| values[g[0]]).collect();
    let unique = Array::from_scalars(a.dtype(), &[picked.len()], &picked)?;
    let inverse_shape = if a.ndim() == 0 { vec![1] } else { a.shape() };
    Ok((unique, unique_parts(&groups, values.len(), &inverse_shape)?))
}

/// `np.unique(a, axis=k)`: unique slices along `axis`, in lexicographic
/// order of their elements.
fn unique_along(a: &Array, axis: usize) -> PyResult<(Array, [Array; 3])> {
    let shape = a.shape();
    let (outer, n, inner) = lanes(&shape, axis);
    let values = a.to_scalars();
    // Slice j along `axis`, flattened in C order.
    let slice = |j: usize| -> Vec<Scalar> {
        (0..outer)
            .flat_map(|o| (0..inner).map(move |i| (o * n + j) * inner + i))
            .map(|k| values[k])
            .collect()
    };
    let slices: Vec<Vec<Scalar>> = (0..n).map(slice).collect();
    let lex = |x: usize, y: usize| {
        slices[x]
            .iter()
            .zip(&slices[y])
            .map(|(&p, &q)| compare(p, q))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| lex(x, y));
    let groups = groups(&order, |x, y| lex(x, y) == Ordering::Equal);
    let mut out_shape = shape.clone();
    out_shape[axis] = groups.len();
    let (_, m, _) = lanes(&out_shape, axis);
    let mut out = vec![Scalar::Int(0); outer * m * inner];
    for (g, members) in groups.iter().enumerate() {
        let src = members[0];
        for o in 0..outer {
            for i in 0..inner {
                out[(o * m + g) * inner + i] = values[(o * n + src) * inner + i];
            }
        }
    }
    let unique = Array::from_scalars(a.dtype(), &out_shape, &out)?;
    Ok((unique, unique_parts(&groups, n, &[n])?))
}
