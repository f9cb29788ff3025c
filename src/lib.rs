//! npview: an interpreter for a NumPy-style array language that tracks which
//! buffer every array lives in.
//!
//! The pipeline reads top to bottom: `syntax` (source -> tokens -> AST),
//! `interp` (evaluation over Python-level values), `array` (buffers, layouts,
//! indexing, kernels), `format` (NumPy-identical printing) and `diagnostics`
//! (errors as miette reports).

pub mod allocator;
pub mod array;
pub mod cli;
pub mod diagnostics;
pub mod error;
pub mod format;
pub mod golden;
pub mod interp;
pub mod numpy;
pub mod repl;
pub mod report;
pub mod syntax;
