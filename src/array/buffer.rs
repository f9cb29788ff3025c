//! Element storage: a block of bytes with a stable identity.
//!
//! A buffer is shared by reference count between every array object that
//! views it; the array objects hold the layout (dtype, shape, strides,
//! offset). Buffers are numbered in creation order so reports can name them
//! (`buf#3`) without printing addresses.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::dtype::DType;

mod pool;

static NEXT_BUFFER_ID: AtomicU64 = AtomicU64::new(1);

/// The id the next buffer will get: every buffer made after this call has
/// an id at least this large (the report tells new buffers from old ones).
pub fn next_id() -> u64 {
    NEXT_BUFFER_ID.load(Ordering::Relaxed)
}

#[derive(Debug)]
pub struct Buffer {
    id: u64,
    bytes: RefCell<Vec<u8>>,
}

/// An allocation that could not be satisfied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllocError {
    pub nbytes: u128,
}

impl Buffer {
    /// A zero-filled buffer of `nbytes` bytes, or an error when the memory
    /// cannot be had (never an abort). Large buffers come zeroed from the
    /// operating system, page by page as they are first touched, so
    /// `np.zeros` costs nothing until it is written.
    pub fn zeroed(nbytes: usize) -> Result<Rc<Buffer>, AllocError> {
        let bytes = pool::fresh(nbytes).ok_or(AllocError {
            nbytes: nbytes as u128,
        })?;
        Ok(Rc::new(Self::from_vec(bytes)))
    }

    /// A buffer of `nbytes` bytes for a result that will be written in
    /// full before anyone reads it: a freed buffer of the same size is
    /// reused when there is one (its old bytes are overwritten), otherwise
    /// a fresh zeroed one is made.
    pub fn for_overwrite(nbytes: usize) -> Result<Rc<Buffer>, AllocError> {
        let bytes = match pool::take(nbytes) {
            Some(bytes) => bytes,
            None => pool::fresh(nbytes).ok_or(AllocError {
                nbytes: nbytes as u128,
            })?,
        };
        Ok(Rc::new(Self::from_vec(bytes)))
    }

    pub fn from_vec(bytes: Vec<u8>) -> Buffer {
        Buffer {
            id: NEXT_BUFFER_ID.fetch_add(1, Ordering::Relaxed),
            bytes: RefCell::new(bytes),
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn len(&self) -> usize {
        self.bytes.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn bytes(&self) -> Ref<'_, Vec<u8>> {
        self.bytes.borrow()
    }

    pub fn bytes_mut(&self) -> RefMut<'_, Vec<u8>> {
        self.bytes.borrow_mut()
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        pool::give(std::mem::take(self.bytes.get_mut()));
    }
}

/// NumPy's text for a failed allocation, e.g. `Unable to allocate 72.8 TiB for
/// an array with shape (10000000000000,) and data type float64`.
pub fn alloc_error_message(nbytes: u128, shape: &[usize], dtype: DType) -> String {
    format!(
        "Unable to allocate {} for an array with shape {} and data type {}",
        human_bytes(nbytes),
        crate::array::layout::tuple_repr(shape),
        dtype.name()
    )
}

/// Bytes in NumPy's `_size_to_string` style: three significant digits, binary units.
fn human_bytes(nbytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut unit = 0;
    while unit + 1 < UNITS.len() && nbytes >= 1u128 << (10 * (unit + 1)) {
        unit += 1;
    }
    if unit == 0 {
        return format!("{nbytes} bytes");
    }
    let value = nbytes as f64 / (1u128 << (10 * unit)) as f64;
    let text = if value < 10.0 {
        format!("{value:.2}")
    } else if value < 100.0 {
        format!("{value:.1}")
    } else {
        // `{:#.3g}` keeps the decimal point: "728."
        format!("{value:.0}.")
    };
    format!("{text} {}", UNITS[unit])
}
