//! Running a ufunc loop over whole arrays: operands broadcast to the output,
//! inputs of another dtype converted block by block into scratch space (as
//! NumPy's buffered iterator does, so no full-size temporary is made),
//! results converted into an output of another dtype the same way.

use super::binary::binary_fn;
use super::cast::cast_fn;
use super::stream;
use super::strided::{base_pointer, for_each, Borrowed};
use super::unary::unary_fn;
use super::{with_dtype, Element, MAX_ITEMSIZE};
use crate::array::dtype::DType;
use crate::array::element;
use crate::array::layout::broadcast_strides;
use crate::array::ndarray::Array;
use crate::array::ops::{BinaryOp, UnaryOp};
use crate::array::scalar::Scalar;
use crate::error::{value_error, PyResult};

/// Elements converted per block when an operand needs a cast.
const BLOCK: usize = 1024;
/// Scratch slots (of the largest element size) per streamed block.
const STREAM_BLOCK: usize = 256;

/// An input of a loop.
pub enum Input<'a> {
    /// An array, broadcast to the output's shape.
    Array(&'a Array),
    /// A Python scalar, already in the loop dtype.
    Value(Scalar),
}

/// A read position: base pointer, strides over the output's shape, dtype.
struct Source {
    ptr: *mut u8,
    strides: Vec<isize>,
    dtype: DType,
}

/// The bytes of `v` as an element of `dtype`.
fn value_bytes(v: Scalar, dtype: DType) -> [u8; MAX_ITEMSIZE] {
    let mut raw = [0u8; MAX_ITEMSIZE];
    with_dtype!(dtype, T => {
        let x = T::from_scalar(element::cast(v, T::DTYPE));
        // SAFETY: `raw` has room for any element.
        unsafe { T::store(raw.as_mut_ptr(), x) };
    });
    raw
}

/// Inputs that share memory with `out` in a way an element-by-element loop
/// would trip over are copied first (NumPy's overlap rule).
fn separate<'a>(inputs: &[Input<'a>], out: &Array) -> PyResult<Vec<Option<Array>>> {
    let shape = out.shape();
    let mut copies = Vec::with_capacity(inputs.len());
    for input in inputs {
        let copy = match input {
            Input::Array(a) => {
                let conflict = {
                    let (o, d) = (out.data(), a.data());
                    let strides = broadcast_strides(&d.shape, &d.strides, &shape)
                        .ok_or_else(|| value_error("operands could not be broadcast"))?;
                    super::arrays::conflicts(&o, &d, &strides)
                };
                if conflict {
                    Some(a.copy()?)
                } else {
                    None
                }
            }
            Input::Value(_) => None,
        };
        copies.push(copy);
    }
    Ok(copies)
}

