//! Fast kernels for 2-d matrix products: float products through `gemm`
//! (blocked, vectorised, the processor's SIMD chosen at run time;
//! single-threaded), bool and integer products as an exact typed loop,
//! complex products element by element. `linalg.rs` decides when they apply.

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::kernels::binary::Num;
use crate::array::kernels::{Bool, Element};
use crate::array::layout::Order;
use crate::array::ops::{apply, BinaryOp};
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::PyResult;

/// `a @ b` for an `(n, k)` and a `(k, m)` matrix (1-d operands already
/// counted as a row or column), computed in `dtype`, shaped `shape`.
pub fn product(
    a: &Array,
    b: &Array,
    dtype: DType,
    dims: (usize, usize, usize),
    shape: &[usize],
) -> PyResult<Array> {
    match dtype {
        DType::Float32 | DType::Float64 => float_product(a, b, dtype, dims, shape),
        DType::Complex64 | DType::Complex128 => scalar_product(a, b, dtype, dims, shape),
        DType::Bool => exact_product::<Bool>(a, b, dtype, dims, shape),
        DType::Int8 => exact_product::<i8>(a, b, dtype, dims, shape),
        DType::Int16 => exact_product::<i16>(a, b, dtype, dims, shape),
        DType::Int32 => exact_product::<i32>(a, b, dtype, dims, shape),
        DType::Int64 => exact_product::<i64>(a, b, dtype, dims, shape),
        DType::UInt8 => exact_product::<u8>(a, b, dtype, dims, shape),
        DType::UInt16 => exact_product::<u16>(a, b, dtype, dims, shape),
        DType::UInt32 => exact_product::<u32>(a, b, dtype, dims, shape),
        DType::UInt64 => exact_product::<u64>(a, b, dtype, dims, shape),
    }
}

/// `a` as a C-contiguous array of `dtype` (itself when it already is one).
fn contiguous(a: &Array, dtype: DType) -> PyResult<Array> {
    if a.dtype() == dtype && a.is_c_contiguous() {
        Ok(a.clone())
    } else {
        a.copy_as(dtype, Order::C)
    }
}

/// Float products through a blocked, vectorised matrix multiply.
fn float_product(
    a: &Array,
    b: &Array,
    dtype: DType,
    (n, k, m): (usize, usize, usize),
    shape: &[usize],
) -> PyResult<Array> {
    let (a, b) = (contiguous(a, dtype)?, contiguous(b, dtype)?);
    if k == 0 {
        return Array::zeros(dtype, shape, Order::C);
    }
    let out = Array::for_overwrite(dtype, shape, Order::C)?;
    if !gemm_into(&a, &b, &out, dtype, (n, k, m)) {
        return scalar_product(&a, &b, dtype, (n, k, m), shape);
    }
    Ok(out)
}

/// `out = a @ b` for C-contiguous float matrices; false (and nothing
/// written) when a buffer is too short or misaligned for the element type.
fn gemm_into(
    a: &Array,
    b: &Array,
    out: &Array,
    dtype: DType,
    (n, k, m): (usize, usize, usize),
) -> bool {
    let (ad, bd, od) = (a.data(), b.data(), out.data());
    let (abytes, bbytes) = (ad.buffer.bytes(), bd.buffer.bytes());
    let mut obytes = od.buffer.bytes_mut();
    let item = dtype.itemsize();
    let fits = |len: usize, offset: usize, count: usize| {
        count
            .checked_mul(item)
            .and_then(|b| b.checked_add(offset))
            .is_some_and(|end| end <= len)
    };
    let aligned = |p: *const u8| (p as usize).is_multiple_of(item);
    let (pa, pb, pc) = (
        abytes.as_ptr().wrapping_add(ad.offset),
        bbytes.as_ptr().wrapping_add(bd.offset),
        obytes.as_mut_ptr(),
    );
    if !(fits(abytes.len(), ad.offset, n * k)
        && fits(bbytes.len(), bd.offset, k * m)
        && fits(obytes.len(), 0, n * m)
        && aligned(pa)
        && aligned(pb)
        && aligned(pc))
    {
        return false;
    }
    // SAFETY: the operands are C-contiguous (n, k) and (k, m) matrices and
    // the output an (n, m) one, all inside their buffers and aligned for
    // their element type (checked above); the output is a new buffer.
    unsafe {
        // Row-major operands: column stride 1, row stride the row length.
        // `gemm` computes dst = alpha * dst + beta * lhs @ rhs; with
        // `read_dst` false, dst is only written.
        if dtype == DType::Float64 {
            row_major_gemm::<f64>((n, k, m), pa.cast(), pb.cast(), pc.cast(), 0.0, 1.0);
        } else {
            row_major_gemm::<f32>((n, k, m), pa.cast(), pb.cast(), pc.cast(), 0.0, 1.0);
        }
    }
    true
}

