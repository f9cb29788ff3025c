//! Tests of the front end through its public entry point, `parse_program`:
//! the shape of the trees it builds, their spans, its error messages, and
//! its behaviour on hostile input.

#[path = "syntax/sexpr.rs"]
mod sexpr;

#[path = "syntax/shapes.rs"]
mod shapes;

#[path = "syntax/spans.rs"]
mod spans;

#[path = "syntax/errors.rs"]
mod errors;

#[path = "syntax/robustness.rs"]
mod robustness;
