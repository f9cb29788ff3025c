//! Typed reductions: the dtype is matched once, then `kernels::reduce`
//! loops run over the buffer directly. Cases without a typed loop (complex
//! products and extrema, empty reductions) return `None` and take the
//! element-at-a-time path in `reduce.rs`.

use super::{result_dtype, ReduceOp};
use crate::array::dtype::{DType, Kind};
use crate::array::kernels::binary::Num;
use crate::array::kernels::reduce::{arg_extreme, complex_sum, float_sum, fold, truthy, Plan};
use crate::array::kernels::strided::base_pointer;
use crate::array::kernels::{convert, with_dtype, Bool, Element, C128, C64};
use crate::array::layout::Order;
use crate::array::ndarray::{Array, ArrayData};
use crate::error::PyResult;

/// A new C-ordered array of `shape` holding `values` (of `out`'s type).
fn array_of<A: Element>(shape: &[usize], values: &[A]) -> PyResult<Array> {
    let out = Array::for_overwrite(A::DTYPE, shape, Order::C)?;
    {
        let d = out.data();
        let mut bytes = d.buffer.bytes_mut();
        for (chunk, v) in bytes.chunks_exact_mut(size_of::<A>()).zip(values) {
            // SAFETY: `chunk` holds exactly one element.
            unsafe { A::store(chunk.as_mut_ptr(), *v) };
        }
    }
    Ok(out)
}

