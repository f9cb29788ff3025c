//! The array object: a layout (dtype, shape, strides, offset) over a shared
//! buffer, with NumPy's `base` and flags.
//!
//! Invariants:
//! - every element address `offset + sum(i_k * strides[k])` for in-range
//!   indices lies inside the buffer (checked where views are made);
//! - `base` is `None` for arrays that own their buffer and otherwise the
//!   array object NumPy would report as `.base`: chains of views collapse to
//!   the array that owns the data;
//! - a view never copies elements: making one costs O(ndim).

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use super::buffer::{alloc_error_message, Buffer};
use super::dtype::DType;
use super::element;
use super::kernels;
use super::layout::{self, Dims, Order, Strides};
use super::scalar::Scalar;
use crate::error::{PyErr, PyResult};

/// Layout and flags of one array object.
#[derive(Clone, Debug)]
pub struct ArrayData {
    pub buffer: Rc<Buffer>,
    pub dtype: DType,
    pub shape: Dims,
    /// Byte strides, one per axis (may be negative or zero).
    pub strides: Strides,
    /// Byte offset of element `[0, 0, ...]` in the buffer.
    pub offset: usize,
    pub base: Option<Array>,
    pub writeable: bool,
    pub owndata: bool,
    /// NumPy's WARN_ON_WRITE (results of `broadcast_arrays`): the array is
    /// writeable, NumPy warns on the first write and then drops the flag.
    pub warn_on_write: bool,
    /// This object stands for NumPy's internal `DummyArray` (the base of an
    /// `as_strided` result), which is not an ndarray: views stop collapsing
    /// before it and it offers no writable buffer to re-enable WRITEABLE.
    pub stand_in: bool,
}

/// A reference to an array object; clones share the object (Python identity).
#[derive(Clone, Debug)]
pub struct Array(Rc<ArrayObject>);

/// One array object: its layout, and a note other layers attach to it.
#[derive(Debug)]
struct ArrayObject {
    data: RefCell<ArrayData>,
    /// Lives and dies with the object, so a side record about it (the
    /// report's provenance) costs no table, no weak reference and no sweep.
    note: RefCell<Option<Note>>,
}

/// Information attached to one array object by a layer above the arrays.
/// `owner` tells whose note it is: a note left by another (or an older)
/// owner is not that owner's to read.
#[derive(Clone)]
pub struct Note {
    pub owner: u64,
    pub value: Rc<dyn std::any::Any>,
}

impl std::fmt::Debug for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Note(owner {})", self.owner)
    }
}

impl Array {
    pub fn from_data(data: ArrayData) -> Array {
        Array(Rc::new(ArrayObject {
            data: RefCell::new(data),
            note: RefCell::new(None),
        }))
    }

    /// The note attached to this object, if any.
    pub fn note(&self) -> Option<Note> {
        self.0.note.borrow().clone()
    }

    /// Whether this object's note is `owner`'s and holds the very value at
    /// `value` (compared by address, without cloning the note).
    #[inline]
    pub fn note_is(&self, owner: u64, value: *const ()) -> bool {
        match &*self.0.note.borrow() {
            Some(note) => note.owner == owner && Rc::as_ptr(&note.value) as *const () == value,
            None => false,
        }
    }

    /// Attaches `note` to this object, replacing any older one.
    #[inline]
    pub fn set_note(&self, note: Note) {
        *self.0.note.borrow_mut() = Some(note);
    }

    /// A new zero-filled array that owns its buffer.
    pub fn zeros(dtype: DType, shape: &[usize], order: Order) -> PyResult<Array> {
        let strides = Self::strides_for(dtype, shape, order)?;
        Self::allocate(dtype, shape, strides, Buffer::zeroed)
    }

    /// A new array whose every element the caller will write before it is
    /// read (results of ufuncs, copies): its buffer may be reused memory.
    pub fn for_overwrite(dtype: DType, shape: &[usize], order: Order) -> PyResult<Array> {
        let strides = Self::strides_for(dtype, shape, order)?;
        Self::allocate(dtype, shape, strides, Buffer::for_overwrite)
    }

    /// `for_overwrite` with explicit dense strides (a permutation of C
    /// strides, all positive, as `kernels::arrays::order_k_strides` gives).
    pub fn for_overwrite_strided(
        dtype: DType,
        shape: &[usize],
        strides: Vec<isize>,
    ) -> PyResult<Array> {
        Self::nbytes_for(dtype, shape)?;
        Self::allocate(dtype, shape, strides, Buffer::for_overwrite)
    }

