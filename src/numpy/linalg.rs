//! Matrix products: `@`, `np.dot`, `np.matmul`.

use crate::array::element;
use crate::array::ops::{apply, BinaryOp};
use crate::array::promote::promote;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{value_error, PyResult};
use crate::interp::convert::{self, ufunc_result};
use crate::interp::{Args, Interp, Value};

pub fn function(name: &str) -> Option<Value> {
    match name {
        "matmul" => Some(Value::builtin("matmul", matmul_fn)),
        "dot" => Some(Value::builtin("dot", matmul_fn)),
        _ => None,
    }
}

fn matmul_fn(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    let slots = args.bind("matmul", &["a", "b"])?;
    matmul(
        slots[0].as_ref().unwrap_or(&Value::None),
        slots[1].as_ref().unwrap_or(&Value::None),
    )
}

/// `a @ b` for 1-d and 2-d operands.
pub fn matmul(l: &Value, r: &Value) -> PyResult<Value> {
    let a = convert::to_array(l)?;
    let b = convert::to_array(r)?;
    let (ash, bsh) = (a.shape(), b.shape());
    if ash.is_empty() || bsh.is_empty() {
        return Err(value_error("matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"));
    }
    let (n, k) = if ash.len() == 1 {
        (1, ash[0])
    } else {
        (ash[0], ash[1])
    };
    let (k2, m) = if bsh.len() == 1 {
        (bsh[0], 1)
    } else {
        (bsh[0], bsh[1])
    };
    if ash.len() > 2 || bsh.len() > 2 {
        return Err(crate::error::not_implemented(
            "matmul of stacks of matrices is not supported",
        ));
    }
    if k != k2 {
        return Err(value_error(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k})"
        )));
    }
    let dtype = promote(a.dtype(), b.dtype());
    let av: Vec<Scalar> = a
        .to_scalars()
        .into_iter()
        .map(|v| element::cast(v, dtype))
        .collect();
    let bv: Vec<Scalar> = b
        .to_scalars()
        .into_iter()
        .map(|v| element::cast(v, dtype))
        .collect();
    let mut out = Vec::with_capacity(n * m);
    for i in 0..n {
        for j in 0..m {
            let mut acc = element::cast(Scalar::Int(0), dtype);
            for p in 0..k {
                let prod = apply(BinaryOp::Multiply, dtype, av[i * k + p], bv[p * m + j]);
                acc = apply(BinaryOp::Add, dtype, acc, prod);
            }
            out.push(acc);
        }
    }
    let shape: Vec<usize> = match (ash.len(), bsh.len()) {
        (1, 1) => vec![],
        (1, _) => vec![m],
        (_, 1) => vec![n],
        _ => vec![n, m],
    };
    Ok(ufunc_result(Array::from_scalars(dtype, &shape, &out)?))
}