/// The reduction computed by typed loops, or `None` when there is none
/// for this dtype and operation.
pub fn reduce(
    op: ReduceOp,
    d: &ArrayData,
    out_dtype: DType,
    plan: &Plan,
    out_shape: &[usize],
) -> PyResult<Option<Array>> {
    if plan.count() == 0 {
        return Ok(None);
    }
    let dtype = d.dtype;
    let bytes = d.buffer.bytes();
    // The kept and reduced axes together cover the array's layout.
    let base = base_pointer(
        bytes.as_ptr() as *mut u8,
        bytes.len(),
        &d.shape,
        &d.strides,
        d.offset,
        dtype.itemsize(),
    )?;
    let n = plan.count() as f64;
    // SAFETY: `base_pointer` checked that every element of the layout lies
    // inside the buffer, and the plan only visits elements of the layout.
    unsafe {
        let out = match op {
            ReduceOp::Sum | ReduceOp::Mean => {
                let acc = if op == ReduceOp::Mean {
                    out_dtype
                } else {
                    result_dtype(ReduceOp::Sum, dtype)
                };
                match acc {
                    DType::Float32 => {
                        let mut v = with_dtype!(dtype, T => float_sum::<T, f32>(plan, base));
                        if op == ReduceOp::Mean {
                            v.iter_mut().for_each(|x| *x = (*x as f64 / n) as f32);
                        }
                        array_of(out_shape, &v)?
                    }
                    DType::Float64 => {
                        let mut v = with_dtype!(dtype, T => float_sum::<T, f64>(plan, base));
                        if op == ReduceOp::Mean {
                            v.iter_mut().for_each(|x| *x /= n);
                        }
                        array_of(out_shape, &v)?
                    }
                    DType::Complex64 => {
                        let v = complex_sum::<f32>(plan, base);
                        let div = |x: f32| {
                            if op == ReduceOp::Mean {
                                (x as f64 / n) as f32
                            } else {
                                x
                            }
                        };
                        let v: Vec<C64> = v
                            .into_iter()
                            .map(|(re, im)| C64 {
                                re: div(re),
                                im: div(im),
                            })
                            .collect();
                        array_of(out_shape, &v)?
                    }
                    DType::Complex128 => {
                        let v = complex_sum::<f64>(plan, base);
                        // NumPy divides by the count as complex division
                        // does: both parts times 1/n.
                        let scale = 1.0 / n;
                        let div = |x: f64| if op == ReduceOp::Mean { x * scale } else { x };
                        let v: Vec<C128> = v
                            .into_iter()
                            .map(|(re, im)| C128 {
                                re: div(re),
                                im: div(im),
                            })
                            .collect();
                        array_of(out_shape, &v)?
                    }
                    DType::Int64 => {
                        let v = with_dtype!(dtype, T => fold::<T, i64>(plan, base, |_| 0, |a, x| a.wrapping_add(convert::<T, i64>(x))));
                        array_of(out_shape, &v)?
                    }
                    DType::UInt64 => {
                        let v = with_dtype!(dtype, T => fold::<T, u64>(plan, base, |_| 0, |a, x| a.wrapping_add(convert::<T, u64>(x))));
                        array_of(out_shape, &v)?
                    }
                    _ => return Ok(None),
                }
            }
            ReduceOp::Prod => match result_dtype(ReduceOp::Prod, dtype) {
                DType::Int64 => {
                    let v = with_dtype!(dtype, T => fold::<T, i64>(plan, base, |_| 1, |a, x| a.wrapping_mul(convert::<T, i64>(x))));
                    array_of(out_shape, &v)?
                }
                DType::UInt64 => {
                    let v = with_dtype!(dtype, T => fold::<T, u64>(plan, base, |_| 1, |a, x| a.wrapping_mul(convert::<T, u64>(x))));
                    array_of(out_shape, &v)?
                }
                DType::Float32 => array_of(
                    out_shape,
                    &fold::<f32, f32>(plan, base, |_| 1.0, |a, x| a * x),
                )?,
                DType::Float64 => array_of(
                    out_shape,
                    &fold::<f64, f64>(plan, base, |_| 1.0, |a, x| a * x),
                )?,
                _ => return Ok(None),
            },
            ReduceOp::Min | ReduceOp::Max => {
                let max = op == ReduceOp::Max;
                macro_rules! extreme {
                    ($t:ty) => {{
                        let v = if max {
                            fold::<$t, $t>(plan, base, |x| x, |a, x| a.np_max(x))
                        } else {
                            fold::<$t, $t>(plan, base, |x| x, |a, x| a.np_min(x))
                        };
                        array_of(out_shape, &v)?
                    }};
                }
                match dtype {
                    DType::Bool => extreme!(Bool),
                    DType::Int8 => extreme!(i8),
                    DType::Int16 => extreme!(i16),
                    DType::Int32 => extreme!(i32),
                    DType::Int64 => extreme!(i64),
                    DType::UInt8 => extreme!(u8),
                    DType::UInt16 => extreme!(u16),
                    DType::UInt32 => extreme!(u32),
                    DType::UInt64 => extreme!(u64),
                    DType::Float32 => extreme!(f32),
                    DType::Float64 => extreme!(f64),
                    DType::Complex64 | DType::Complex128 => return Ok(None),
                }
            }
            ReduceOp::Any => {
                let v = with_dtype!(dtype, T => fold::<T, Bool>(plan, base, |_| Bool(0), |a, x| Bool::new(a.get() | truthy(x))));
                array_of(out_shape, &v)?
            }
            ReduceOp::All => {
                let v = with_dtype!(dtype, T => fold::<T, Bool>(plan, base, |_| Bool(1), |a, x| Bool::new(a.get() & truthy(x))));
                array_of(out_shape, &v)?
            }
            ReduceOp::ArgMin | ReduceOp::ArgMax => {
                let min = op == ReduceOp::ArgMin;
                macro_rules! arg {
                    ($t:ty, $nan:expr) => {{
                        let v = if min {
                            arg_extreme::<$t>(plan, base, $nan, |v, best| v.less(best))
                        } else {
                            arg_extreme::<$t>(plan, base, $nan, |v, best| best.less(v))
                        };
                        array_of(out_shape, &v)?
                    }};
                }
                match dtype.kind() {
                    Kind::Complex => return Ok(None),
                    _ => match dtype {
                        DType::Float32 => arg!(f32, |x: f32| x.is_nan()),
                        DType::Float64 => arg!(f64, |x: f64| x.is_nan()),
                        DType::Bool => arg!(Bool, |_| false),
                        DType::Int8 => arg!(i8, |_| false),
                        DType::Int16 => arg!(i16, |_| false),
                        DType::Int32 => arg!(i32, |_| false),
                        DType::Int64 => arg!(i64, |_| false),
                        DType::UInt8 => arg!(u8, |_| false),
                        DType::UInt16 => arg!(u16, |_| false),
                        DType::UInt32 => arg!(u32, |_| false),
                        DType::UInt64 => arg!(u64, |_| false),
                        _ => return Ok(None),
                    },
                }
            }
        };
        Ok(Some(out))
    }
}