/// `c = a @ b` for row-major `(n, k)` and `(k, m)` matrices of `T`;
/// `zero`/`one` are `T`'s 0 and 1 (gemm's alpha and beta).
///
/// # Safety
/// The pointers must address such matrices, aligned for `T`, with `c` not
/// overlapping `a` or `b`.
unsafe fn row_major_gemm<T: 'static>(
    (n, k, m): (usize, usize, usize),
    a: *const T,
    b: *const T,
    c: *mut T,
    zero: T,
    one: T,
) {
    let (k_i, m_i) = (k as isize, m as isize);
    gemm::gemm::<T>(
        n,
        m,
        k,
        c,
        1,
        m_i,
        false,
        a,
        1,
        k_i,
        b,
        1,
        m_i,
        zero,
        one,
        false,
        false,
        false,
        gemm::Parallelism::None,
    );
}

/// Bool and integer products, exact: wrapping sums of wrapping products
/// (bool: or of ands), in the `i, p, j` order that streams both operands.
fn exact_product<T: Num + Element>(
    a: &Array,
    b: &Array,
    dtype: DType,
    (n, k, m): (usize, usize, usize),
    shape: &[usize],
) -> PyResult<Array> {
    let read = |x: &Array| -> PyResult<Vec<T>> {
        let x = contiguous(x, dtype)?;
        let d = x.data();
        let bytes = d.buffer.bytes();
        let size = d.shape.iter().product::<usize>();
        Ok((0..size)
            .map(|i| {
                let at = d.offset + i * size_of::<T>();
                match bytes.get(at..at + size_of::<T>()) {
                    // SAFETY: the slice holds exactly one element.
                    Some(raw) => unsafe { T::load(raw.as_ptr()) },
                    None => T::from_scalar(Scalar::Int(0)),
                }
            })
            .collect())
    };
    let (av, bv) = (read(a)?, read(b)?);
    let zero = T::from_scalar(crate::array::element::cast(Scalar::Int(0), dtype));
    let mut c = vec![zero; n * m];
    for i in 0..n {
        let row = &mut c[i * m..(i + 1) * m];
        for p in 0..k {
            let x = av[i * k + p];
            for (acc, &y) in row.iter_mut().zip(&bv[p * m..(p + 1) * m]) {
                *acc = acc.add(x.mul(y));
            }
        }
    }
    let out = Array::for_overwrite(dtype, shape, Order::C)?;
    {
        let d = out.data();
        let mut bytes = d.buffer.bytes_mut();
        for (chunk, v) in bytes.chunks_exact_mut(size_of::<T>()).zip(&c) {
            // SAFETY: the chunk holds exactly one element.
            unsafe { T::store(chunk.as_mut_ptr(), *v) };
        }
    }
    Ok(out)
}

/// The element-at-a-time product (complex dtypes).
fn scalar_product(
    a: &Array,
    b: &Array,
    dtype: DType,
    (n, k, m): (usize, usize, usize),
    shape: &[usize],
) -> PyResult<Array> {
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
    Array::from_scalars(dtype, shape, &out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smallvec::smallvec;

    fn array(dtype: DType, shape: &[usize], f: impl Fn(usize) -> f64) -> Array {
        let n: usize = shape.iter().product();
        let values: Vec<Scalar> = (0..n).map(|i| Scalar::Float(f(i))).collect();
        Array::from_scalars(dtype, shape, &values).unwrap()
    }

    fn product(a: &Array, b: &Array) -> Array {
        crate::numpy::linalg::matmul_arrays(a, b).unwrap()
    }

    #[test]
    fn float_products_match_the_definition() {
        let (n, k, m) = (37, 53, 29);
        for dtype in [DType::Float32, DType::Float64] {
            let a = array(dtype, &[n, k], |i| ((i * 7) % 11) as f64 - 5.0);
            let b = array(dtype, &[k, m], |i| ((i * 3) % 13) as f64 * 0.5);
            // A transposed (non-contiguous) operand too.
            let bt = array(dtype, &[m, k], |i| {
                (((i % k) * m + i / k) * 3 % 13) as f64 * 0.5
            });
            let bt = bt.view_with(
                dtype,
                smallvec![k, m],
                smallvec![dtype.itemsize() as isize, (k * dtype.itemsize()) as isize],
                0,
            );
            let want = scalar_product(&a, &b, dtype, (n, k, m), &[n, m])
                .unwrap()
                .to_scalars();
            for c in [product(&a, &b), product(&a, &bt)] {
                assert_eq!(c.dtype(), dtype);
                // Small integers and halves: every sum is exact.
                assert_eq!(c.to_scalars(), want);
            }
        }
    }

    #[test]
    fn integer_products_are_exact() {
        let (n, k, m) = (5, 7, 3);
        for dtype in [DType::Int8, DType::Int64, DType::UInt16, DType::Bool] {
            let a = array(dtype, &[n, k], |i| (i * 37 % 200) as f64);
            let b = array(dtype, &[k, m], |i| (i * 11 % 90) as f64);
            let want = scalar_product(&a, &b, dtype, (n, k, m), &[n, m])
                .unwrap()
                .to_scalars();
            assert_eq!(product(&a, &b).to_scalars(), want, "{dtype}");
        }
    }
}
