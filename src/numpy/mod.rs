//! The `np` namespace: what `np.<name>` is, one file per family of
//! functions (creation, array methods, ufuncs and reductions, linear algebra).

pub mod creation;
pub mod linalg;
pub mod methods;
pub mod ufuncs;

use crate::array::dtype::DType;
use crate::array::element;
use crate::array::scalar::Scalar;
use crate::error::{ExcKind, PyErr, PyResult};
use crate::interp::value::{Class, Module};
use crate::interp::{Args, Interp, Value};

/// `module.name`, or None when the module has no such attribute.
pub fn module_attr(module: Module, name: &str) -> Option<Value> {
    match module {
        Module::Numpy => numpy_attr(name),
        Module::NumpyLib => match name {
            "stride_tricks" => Some(Value::Module(Module::StrideTricks)),
            _ => None,
        },
        Module::StrideTricks => match name {
            "as_strided" => Some(missing("as_strided")),
            "sliding_window_view" => Some(missing("sliding_window_view")),
            _ => None,
        },
        Module::Exceptions => match name {
            "AxisError" => Some(Value::Class(Class::Exception(ExcKind::AxisError))),
            "TooHardError" => Some(Value::Class(Class::Exception(ExcKind::TooHardError))),
            "ComplexWarning" => Some(Value::Class(Class::Exception(ExcKind::ComplexWarning))),
            _ => None,
        },
        Module::Random => None,
        Module::Time => match name {
            "perf_counter" => Some(Value::builtin("perf_counter", perf_counter)),
            _ => None,
        },
    }
}

fn numpy_attr(name: &str) -> Option<Value> {
    if let Some(f) = creation::function(name)
        .or_else(|| ufuncs::function(name))
        .or_else(|| linalg::function(name))
    {
        return Some(f);
    }
    Some(match name {
        "nan" => Value::Float(f64::NAN),
        "inf" => Value::Float(f64::INFINITY),
        "pi" => Value::Float(std::f64::consts::PI),
        "e" => Value::Float(std::f64::consts::E),
        "newaxis" => Value::None,
        "ndarray" => Value::Class(Class::NdArray),
        "dtype" => Value::Class(Class::DTypeClass),
        "lib" => Value::Module(Module::NumpyLib),
        "exceptions" => Value::Module(Module::Exceptions),
        "random" => Value::Module(Module::Random),
        "bool_" | "bool" => Value::Class(Class::Scalar(DType::Bool)),
        "int_" | "intp" => Value::Class(Class::Scalar(DType::Int64)),
        "float_" | "double" => Value::Class(Class::Scalar(DType::Float64)),
        "AxisError" | "TooHardError" => module_attr(Module::Exceptions, name)?,
        other => {
            if let Some(d) = DType::from_name(other).filter(|d| d.name() == other) {
                return Some(Value::Class(Class::Scalar(d)));
            }
            if NOT_YET.contains(&other) {
                return Some(missing(
                    NOT_YET
                        .iter()
                        .find(|n| **n == other)
                        .copied()
                        .unwrap_or("?"),
                ));
            }
            return None;
        }
    })
}

/// NumPy functions npview knows of but does not implement: calling one is
/// a NotImplementedError naming it.
const NOT_YET: &[&str] = &[
    "concatenate",
    "stack",
    "vstack",
    "hstack",
    "where",
    "take",
    "repeat",
    "tile",
    "diag",
    "median",
    "std",
    "var",
    "cumsum",
    "cumprod",
    "clip",
    "sort",
    "argsort",
    "unique",
    "broadcast_to",
    "broadcast_arrays",
    "swapaxes",
    "moveaxis",
    "squeeze",
    "expand_dims",
    "flip",
    "fliplr",
    "flipud",
    "rot90",
    "split",
    "array_split",
    "hsplit",
    "vsplit",
    "atleast_1d",
    "atleast_2d",
    "atleast_3d",
    "copyto",
    "diagonal",
    "asfortranarray",
    "nonzero",
    "count_nonzero",
    "einsum",
    "outer",
    "inner",
    "cross",
    "trace",
    "isclose",
    "allclose",
    "array_equal",
    "meshgrid",
    "ravel_multi_index",
    "unravel_index",
];

/// `time.perf_counter()`: seconds from a fixed point, for timing a script.
fn perf_counter(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    args.bind("perf_counter", &[])?;
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = START.get_or_init(std::time::Instant::now);
    Ok(Value::Float(start.elapsed().as_secs_f64()))
}

fn missing(name: &'static str) -> Value {
    Value::builtin(name, not_implemented)
}

fn not_implemented(_: &mut Interp, _: Option<&Value>, _: Args) -> PyResult<Value> {
    Err(PyErr::new(
        ExcKind::NotImplementedError,
        "this NumPy function is not supported by npview yet",
    ))
}

/// Calls `np.<name>` from Rust (used by builtins such as `abs` and `round`).
pub fn call_np(interp: &mut Interp, name: &str, args: Args) -> PyResult<Value> {
    match numpy_attr(name) {
        Some(f) => interp.call_value(&f, args),
        None => Err(PyErr::new(
            ExcKind::AttributeError,
            format!("module 'numpy' has no attribute '{name}'"),
        )),
    }
}

/// `np.int64(3)`, `np.float32(0.1)`, `np.bool_(1)`: a NumPy scalar, or an
/// array when given a sequence.
pub fn scalar_type_call(dtype: DType, args: Args) -> PyResult<Value> {
    let v = args.positional.into_iter().next().unwrap_or(Value::Int(0));
    let s = match &v {
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Int(i) => {
            if dtype.is_integer() {
                crate::array::promote::check_int_fits(*i, dtype)?;
            }
            Scalar::Int(*i)
        }
        Value::Float(f) => Scalar::Float(*f),
        Value::Complex(re, im) => Scalar::Complex(*re, *im),
        Value::NpScalar(_, s) => *s,
        Value::Str(text) => {
            let parsed: f64 = text.trim().parse().map_err(|_| {
                PyErr::new(
                    ExcKind::ValueError,
                    format!("could not convert string to float: '{text}'"),
                )
            })?;
            Scalar::Float(parsed)
        }
        other => {
            let a = crate::interp::convert::array_from_value(other, Some(dtype))?;
            return Ok(crate::interp::convert::ufunc_result(a));
        }
    };
    Ok(Value::NpScalar(dtype, element::cast(s, dtype)))
}
