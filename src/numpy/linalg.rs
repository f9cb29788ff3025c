//! Matrix products: `@`, `@=`, `np.matmul` (with stacks of matrices and
//! `out=`) and `np.dot` (scalars, vectors, matrices, and n-d arrays).
//!
//! Products accumulate one term after another in the promoted dtype, as
//! NumPy's own loops do (NumPy hands large float products to BLAS, whose
//! blocked sums may differ in the last bit).

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::{broadcast_shapes, shape_string};
use crate::array::ops::{self, apply, BinaryOp, Operand};
use crate::array::promote::promote;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{value_error, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::{Args, Interp, Value};

use super::ufunc_call;

pub fn function(name: &str) -> Option<Value> {
    match name {
        "matmul" => Some(Value::builtin("matmul", matmul_fn)),
        "dot" => Some(Value::builtin("dot", dot_fn)),
        _ => None,
    }
}

const SIGNATURE: &str = "(n?,k),(k,m?)->(n?,m?)";

fn matmul_fn(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let call = ufunc_call::parse("matmul", 2, args)?;
    let a = convert::to_array(&call.inputs[0])?;
    let b = convert::to_array(&call.inputs[1])?;
    let product = matmul_arrays(&a, &b)?;
    match &call.out {
        Some(out) => {
            check_matmul_out(out, &product, &call)?;
            super::result_layout::fill(out, &product.to_scalars());
            Ok(Value::Array(out.clone()))
        }
        None => Ok(ufunc_result(product)),
    }
}

/// `a @ b`.
pub fn matmul(l: &Value, r: &Value) -> PyResult<Value> {
    let a = convert::to_array(l)?;
    let b = convert::to_array(r)?;
    Ok(ufunc_result(matmul_arrays(&a, &b)?))
}

/// `a @= b`: `np.matmul(a, b, out=a)`, so the product must keep `a`'s
/// shape and cast to its dtype with 'same_kind'.
pub fn matmul_inplace(a: &Array, r: &Value) -> PyResult<()> {
    let b = convert::to_array(r)?;
    let product = matmul_arrays(a, &b)?;
    let call = ufunc_call::parse(
        "matmul",
        2,
        Args::positional(vec![Value::None, Value::None]),
    )?;
    check_matmul_out(a, &product, &call)?;
    super::result_layout::fill(a, &product.to_scalars());
    Ok(())
}

/// NumPy's checks on matmul's `out`: writeable, castable, and the same
/// core dimensions as the product.
fn check_matmul_out(out: &Array, product: &Array, call: &ufunc_call::UfuncCall) -> PyResult<()> {
    if !out.data().writeable {
        return Err(value_error("output array is read-only"));
    }
    call.check_output_cast(product.dtype(), out)?;
    let (os, ps) = (out.shape(), product.shape());
    for (i, (&o, &p)) in os.iter().rev().zip(ps.iter().rev()).enumerate() {
        if o != p {
            let core = ps.len().min(2);
            return Err(value_error(format!(
                "matmul: Output operand 0 has a mismatch in its core dimension {}, with gufunc signature {SIGNATURE} (size {o} is different from {p})",
                core.saturating_sub(i + 1)
            )));
        }
    }
    if os != ps {
        return Err(value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_string(&os),
            shape_string(&ps)
        )));
    }
    Ok(())
}

fn not_enough_dims(operand: usize) -> crate::error::PyErr {
    value_error(format!(
        "matmul: Input operand {operand} does not have enough dimensions (has 0, gufunc core with signature {SIGNATURE} requires 1)"
    ))
}

/// The values of `a` cast to `dtype`, in C order.
fn values_as(a: &Array, dtype: DType) -> Vec<Scalar> {
    a.to_scalars()
        .into_iter()
        .map(|v| element::cast(v, dtype))
        .collect()
}

/// `sum_p x[p] * y[p]` in `dtype`, one term after another.
fn inner(
    dtype: DType,
    xs: impl Iterator<Item = Scalar>,
    ys: impl Iterator<Item = Scalar>,
) -> Scalar {
    xs.zip(ys)
        .fold(element::cast(Scalar::Int(0), dtype), |acc, (x, y)| {
            apply(
                BinaryOp::Add,
                dtype,
                acc,
                apply(BinaryOp::Multiply, dtype, x, y),
            )
        })
}

