//! Running sums (`np.cumsum`'s values): along one axis, each lane is
//! accumulated in order in the result dtype, the first element copied as is
//! (so a lone `-0.0` stays `-0.0`, as NumPy's `add.accumulate` does).

use super::arrays::{copy_into, new_result};
use super::strided::{base_pointer, Borrowed};
use super::{Element, C128, C64};
use crate::array::dtype::DType;
use crate::array::layout::{self, Order};
use crate::array::ndarray::{Array, StridedOffsets};
use crate::error::PyResult;
use smallvec::smallvec;

/// Addition as `ops::apply` defines it for each dtype.
pub trait Accumulate: Element {
    fn plus(self, o: Self) -> Self;
}

macro_rules! accumulate_num {
    ($($t:ty),*) => {$(
        impl Accumulate for $t {
            #[inline(always)]
            fn plus(self, o: Self) -> Self {
                super::binary::Num::add(self, o)
            }
        }
    )*};
}
accumulate_num!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, super::Bool);

impl Accumulate for C64 {
    #[inline(always)]
    fn plus(self, o: Self) -> Self {
        C64 {
            re: self.re + o.re,
            im: self.im + o.im,
        }
    }
}

impl Accumulate for C128 {
    #[inline(always)]
    fn plus(self, o: Self) -> Self {
        C128 {
            re: self.re + o.re,
            im: self.im + o.im,
        }
    }
}

/// One lane: `out[i] = out[i-1] + src[i]`, `out[0] = src[0]`.
///
/// # Safety
/// `n` elements at each pointer (with its stride) must be valid.
unsafe fn lane<T: Accumulate>(n: usize, src: *const u8, ss: isize, out: *mut u8, os: isize) {
    if n == 0 {
        return;
    }
    let size = size_of::<T>() as isize;
    let mut acc = T::load(src);
    T::store(out, acc);
    if ss == size && os == size {
        for i in 1..n {
            acc = acc.plus(T::load(src.wrapping_add(i * size as usize)));
            T::store(out.wrapping_add(i * size as usize), acc);
        }
    } else {
        for i in 1..n as isize {
            acc = acc.plus(T::load(src.wrapping_offset(i * ss)));
            T::store(out.wrapping_offset(i * os), acc);
        }
    }
}

/// Running sums of `a` along `axis` (None: over the C-order flattening,
/// giving a 1-d result), accumulated in `dtype` (the caller picks it as
/// NumPy does: `sum`'s result dtype unless `dtype=` is given).
pub fn cumsum(a: &Array, axis: Option<usize>, dtype: DType) -> PyResult<Array> {
    let src = match axis {
        None => {
            let size = a.size();
            let flat = if a.dtype() == dtype && a.is_c_contiguous() {
                a.clone()
            } else {
                a.copy_as(dtype, Order::C)?
            };
            let offset = flat.data().offset;
            flat.view_with(
                dtype,
                smallvec![size],
                smallvec![dtype.itemsize() as isize],
                offset,
            )
        }
        Some(_) if a.dtype() == dtype => a.clone(),
        Some(_) => a.copy_keep_order(dtype)?,
    };
    let axis = axis.unwrap_or(0);
    let (shape, strides) = {
        let d = src.data();
        (d.shape.clone(), d.strides.clone())
    };
    let out = new_result(dtype, &shape, &[&strides], Order::C)?;
    if shape.get(axis).is_none() {
        // A 0-d array has no axis to run along: its one value is copied.
        let s = src.data().strides.clone();
        copy_into(&src, &s, &out)?;
        return Ok(out);
    }
    scan_into(&src, &out, axis, dtype)?;
    Ok(out)
}

/// Writes the running sums of `src` along `axis` into `out` (same shape).
fn scan_into(src: &Array, out: &Array, axis: usize, dtype: DType) -> PyResult<()> {
    let shape = src.shape();
    let (sd, od) = (src.data(), out.data());
    let mut borrowed = Borrowed::new(Some(&od.buffer));
    let (ostart, olen) = borrowed.out();
    let optr = base_pointer(
        ostart,
        olen,
        &od.shape,
        &od.strides,
        od.offset,
        dtype.itemsize(),
    )?;
    let (sstart, slen) = borrowed.input(&sd.buffer);
    let sptr = base_pointer(
        sstart,
        slen,
        &sd.shape,
        &sd.strides,
        sd.offset,
        dtype.itemsize(),
    )?;
    let others: Vec<usize> = (0..shape.len()).filter(|&k| k != axis).collect();
    let lanes_shape: Vec<usize> = others.iter().map(|&k| shape[k]).collect();
    if layout::checked_size(&shape).unwrap_or(0) == 0 {
        return Ok(());
    }
    let src_lanes = StridedOffsets::new(
        &lanes_shape,
        &others.iter().map(|&k| sd.strides[k]).collect::<Vec<_>>(),
        0,
    );
    let out_lanes = StridedOffsets::new(
        &lanes_shape,
        &others.iter().map(|&k| od.strides[k]).collect::<Vec<_>>(),
        0,
    );
    let (n, ss, os) = (shape[axis], sd.strides[axis], od.strides[axis]);
    let run: unsafe fn(usize, *const u8, isize, *mut u8, isize) = match dtype {
        DType::Bool => lane::<super::Bool>,
        DType::Int8 => lane::<i8>,
        DType::Int16 => lane::<i16>,
        DType::Int32 => lane::<i32>,
        DType::Int64 => lane::<i64>,
        DType::UInt8 => lane::<u8>,
        DType::UInt16 => lane::<u16>,
        DType::UInt32 => lane::<u32>,
        DType::UInt64 => lane::<u64>,
        DType::Float32 => lane::<f32>,
        DType::Float64 => lane::<f64>,
        DType::Complex64 => lane::<C64>,
        DType::Complex128 => lane::<C128>,
    };
    for (s_off, o_off) in src_lanes.zip(out_lanes) {
        // SAFETY: both layouts were checked against their buffers; `out` is
        // a new array, so it does not overlap `src`.
        unsafe {
            run(
                n,
                sptr.wrapping_add(s_off),
                ss,
                optr.wrapping_add(o_off),
                os,
            )
        };
    }
    Ok(())
}