    /// The byte count of an array, or NumPy's MemoryError.
    fn nbytes_for(dtype: DType, shape: &[usize]) -> PyResult<usize> {
        let size = layout::checked_size(shape);
        let nbytes = size.and_then(|n| n.checked_mul(dtype.itemsize()));
        match nbytes {
            Some(n) if n <= isize::MAX as usize => Ok(n),
            _ => Err(memory_error(shape, dtype, None)),
        }
    }

    fn strides_for(dtype: DType, shape: &[usize], order: Order) -> PyResult<Vec<isize>> {
        Self::nbytes_for(dtype, shape)?;
        layout::allocation_strides(shape, dtype.itemsize(), order)
            .ok_or_else(|| memory_error(shape, dtype, None))
    }

    fn allocate(
        dtype: DType,
        shape: &[usize],
        strides: Vec<isize>,
        alloc: fn(usize) -> Result<Rc<Buffer>, super::buffer::AllocError>,
    ) -> PyResult<Array> {
        let nbytes = Self::nbytes_for(dtype, shape)?;
        let buffer = alloc(nbytes).map_err(|e| memory_error(shape, dtype, Some(e.nbytes)))?;
        Ok(Array::from_data(ArrayData {
            buffer,
            dtype,
            shape: Dims::from_slice(shape),
            strides: strides.into(),
            offset: 0,
            base: None,
            writeable: true,
            owndata: true,
            warn_on_write: false,
            stand_in: false,
        }))
    }

    /// A new array of `shape` with every element `value` (converted to
    /// `dtype`), in C or F order.
    pub fn full(dtype: DType, shape: &[usize], order: Order, value: Scalar) -> PyResult<Array> {
        let out = Array::for_overwrite(dtype, shape, order)?;
        {
            let data = out.data();
            let mut bytes = data.buffer.bytes_mut();
            kernels::with_dtype!(dtype, T => {
                use kernels::Element;
                let x = T::from_scalar(element::cast(value, T::DTYPE));
                for chunk in bytes.chunks_exact_mut(size_of::<T>()) {
                    // SAFETY: `chunk` holds exactly one element.
                    unsafe { T::store(chunk.as_mut_ptr(), x) };
                }
            });
        }
        Ok(out)
    }

    /// A new C-ordered array holding `values` (converted to `dtype`).
    pub fn from_scalars(dtype: DType, shape: &[usize], values: &[Scalar]) -> PyResult<Array> {
        Self::from_scalar_iter(dtype, shape, values.iter().copied())
    }

    /// A new C-ordered array filled from `values` (converted to `dtype`)
    /// without collecting them first; missing values are zero.
    pub fn from_scalar_iter(
        dtype: DType,
        shape: &[usize],
        values: impl IntoIterator<Item = Scalar>,
    ) -> PyResult<Array> {
        let out = Array::zeros(dtype, shape, Order::C)?;
        {
            let data = out.data();
            let mut bytes = data.buffer.bytes_mut();
            kernels::with_dtype!(dtype, T => {
                use kernels::Element;
                for (chunk, v) in bytes.chunks_exact_mut(size_of::<T>()).zip(values) {
                    let x = T::from_scalar(element::cast(v, T::DTYPE));
                    // SAFETY: `chunk` holds exactly one element.
                    unsafe { T::store(chunk.as_mut_ptr(), x) };
                }
            });
        }
        Ok(out)
    }

