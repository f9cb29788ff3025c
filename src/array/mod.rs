//! Arrays: element types, buffers, layouts and the operations over them.

pub mod buffer;
pub mod dtype;
pub mod element;
pub mod index;
pub mod layout;
pub mod ndarray;
pub mod ops;
pub mod overlap;
pub mod promote;
pub mod reduce;
pub mod scalar;

pub use ndarray::{Array, ArrayData};

/// A shape as Python prints a tuple: `()`, `(3,)`, `(2, 3)`.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|n| n.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}
