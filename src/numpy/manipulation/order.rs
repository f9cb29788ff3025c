//! Memory orders for copies and flattening: the `order=` argument
//! ('C', 'F', 'A', 'K') and NumPy's two "keep order" rules.
//!
//! NumPy keeps a source's order in two different ways. A new array "like"
//! the source (`np.array`, `np.copy`, `astype`) gets strides sorted by the
//! source's absolute strides (`PyArray_CreateSortedStridePerm`). Flattening
//! in order 'K' (`ravel`, `flatten`) walks the elements the way `nditer`
//! does, where a zero stride never decides the order. The two agree except
//! around zero strides (broadcast views). Negative strides are never
//! flipped by either.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::Order;
use crate::array::ndarray::StridedOffsets;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{type_error, value_error, PyResult};
use crate::interp::Value;

/// An `order=` argument as given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requested {
    C,
    F,
    /// F when the array is F-contiguous and not C-contiguous, else C.
    A,
    /// As close to the source's memory order as possible.
    K,
}

/// Parses `order=`: one letter of C, F, A, K in either case; None (or a
/// missing argument) is `default`.
pub fn requested(v: Option<&Value>, default: Requested) -> PyResult<Requested> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(Value::Str(s)) => match s.to_ascii_uppercase().as_str() {
            "C" => Ok(Requested::C),
            "F" => Ok(Requested::F),
            "A" => Ok(Requested::A),
            "K" => Ok(Requested::K),
            _ => Err(value_error(format!(
                "order must be one of 'C', 'F', 'A', or 'K' (got '{s}')"
            ))),
        },
        Some(other) => Err(type_error(format!(
            "order must be str, not {}",
            other.type_name()
        ))),
    }
}

/// NumPy's `PyArray_ISFORTRAN`: F-contiguous and not C-contiguous.
pub fn is_fortran(a: &Array) -> bool {
    a.is_f_contiguous() && !a.is_c_contiguous()
}

/// How a new array "like" `a` is laid out.
pub enum Like {
    Plain(Order),
    /// Strides sorted like the source's (neither C nor F contiguous).
    Permuted(Vec<isize>),
}

/// The layout `PyArray_NewLikeArray` picks for `order` and source `a`.
pub fn like_layout(a: &Array, order: Requested, itemsize: usize) -> Like {
    match order {
        Requested::C => Like::Plain(Order::C),
        Requested::F => Like::Plain(Order::F),
        Requested::A if is_fortran(a) => Like::Plain(Order::F),
        Requested::A => Like::Plain(Order::C),
        Requested::K => {
            let d = a.data();
            if d.shape.len() <= 1 || a.is_c_contiguous() {
                Like::Plain(Order::C)
            } else if a.is_f_contiguous() {
                Like::Plain(Order::F)
            } else {
                match keep_order_strides(&d.shape, &d.strides, itemsize) {
                    Some(strides) => Like::Permuted(strides),
                    None => Like::Plain(Order::C),
                }
            }
        }
    }
}

/// A new array owning its data with `a`'s values converted to `dtype`,
/// laid out as NumPy lays out a copy in `order`.
pub fn copy_in_order(a: &Array, dtype: DType, order: Requested) -> PyResult<Array> {
    let shape = a.shape();
    // Every element is written below: no need for zeroed (freshly faulted)
    // memory, a reused buffer will do.
    let out = match like_layout(a, order, dtype.itemsize()) {
        Like::Plain(o) => Array::for_overwrite(dtype, &shape, o)?,
        Like::Permuted(strides) => {
            let out = Array::for_overwrite(dtype, &shape, Order::C)?;
            out.data_mut().strides = strides.into();
            out
        }
    };
    crate::array::writes::record(&out.data());
    let strides = a.data().strides.clone();
    crate::array::kernels::arrays::copy_into(a, &strides, &out)?;
    Ok(out)
}

/// Strides of a contiguous array whose axes are ordered like `strides`:
/// by decreasing absolute stride, ties kept in axis order.
pub fn keep_order_strides(
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
) -> Option<Vec<isize>> {
    if shape.len() != strides.len() {
        return None;
    }
    let mut perm: Vec<usize> = (0..shape.len()).collect();
    perm.sort_by(|&x, &y| {
        strides[y]
            .unsigned_abs()
            .cmp(&strides[x].unsigned_abs())
            .then(x.cmp(&y))
    });
    let mut out = vec![0isize; shape.len()];
    let mut step = isize::try_from(itemsize).ok()?;
    for &k in perm.iter().rev() {
        out[k] = step;
        step = step.checked_mul(isize::try_from(shape[k]).ok()?)?;
    }
    Some(out)
}