/// `out = op(a, b)` computed in `loop_dtype` (inputs converted to it, the
/// result converted to `out`'s dtype).
pub fn run_binary(
    op: BinaryOp,
    loop_dtype: DType,
    inputs: [Input; 2],
    out: &Array,
) -> PyResult<()> {
    if flat_binary(op, loop_dtype, &inputs, out)? {
        return Ok(());
    }
    let copies = separate(&inputs, out)?;
    let arrays: Vec<Option<&Array>> = inputs
        .iter()
        .zip(&copies)
        .map(|(input, copy)| match (input, copy) {
            (_, Some(c)) => Some(c),
            (Input::Array(a), None) => Some(*a),
            (Input::Value(_), None) => None,
        })
        .collect();
    let values: Vec<[u8; MAX_ITEMSIZE]> = inputs
        .iter()
        .map(|input| match input {
            Input::Value(v) => value_bytes(*v, loop_dtype),
            Input::Array(_) => [0; MAX_ITEMSIZE],
        })
        .collect();
    let result_dtype = if op.is_comparison() {
        DType::Bool
    } else {
        loop_dtype
    };
    let o = out.data();
    let datas: Vec<Option<std::cell::Ref<'_, crate::array::ArrayData>>> =
        arrays.iter().map(|a| a.map(|a| a.data())).collect();
    let mut borrowed = Borrowed::new(Some(&o.buffer));
    let (out_start, out_len) = borrowed.out();
    let itemsize = o.dtype.itemsize();
    let out_ptr = base_pointer(out_start, out_len, &o.shape, &o.strides, o.offset, itemsize)?;
    let mut sources = Vec::with_capacity(2);
    for (k, d) in datas.iter().enumerate() {
        sources.push(match d {
            Some(d) => {
                let (start, len) = borrowed.input(&d.buffer);
                let strides = broadcast_strides(&d.shape, &d.strides, &o.shape)
                    .ok_or_else(|| value_error("operands could not be broadcast"))?;
                let ptr = base_pointer(
                    start,
                    len,
                    &d.shape,
                    &d.strides,
                    d.offset,
                    d.dtype.itemsize(),
                )?;
                Source {
                    ptr,
                    strides,
                    dtype: d.dtype,
                }
            }
            None => Source {
                ptr: values[k].as_ptr() as *mut u8,
                strides: vec![0; o.shape.len()],
                dtype: loop_dtype,
            },
        });
    }
    let kernel = binary_fn(op, loop_dtype);
    let casts: Vec<Option<_>> = sources
        .iter()
        .map(|s| (s.dtype != loop_dtype).then(|| cast_fn(s.dtype, loop_dtype)))
        .collect();
    let out_cast = (o.dtype != result_dtype).then(|| cast_fn(result_dtype, o.dtype));
    let direct = casts.iter().all(Option::is_none) && out_cast.is_none();
    let strides = [
        o.strides.as_slice(),
        sources[0].strides.as_slice(),
        sources[1].strides.as_slice(),
    ];
    let ptrs = [out_ptr, sources[0].ptr, sources[1].ptr];
    // SAFETY: every layout was checked against its buffer by `base_pointer`;
    // inputs overlapping the output were copied by `separate`.
    unsafe {
        let out_bytes = o.shape.iter().product::<usize>() * itemsize;
        let aliased = datas
            .iter()
            .flatten()
            .any(|d| std::rc::Rc::ptr_eq(&d.buffer, &o.buffer));
        if direct && (out_bytes < stream::MIN_BYTES || aliased) {
            for_each(&o.shape, strides, ptrs, |p, n, s| kernel(n, p, s, op));
            return Ok(());
        }
        if direct {
            // A large new result: computed block by block into cached
            // scratch, then streamed out (see `stream`).
            let mut scratch = vec![[0u8; MAX_ITEMSIZE]; STREAM_BLOCK];
            let tmp = scratch.as_mut_ptr() as *mut u8;
            for_each(&o.shape, strides, ptrs, |p, n, s| {
                if s[0] != itemsize as isize {
                    return kernel(n, p, s, op);
                }
                super::strided::blocks(
                    p,
                    n,
                    s,
                    STREAM_BLOCK * MAX_ITEMSIZE / itemsize,
                    |p, len| {
                        kernel(len, [tmp, p[1], p[2]], s, op);
                        stream::copy(p[0], tmp, len * itemsize);
                    },
                );
            });
            stream::fence();
            return Ok(());
        }
        let loop_size = loop_dtype.itemsize() as isize;
        let result_size = result_dtype.itemsize() as isize;
        let mut scratch = vec![[0u8; MAX_ITEMSIZE]; 3 * BLOCK];
        let base = scratch.as_mut_ptr() as *mut u8;
        let slot = |k: usize| base.wrapping_add(k * BLOCK * MAX_ITEMSIZE);
        for_each(&o.shape, strides, ptrs, |p, n, s| {
            super::strided::blocks(p, n, s, BLOCK, |p, len| {
                let mut q = p;
                let mut qs = s;
                for k in 0..2 {
                    if let Some(cast) = casts[k] {
                        cast(len, p[k + 1], s[k + 1], slot(k + 1), loop_size);
                        q[k + 1] = slot(k + 1);
                        qs[k + 1] = loop_size;
                    }
                }
                if let Some(cast) = out_cast {
                    kernel(len, [slot(0), q[1], q[2]], [result_size, qs[1], qs[2]], op);
                    cast(len, slot(0), result_size, p[0], s[0]);
                } else {
                    kernel(len, q, qs, op);
                }
            });
        });
    }
    Ok(())
}