/// `np.matmul` of two arrays: stacks of matrices broadcast over their
/// leading axes; a 1-d operand is a row (first) or column (second) vector.
pub fn matmul_arrays(a: &Array, b: &Array) -> PyResult<Array> {
    if a.ndim() == 0 {
        return Err(not_enough_dims(0));
    }
    if b.ndim() == 0 {
        return Err(not_enough_dims(1));
    }
    let mut ash = a.shape();
    let mut bsh = b.shape();
    let (a_vec, b_vec) = (ash.len() == 1, bsh.len() == 1);
    if a_vec {
        ash.insert(0, 1);
    }
    if b_vec {
        bsh.push(1);
    }
    let (n, k) = (ash[ash.len() - 2], ash[ash.len() - 1]);
    let (k2, m) = (bsh[bsh.len() - 2], bsh[bsh.len() - 1]);
    if k != k2 {
        return Err(value_error(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIGNATURE} (size {k2} is different from {k})"
        )));
    }
    let (abatch, bbatch) = (&ash[..ash.len() - 2], &bsh[..bsh.len() - 2]);
    let batch = broadcast_shapes(&[abatch, bbatch]).map_err(|_| {
        let remap = |orig: &[usize], batch: &[usize]| {
            let mut parts: Vec<String> = batch.iter().map(|d| d.to_string()).collect();
            parts.extend(["newaxis".to_string(), "newaxis".to_string()]);
            format!("{}->({})", shape_string(orig), parts.join(","))
        };
        let requested: Vec<usize> = match (a_vec, b_vec) {
            (false, false) => vec![n, m],
            (true, false) => vec![m],
            (false, true) => vec![n],
            (true, true) => vec![],
        };
        value_error(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape {}",
            remap(&a.shape(), abatch),
            remap(&b.shape(), bbatch),
            shape_string(&requested)
        ))
    })?;
    let dtype = promote(a.dtype(), b.dtype());
    let mut shape = batch.clone();
    if !a_vec {
        shape.push(n);
    }
    if !b_vec {
        shape.push(m);
    }
    if batch.is_empty() {
        return super::matmul_kernels::product(a, b, dtype, (n, k, m), &shape);
    }
    let (result, mut out) = super::result_layout::alloc_with_room(dtype, &shape)?;
    let (av, bv) = (values_as(a, dtype), values_as(b, dtype));
    let count: usize = batch.iter().product();
    let mut index = vec![0usize; batch.len()];
    for _ in 0..count {
        let a0 = batch_offset(&index, abatch, &batch) * n * k;
        let b0 = batch_offset(&index, bbatch, &batch) * k * m;
        for i in 0..n {
            for j in 0..m {
                let xs = (0..k).map(|p| av[a0 + i * k + p]);
                let ys = (0..k).map(|p| bv[b0 + p * m + j]);
                out.push(inner(dtype, xs, ys));
            }
        }
        for ax in (0..batch.len()).rev() {
            index[ax] += 1;
            if index[ax] < batch[ax] {
                break;
            }
            index[ax] = 0;
        }
    }
    super::result_layout::fill(&result, &out);
    Ok(result)
}

/// The position (in matrices) of the operand's matrix for the broadcast
/// batch index `index`.
fn batch_offset(index: &[usize], own: &[usize], batch: &[usize]) -> usize {
    let lead = batch.len() - own.len();
    own.iter().enumerate().fold(0, |acc, (ax, &d)| {
        let i = if d == 1 { 0 } else { index[lead + ax] };
        acc * d + i
    })
}

fn dot_fn(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("dot", &["a", "b", "out"])?;
    let a = convert::to_array(slots[0].as_ref().unwrap_or(&Value::None))?;
    let b = convert::to_array(slots[1].as_ref().unwrap_or(&Value::None))?;
    let product = dot(&a, &b)?;
    match super::args::out_opt(slots[2].as_ref())? {
        Some(out) => {
            if out.dtype() != product.dtype()
                || out.ndim() != product.ndim()
                || !out.is_c_contiguous()
            {
                return Err(value_error("output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)"));
            }
            if out.shape() != product.shape() {
                return Err(value_error("output array has wrong dimensions"));
            }
            if !out.data().writeable {
                return Err(value_error("output array is read-only"));
            }
            super::result_layout::fill(&out, &product.to_scalars());
            Ok(Value::Array(out))
        }
        None => Ok(ufunc_result(product)),
    }
}

/// `np.dot(a, b)`: a product over the last axis of `a` and the
/// second-to-last of `b` (the only one when `b` is 1-d).
pub fn dot(a: &Array, b: &Array) -> PyResult<Array> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return ops::binary(
            BinaryOp::Multiply,
            &Operand::Array(a.clone()),
            &Operand::Array(b.clone()),
            None,
        );
    }
    let (ash, bsh) = (a.shape(), b.shape());
    let k = ash[ash.len() - 1];
    let bk_axis = bsh.len().saturating_sub(2);
    let k2 = bsh[bk_axis];
    if k != k2 {
        return Err(value_error(format!(
            "shapes {} and {} not aligned: {k} (dim {}) != {k2} (dim {bk_axis})",
            shape_string(&ash),
            shape_string(&bsh),
            ash.len() - 1
        )));
    }
    let dtype = promote(a.dtype(), b.dtype());
    let rows: usize = ash[..ash.len() - 1].iter().product();
    let m = if bsh.len() >= 2 {
        bsh[bsh.len() - 1]
    } else {
        1
    };
    let blocks: usize = bsh[..bk_axis].iter().product();
    let mut shape = ash[..ash.len() - 1].to_vec();
    shape.extend_from_slice(&bsh[..bk_axis]);
    if bsh.len() >= 2 {
        shape.push(m);
    }
    let (result, mut out) = super::result_layout::alloc_with_room(dtype, &shape)?;
    let (av, bv) = (values_as(a, dtype), values_as(b, dtype));
    for r in 0..rows {
        for blk in 0..blocks {
            for j in 0..m {
                let xs = (0..k).map(|p| av[r * k + p]);
                let ys = (0..k).map(|p| bv[(blk * k + p) * m + j]);
                out.push(inner(dtype, xs, ys));
            }
        }
    }
    super::result_layout::fill(&result, &out);
    Ok(result)
}
