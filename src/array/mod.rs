//! Arrays: element types, buffers, layouts and the operations over them.

pub mod dtype;
pub mod layout;
pub mod overlap;
pub mod scalar;