/// The common case without any planning: a C-contiguous output of at most
/// `stream::MIN_BYTES`, and inputs that are C-contiguous arrays of its shape
/// in the loop dtype (in another buffer, or exactly the output's layout) or
/// Python scalars. One loop over all elements; false when the case does not
/// apply.
fn flat_binary(
    op: BinaryOp,
    loop_dtype: DType,
    inputs: &[Input; 2],
    out: &Array,
) -> PyResult<bool> {
    let result_dtype = if op.is_comparison() {
        DType::Bool
    } else {
        loop_dtype
    };
    let o = out.data();
    let itemsize = o.dtype.itemsize();
    let size: usize = o.shape.iter().product();
    if o.dtype != result_dtype
        || size.saturating_mul(itemsize) >= stream::MIN_BYTES
        || !crate::array::layout::is_c_contiguous(&o.shape, &o.strides, itemsize)
    {
        return Ok(false);
    }
    for input in inputs {
        if let Input::Array(a) = input {
            let d = a.data();
            let fits = d.dtype == loop_dtype
                && d.shape == o.shape
                && crate::array::layout::is_c_contiguous(&d.shape, &d.strides, d.dtype.itemsize())
                && (!std::rc::Rc::ptr_eq(&d.buffer, &o.buffer)
                    || (d.offset == o.offset && d.dtype.itemsize() == itemsize));
            if !fits {
                return Ok(false);
            }
        }
    }
    let values: [[u8; MAX_ITEMSIZE]; 2] = std::array::from_fn(|k| match inputs[k] {
        Input::Value(v) => value_bytes(v, loop_dtype),
        Input::Array(_) => [0; MAX_ITEMSIZE],
    });
    let datas: [Option<std::cell::Ref<'_, crate::array::ArrayData>>; 2] =
        std::array::from_fn(|k| match &inputs[k] {
            Input::Array(a) => Some(a.data()),
            Input::Value(_) => None,
        });
    let mut borrowed = Borrowed::new(Some(&o.buffer));
    let (start, len) = borrowed.out();
    let out_ptr = base_pointer(start, len, &o.shape, &o.strides, o.offset, itemsize)?;
    let mut ptrs = [out_ptr, std::ptr::null_mut(), std::ptr::null_mut()];
    let mut strides = [itemsize as isize, 0, 0];
    for k in 0..2 {
        match &datas[k] {
            Some(d) => {
                let (start, len) = borrowed.input(&d.buffer);
                ptrs[k + 1] = base_pointer(
                    start,
                    len,
                    &d.shape,
                    &d.strides,
                    d.offset,
                    d.dtype.itemsize(),
                )?;
                strides[k + 1] = d.dtype.itemsize() as isize;
            }
            None => ptrs[k + 1] = values[k].as_ptr() as *mut u8,
        }
    }
    let kernel = binary_fn(op, loop_dtype);
    // SAFETY: all layouts were checked against their buffers; they are
    // contiguous runs of `size` elements (or one scalar with stride 0), and
    // an input in the output's buffer is the output itself.
    unsafe { kernel(size, ptrs, strides, op) };
    Ok(true)
}

/// `out = op(a)` (`out` of the loop's output dtype and `a`'s shape).
pub fn run_unary(op: UnaryOp, a: &Array, out: &Array) -> PyResult<()> {
    let o = out.data();
    let d = a.data();
    let mut borrowed = Borrowed::new(Some(&o.buffer));
    let (out_start, out_len) = borrowed.out();
    let out_ptr = base_pointer(
        out_start,
        out_len,
        &o.shape,
        &o.strides,
        o.offset,
        o.dtype.itemsize(),
    )?;
    let (start, len) = borrowed.input(&d.buffer);
    let in_ptr = base_pointer(
        start,
        len,
        &d.shape,
        &d.strides,
        d.offset,
        d.dtype.itemsize(),
    )?;
    let kernel = unary_fn(d.dtype);
    // SAFETY: both layouts were checked against their buffers; `out` is a
    // new array, so it cannot overlap `a`.
    unsafe {
        for_each(
            &o.shape,
            [&o.strides, &d.strides],
            [out_ptr, in_ptr],
            |p, n, s| kernel(n, p, s, op),
        );
    }
    Ok(())
}

/// `f` applied to every element of `a` computed in `dtype` (a float dtype,
/// or an integer dtype for floor/ceil/trunc/rint of integers): each element
/// is converted to `dtype`, widened to f64, passed through `f`, and the
/// result converted back to `dtype`, as `np.sqrt`-style ufuncs define it.
/// The result is laid out in NumPy's order K.
pub fn map_f64(a: &Array, dtype: DType, f: fn(f64) -> f64) -> PyResult<Array> {
    let (shape, strides) = {
        let d = a.data();
        (d.shape.clone(), d.strides.clone())
    };
    let out =
        super::arrays::new_result(dtype, &shape, &[&strides], crate::array::layout::Order::C)?;
    {
        let (o, d) = (out.data(), a.data());
        let mut borrowed = Borrowed::new(Some(&o.buffer));
        let (ostart, olen) = borrowed.out();
        let optr = base_pointer(
            ostart,
            olen,
            &o.shape,
            &o.strides,
            o.offset,
            dtype.itemsize(),
        )?;
        let (istart, ilen) = borrowed.input(&d.buffer);
        let iptr = base_pointer(
            istart,
            ilen,
            &d.shape,
            &d.strides,
            d.offset,
            d.dtype.itemsize(),
        )?;
        // SAFETY: both layouts were checked against their buffers; `out`
        // is a new array.
        unsafe {
            with_dtype!(d.dtype, T => with_dtype!(dtype, U => {
                for_each(&o.shape, [&o.strides, &d.strides], [optr, iptr], |p, n, s| {
                    let (mut q, mut r) = (p[0], p[1]);
                    for _ in 0..n {
                        let x = element::cast(super::convert::<T, U>(T::load(r)).to_scalar(), DType::Float64);
                        let y = f(match x { Scalar::Float(v) => v, _ => 0.0 });
                        U::store(q, U::from_scalar(element::cast(Scalar::Float(y), U::DTYPE)));
                        q = q.wrapping_offset(s[0]);
                        r = r.wrapping_offset(s[1]);
                    }
                });
            }));
        }
    }
    Ok(out)
}
