//! Arrays: element types, buffers, layouts and the operations over them.

pub mod buffer;
pub mod dtype;
pub mod element;
pub mod fpstatus;
pub mod index;
pub mod kernels;
pub mod layout;
pub mod ndarray;
pub mod ops;
pub mod overlap;
pub mod promote;
pub mod reduce;
pub mod scalar;
pub mod writes;

pub use ndarray::{Array, ArrayData, WeakArray};