/// The axes in the order `nditer` visits them for order 'K', slowest
/// first: an insertion sort by absolute stride starting from C order, in
/// which a zero stride (or a length-1 axis) never moves an axis.
pub fn keep_order_axes(shape: &[usize], strides: &[isize]) -> Vec<usize> {
    let n = shape.len().min(strides.len());
    let stride = |k: usize| if shape[k] == 1 { 0 } else { strides[k] };
    // Fastest axis first, as nditer stores them.
    let mut perm: Vec<usize> = (0..n).rev().collect();
    for i0 in 1..n {
        let s0 = stride(perm[i0]);
        let mut insert_at = i0;
        for i1 in (0..i0).rev() {
            let s1 = stride(perm[i1]);
            if s0 == 0 || s1 == 0 {
                continue;
            }
            if s1.unsigned_abs() <= s0.unsigned_abs() {
                break;
            }
            insert_at = i1;
        }
        if insert_at != i0 {
            let axis = perm.remove(i0);
            perm.insert(insert_at, axis);
        }
    }
    perm.reverse();
    perm
}

/// The axis order (slowest first) in which flattening `a` in `order`
/// reads its elements.
pub fn flat_axes(a: &Array, order: Requested) -> Vec<usize> {
    let d = a.data();
    let n = d.shape.len();
    let order = match order {
        Requested::A if is_fortran(a) => Requested::F,
        Requested::A => Requested::C,
        other => other,
    };
    match order {
        Requested::F => (0..n).rev().collect(),
        Requested::K => keep_order_axes(&d.shape, &d.strides),
        _ => (0..n).collect(),
    }
}

/// Every element of `a`, read in the order `flat_axes` gives.
pub fn flat_values(a: &Array, order: Requested) -> Vec<Scalar> {
    let axes = flat_axes(a, order);
    let d = a.data();
    let shape: Vec<usize> = axes.iter().map(|&k| d.shape[k]).collect();
    let strides: Vec<isize> = axes.iter().map(|&k| d.strides[k]).collect();
    let bytes = d.buffer.bytes();
    StridedOffsets::new(&shape, &strides, d.offset)
        .map(|off| element::read(d.dtype, &bytes, off))
        .collect()
}

/// A new 1-d array owning `a`'s elements in `order` (`flatten`).
pub fn flattened(a: &Array, order: Requested) -> PyResult<Array> {
    let values = flat_values(a, order);
    let n = values.len();
    Array::from_scalars(a.dtype(), &[n], &values)
}

/// Whether an `order='K'` ravel can be a view: the axes, sorted by
/// absolute stride, tile memory contiguously with positive strides.
pub fn keep_order_is_dense(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    let mut perm: Vec<usize> = (0..shape.len().min(strides.len())).collect();
    perm.sort_by(|&x, &y| {
        strides[y]
            .unsigned_abs()
            .cmp(&strides[x].unsigned_abs())
            .then(x.cmp(&y))
    });
    let Ok(mut expected) = isize::try_from(itemsize) else {
        return false;
    };
    for &k in perm.iter().rev() {
        if shape[k] == 1 {
            continue;
        }
        if strides[k] != expected {
            return false;
        }
        match isize::try_from(shape[k])
            .ok()
            .and_then(|d| expected.checked_mul(d))
        {
            Some(next) => expected = next,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_order_strides_sort_by_magnitude() {
        // np.array(t.transpose(1, 0, 2)) for t of shape (2, 3, 4).
        assert_eq!(
            keep_order_strides(&[3, 2, 4], &[32, 96, 8], 8),
            Some(vec![32, 96, 8])
        );
        // A broadcast view: the zero stride sorts last, so it is fastest.
        assert_eq!(keep_order_strides(&[2, 3], &[0, 8], 8), Some(vec![8, 16]));
        // Negative strides sort by magnitude and come out positive.
        assert_eq!(
            keep_order_strides(&[2, 3, 2], &[96, -32, 16], 8),
            Some(vec![48, 16, 8])
        );
    }

    #[test]
    fn keep_order_axes_follow_nditer() {
        assert_eq!(keep_order_axes(&[3, 4], &[32, 8]), vec![0, 1]);
        assert_eq!(keep_order_axes(&[4, 3], &[8, 32]), vec![1, 0]);
        assert_eq!(keep_order_axes(&[3, 2, 4], &[32, 96, 8]), vec![1, 0, 2]);
        // Zero strides never decide: C order is kept.
        assert_eq!(keep_order_axes(&[2, 3], &[0, 8]), vec![0, 1]);
        assert_eq!(keep_order_axes(&[3, 4], &[8, 0]), vec![0, 1]);
        // Negative strides are not flipped and sort by magnitude.
        assert_eq!(keep_order_axes(&[10], &[-8]), vec![0]);
        assert_eq!(keep_order_axes(&[3, 4], &[-32, 8]), vec![0, 1]);
    }

    #[test]
    fn dense_layouts_ravel_as_views() {
        assert!(keep_order_is_dense(&[3, 2, 4], &[32, 96, 8], 8));
        assert!(!keep_order_is_dense(&[3, 2], &[32, 16], 8));
        assert!(!keep_order_is_dense(&[10], &[-8], 8));
        assert!(keep_order_is_dense(&[1, 3], &[100, 8], 8));
    }
}