    pub fn data(&self) -> Ref<'_, ArrayData> {
        self.0.data.borrow()
    }

    pub fn data_mut(&self) -> std::cell::RefMut<'_, ArrayData> {
        self.0.data.borrow_mut()
    }

    /// Python's `is`.
    pub fn same_object(&self, other: &Array) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// A stable key for this object while it is alive.
    pub fn object_id(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    /// How many references to this object exist (for `resize`'s check).
    pub fn ref_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }

    /// A reference that does not keep the object alive (for side tables).
    pub fn downgrade(&self) -> WeakArray {
        WeakArray(Rc::downgrade(&self.0))
    }

    pub fn dtype(&self) -> DType {
        self.data().dtype
    }

    pub fn shape(&self) -> Vec<usize> {
        self.data().shape.to_vec()
    }

    pub fn ndim(&self) -> usize {
        self.data().shape.len()
    }

    pub fn size(&self) -> usize {
        self.data().shape.iter().product()
    }

    pub fn buffer(&self) -> Rc<Buffer> {
        self.data().buffer.clone()
    }

    pub fn base(&self) -> Option<Array> {
        self.data().base.clone()
    }

    pub fn is_c_contiguous(&self) -> bool {
        let d = self.data();
        layout::is_c_contiguous(&d.shape, &d.strides, d.dtype.itemsize())
    }

    pub fn is_f_contiguous(&self) -> bool {
        let d = self.data();
        layout::is_f_contiguous(&d.shape, &d.strides, d.dtype.itemsize())
    }

    /// A view of this array's memory with a new layout. The caller
    /// guarantees the layout stays inside the buffer.
    pub fn view_with(&self, dtype: DType, shape: Dims, strides: Strides, offset: usize) -> Array {
        Array::from_data(self.view_data(dtype, shape, strides, offset))
    }

    /// The layout and flags of a view of `self` (what `view_with` puts in
    /// a new object).
    #[inline]
    pub fn view_data(
        &self,
        dtype: DType,
        shape: Dims,
        strides: Strides,
        offset: usize,
    ) -> ArrayData {
        let d = self.data();
        ArrayData {
            buffer: d.buffer.clone(),
            dtype,
            shape,
            strides,
            offset,
            base: Some(self.owner_for_views()),
            writeable: d.writeable,
            owndata: false,
            warn_on_write: d.warn_on_write,
            stand_in: false,
        }
    }

    /// Makes this object hold `data` instead, as a new object would, if
    /// nothing else can see it (no other reference, strong or weak):
    /// rebinding a name to a new view then reuses the old view's object
    /// instead of freeing one and allocating another. Gives `data` back,
    /// changing nothing, when the object is shared.
    pub fn reuse_unshared(&mut self, data: ArrayData) -> Result<(), ArrayData> {
        match Rc::get_mut(&mut self.0) {
            Some(object) => {
                *object.data.get_mut() = data;
                *object.note.get_mut() = None;
                Ok(())
            }
            None => Err(data),
        }
    }

    /// Whether a write through this array is allowed (WRITEABLE). When the
    /// array has WARN_ON_WRITE, an allowed write drops that flag here and
    /// along the base chain, as NumPy warns once per array.
    pub fn begin_write(&self) -> bool {
        {
            let d = self.data();
            if !d.writeable {
                return false;
            }
            if !d.warn_on_write {
                return true;
            }
        }
        let mut current = Some(self.clone());
        while let Some(a) = current {
            let mut d = a.data_mut();
            d.warn_on_write = false;
            current = d.base.clone().filter(|b| !b.data().stand_in);
        }
        true
    }

    /// A view with the same layout (`a.view()`, `a[...]`).
    pub fn view(&self) -> Array {
        let d = self.data();
        let (shape, strides) = (Dims::from_slice(&d.shape), Strides::from_slice(&d.strides));
        self.view_with(d.dtype, shape, strides, d.offset)
    }

    /// The object a new view of `self` reports as `.base`: NumPy collapses
    /// chains of views to the array that owns the data, stopping before a
    /// base that is not an ndarray.
    fn owner_for_views(&self) -> Array {
        let mut current = self.clone();
        loop {
            let next = {
                let d = current.data();
                if d.owndata {
                    None
                } else {
                    d.base.clone().filter(|b| !b.data().stand_in)
                }
            };
            match next {
                Some(base) => current = base,
                None => return current,
            }
        }
    }

    /// Byte offsets of every element, in C (row-major) order.
    pub fn offsets(&self) -> StridedOffsets {
        let d = self.data();
        StridedOffsets::new(&d.shape, &d.strides, d.offset)
    }

    /// The element at a full multi-index (each index in range).
    pub fn get(&self, index: &[usize]) -> Scalar {
        let d = self.data();
        let off = index
            .iter()
            .zip(&d.strides)
            .fold(d.offset as isize, |acc, (&i, &s)| acc + i as isize * s);
        let bytes = d.buffer.bytes();
        element::read(d.dtype, &bytes, off as usize)
    }

    /// Every element in C order.
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let d = self.data();
        let bytes = d.buffer.bytes();
        let size = layout::checked_size(&d.shape).unwrap_or(0);
        let mut out = Vec::with_capacity(size);
        let itemsize = d.dtype.itemsize();
        let fits = layout::byte_extent(&d.shape, &d.strides, d.offset, itemsize)
            .is_none_or(|(_, end)| end <= bytes.len());
        if !fits {
            return StridedOffsets::new(&d.shape, &d.strides, d.offset)
                .map(|off| element::read(d.dtype, &bytes, off))
                .collect();
        }
        let order: Vec<usize> = (0..d.shape.len()).collect();
        let base = bytes.as_ptr().wrapping_add(d.offset) as *mut u8;
        kernels::with_dtype!(d.dtype, T => {
            // SAFETY: the layout lies inside the buffer (checked above).
            unsafe {
                kernels::strided::for_each_in_order(
                    &d.shape,
                    [&d.strides],
                    [base],
                    &order,
                    |p, n, s| {
                        let mut at = p[0];
                        for _ in 0..n {
                            out.push(kernels::Element::to_scalar(<T as kernels::Element>::load(at)));
                            at = at.wrapping_offset(s[0]);
                        }
                    },
                )
            }
        });
        out
    }

    /// A copy that owns its data, converted to `dtype`, in C or F order.
    pub fn copy_as(&self, dtype: DType, order: Order) -> PyResult<Array> {
        let shape = self.shape();
        let out = Array::for_overwrite(dtype, &shape, order)?;
        let strides = self.data().strides.clone();
        kernels::arrays::copy_into(self, &strides, &out)?;
        Ok(out)
    }

    /// A copy in NumPy's order K (`np.copy(a)`, `astype`): the new array's
    /// axes keep this array's memory order, with positive dense strides.
    pub fn copy_keep_order(&self, dtype: DType) -> PyResult<Array> {
        let (shape, strides) = {
            let d = self.data();
            (d.shape.clone(), d.strides.clone())
        };
        let fallback = Order::any(&shape, &strides, self.dtype().itemsize());
        let out = kernels::arrays::new_result(dtype, &shape, &[&strides], fallback)?;
        kernels::arrays::copy_into(self, &strides, &out)?;
        Ok(out)
    }

    /// A copy in C order with the same dtype.
    pub fn copy(&self) -> PyResult<Array> {
        self.copy_as(self.dtype(), Order::C)
    }
}

