//! The `np` namespace: what `np.<name>` is, one file per family of
//! functions (creation, array methods, ufuncs and reductions, linear algebra).

pub mod args;
pub mod combine;
pub mod compare;
pub mod creation;
pub mod dtypes;
pub mod elementwise;
pub mod inplace;
pub mod linalg;
pub mod manipulation;
pub mod math_warnings;
pub mod matmul_kernels;
pub mod methods;
pub mod reductions;
pub mod result_layout;
pub mod select;
pub mod sorting;
pub mod stats;
pub mod stride_tricks;
pub mod ufunc_call;
pub mod ufunc_object;
pub mod ufuncs;

use crate::array::dtype::DType;
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
        Module::StrideTricks => stride_tricks::function(name),
        Module::Exceptions => match name {
            "AxisError" => Some(Value::Class(Class::Exception(ExcKind::AxisError))),
            "TooHardError" => Some(Value::Class(Class::Exception(ExcKind::TooHardError))),
            "ComplexWarning" => Some(Value::Class(Class::Exception(ExcKind::ComplexWarning))),
            _ => None,
        },
        Module::Random | Module::Linalg => not_yet(module, name),
        Module::Time => match name {
            "perf_counter" => Some(Value::builtin("perf_counter", perf_counter)),
            _ => None,
        },
    }
}

/// `np.<name>`: looked up once, so that `np.add is np.add` as in Python.
fn numpy_attr(name: &str) -> Option<Value> {
    thread_local! {
        static ATTRS: std::cell::RefCell<std::collections::HashMap<String, Value>> =
            Default::default();
    }
    let name = canonical_name(name);
    if let Some(v) = ATTRS.with(|c| c.borrow().get(name).cloned()) {
        return Some(v);
    }
    let v = lookup(name).or_else(|| not_yet(Module::Numpy, name))?;
    ATTRS.with(|c| c.borrow_mut().insert(name.to_string(), v.clone()));
    Some(v)
}

/// NumPy 2's array-API spellings are the same objects as the classic
/// names (`np.concat is np.concatenate`).
fn canonical_name(name: &str) -> &str {
    match name {
        "concat" => "concatenate",
        "permute_dims" => "transpose",
        "bitwise_invert" | "bitwise_not" => "invert",
        "asin" => "arcsin",
        "acos" => "arccos",
        "atan" => "arctan",
        "asinh" => "arcsinh",
        "acosh" => "arccosh",
        "atanh" => "arctanh",
        other => other,
    }
}

fn lookup(name: &str) -> Option<Value> {
    if let Some(f) = creation::function(name)
        .or_else(|| ufuncs::function(name))
        .or_else(|| linalg::function(name))
        .or_else(|| manipulation::function(name))
        .or_else(|| dtypes::function(name))
        .or_else(|| combine::function(name))
        .or_else(|| elementwise::function(name))
        .or_else(|| select::function(name))
        .or_else(|| sorting::function(name))
        .or_else(|| stats::function(name))
        .or_else(|| inplace::function(name))
        .or_else(|| compare::function(name))
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
        "linalg" => Value::Module(Module::Linalg),
        "bool_" | "bool" => Value::Class(Class::Scalar(DType::Bool)),
        "True_" => Value::NpScalar(DType::Bool, Scalar::Bool(true)),
        "False_" => Value::NpScalar(DType::Bool, Scalar::Bool(false)),
        "int_" | "intp" => Value::Class(Class::Scalar(DType::Int64)),
        "double" => Value::Class(Class::Scalar(DType::Float64)),
        "AxisError" | "TooHardError" => module_attr(Module::Exceptions, name)?,
        other => {
            if let Some(d) = DType::from_name(other).filter(|d| d.name() == other) {
                return Some(Value::Class(Class::Scalar(d)));
            }
            return None;
        }
    })
}

/// The names of `np` that npview implements, for completion: NumPy's
/// public callables npview has, and its constants and submodules.
pub fn implemented_members() -> Vec<&'static str> {
    const OTHERS: [&str; 10] = [
        "nan",
        "inf",
        "pi",
        "e",
        "newaxis",
        "lib",
        "exceptions",
        "random",
        "linalg",
        "True_",
    ];
    let callables = NUMPY_NAMES
        .lines()
        .filter_map(|line| line.strip_prefix("numpy."))
        .filter(|name| !name.contains('.') && lookup(canonical_name(name)).is_some());
    let mut names: Vec<&str> = callables.chain(OTHERS).collect();
    names.sort_unstable();
    names
}

/// Every public callable of NumPy's `numpy`, `numpy.linalg` and
/// `numpy.random` (written by `tools/numpy_names.py`), one `module.name`
/// per line.
const NUMPY_NAMES: &str = include_str!("numpy_names.txt");

/// The names NumPy 2.0 removed, `name<TAB>advice` per line (written by
/// `tools/numpy_names.py`).
const NUMPY_REMOVED: &str = include_str!("numpy_removed.txt");

/// NumPy's AttributeError message for `module.attr`: removed NumPy 1 names
/// say what to use instead.
pub fn no_attribute_message(module: Module, attr: &str) -> String {
    let removed = NUMPY_REMOVED
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .find(|(name, _)| *name == attr);
    match removed {
        Some((_, advice)) if module == Module::Numpy => {
            format!("`np.{attr}` was removed in the NumPy 2.0 release. {advice}")
        }
        _ => format!("module '{}' has no attribute '{attr}'", module.name()),
    }
}

/// A stand-in for a NumPy function npview does not implement, so that
/// using one says so instead of claiming NumPy has no such name.
fn not_yet(module: Module, name: &str) -> Option<Value> {
    let qualified = NUMPY_NAMES.lines().find(|line| {
        line.strip_prefix(module.name())
            .and_then(|rest| rest.strip_prefix('.'))
            == Some(name)
    })?;
    Some(missing(qualified))
}

/// `time.perf_counter()`: seconds from a fixed point, for timing a script.
fn perf_counter(_: &mut Interp, _: Option<&Value>, args: Args) -> PyResult<Value> {
    args.bind("perf_counter", &[])?;
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = START.get_or_init(std::time::Instant::now);
    Ok(Value::Float(start.elapsed().as_secs_f64()))
}

/// Calling it is a NotImplementedError naming `qualified` (`numpy.outer`).
fn missing(qualified: &'static str) -> Value {
    let name = qualified.rsplit('.').next().unwrap_or(qualified);
    Value::method(name, not_implemented, Value::str(qualified))
}

fn not_implemented(_: &mut Interp, name: Option<&Value>, _: Args) -> PyResult<Value> {
    let name = name.map(crate::interp::text::str_plain).unwrap_or_default();
    Err(PyErr::new(
        ExcKind::NotImplementedError,
        format!("{name} is not supported by npview yet"),
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
    dtypes::scalar_call(dtype, args)
}