/// A non-owning reference to an array object. While it exists the object's
/// address is not reused, so `object_id` stays a unique key.
#[derive(Clone, Debug)]
pub struct WeakArray(std::rc::Weak<ArrayObject>);

impl WeakArray {
    pub fn upgrade(&self) -> Option<Array> {
        self.0.upgrade().map(Array)
    }

    pub fn is_alive(&self) -> bool {
        self.0.strong_count() > 0
    }
}

/// NumPy's MemoryError for an array that cannot be allocated.
fn memory_error(shape: &[usize], dtype: DType, nbytes: Option<u128>) -> PyErr {
    let wanted = nbytes.unwrap_or_else(|| {
        shape.iter().fold(dtype.itemsize() as u128, |acc, &n| {
            acc.saturating_mul(n as u128)
        })
    });
    PyErr::new(
        crate::error::ExcKind::MemoryError,
        alloc_error_message(wanted, shape, dtype),
    )
}

/// Copies every element of `src` into `dst` (same shape), converting dtype.
/// Overlapping source and destination behave as if the source had been
/// copied first.
pub fn copy_elements(src: &Array, dst: &Array) {
    if src.shape() != dst.shape() {
        // Pairs elements in C order as far as both go.
        let values = src.to_scalars();
        let d = dst.data();
        let mut bytes = d.buffer.bytes_mut();
        for (off, v) in StridedOffsets::new(&d.shape, &d.strides, d.offset).zip(values) {
            element::write(d.dtype, &mut bytes, off, v);
        }
        return;
    }
    let strides = src.data().strides.clone();
    super::writes::record(&dst.data());
    // The layouts are checked against their buffers; a failure there would
    // be a broken invariant, and leaves `dst` untouched.
    let _ = kernels::arrays::copy_into(src, &strides, dst);
}

/// Iterates the byte offsets of a strided layout in C order.
#[derive(Clone, Debug)]
pub struct StridedOffsets {
    shape: Vec<usize>,
    strides: Vec<isize>,
    index: Vec<usize>,
    current: isize,
    remaining: usize,
}

impl StridedOffsets {
    pub fn new(shape: &[usize], strides: &[isize], offset: usize) -> Self {
        StridedOffsets {
            shape: shape.to_vec(),
            strides: strides.to_vec(),
            index: vec![0; shape.len()],
            current: offset as isize,
            remaining: shape.iter().product(),
        }
    }
}

impl Iterator for StridedOffsets {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        let out = self.current as usize;
        for axis in (0..self.shape.len()).rev() {
            self.index[axis] += 1;
            self.current += self.strides[axis];
            if self.index[axis] < self.shape[axis] {
                break;
            }
            self.current -= self.strides[axis] * self.shape[axis] as isize;
            self.index[axis] = 0;
        }
        Some(out)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for StridedOffsets {}
