//! Python-level values: what a name can be bound to.
//!
//! Mutable containers (lists, arrays) are shared by reference, so cloning a
//! `Value` never copies data: `b = a` gives two names one object, as in
//! Python.

use std::cell::RefCell;
use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::scalar::Scalar;
use crate::array::Array;
use crate::error::{ExcKind, PyErr};
use crate::syntax::ast::{Expr, FunctionDef, Param};

use super::Interp;

/// The longest list, tuple or string npview builds: beyond it a MemoryError
/// is raised instead of exhausting memory.
pub const MAX_SEQUENCE_LEN: usize = 1 << 26;

pub type BuiltinFn = fn(&mut Interp, Option<&Value>, Args) -> crate::error::PyResult<Value>;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    /// An int beyond 64 bits (see `bigint.rs`).
    BigInt(Rc<num_bigint::BigInt>),
    Float(f64),
    Complex(f64, f64),
    Str(Rc<str>),
    List(Rc<RefCell<Vec<Value>>>),
    Tuple(Rc<Vec<Value>>),
    Slice(Rc<[Value; 3]>),
    Ellipsis,
    Range(i64, i64, i64),
    Array(Array),
    /// A NumPy scalar (`np.int64(3)`), immutable.
    NpScalar(DType, Scalar),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    Module(Module),
    Class(Class),
    /// A dtype object (`a.dtype`, `np.dtype('int8')`).
    DType(DType),
    Exception(Rc<PyErr>),
    /// `a.flags`: a live view of an array's flags.
    Flags(Array),
    /// Any other object implemented in Rust (`native.rs`).
    Native(Rc<dyn super::native::NativeObject>),
}

/// A user-defined function (`def` or `lambda`).
pub struct Function {
    pub name: String,
    pub params: Vec<Param>,
    pub defaults: Vec<Option<Value>>,
    pub body: FunctionBody,
    /// Scopes of the calls the function was defined in (closures).
    pub enclosing: Vec<super::Scope>,
}

pub enum FunctionBody {
    Block(Rc<FunctionDef>),
    Lambda(Rc<Expr>),
}

/// A function implemented in Rust, possibly bound to a receiver (`a.copy`).
pub struct Builtin {
    pub name: &'static str,
    pub func: BuiltinFn,
    pub receiver: Option<Value>,
}

/// Modules a script can reach: numpy and a few of its submodules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    Numpy,
    NumpyLib,
    StrideTricks,
    Exceptions,
    Random,
    Linalg,
    /// Python's `time`, for `time.perf_counter()` (benchmark scripts).
    Time,
}

impl Module {
    pub fn name(self) -> &'static str {
        match self {
            Module::Numpy => "numpy",
            Module::NumpyLib => "numpy.lib",
            Module::StrideTricks => "numpy.lib.stride_tricks",
            Module::Exceptions => "numpy.exceptions",
            Module::Random => "numpy.random",
            Module::Linalg => "numpy.linalg",
            Module::Time => "time",
        }
    }
}

/// Type objects: `int`, `np.ndarray`, `np.int64`, `ValueError`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    NoneType,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    List,
    Tuple,
    Slice,
    Range,
    Function,
    BuiltinFunction,
    Module,
    Type,
    Ellipsis,
    NdArray,
    DTypeClass,
    Flags,
    /// NumPy's scalar types, also usable as dtypes (`np.int64`).
    Scalar(DType),
    /// The type of a native object, by its name.
    Native(&'static str),
    Exception(ExcKind),
}

impl Class {
    /// `__name__`.
    pub fn name(self) -> &'static str {
        match self {
            Class::NoneType => "NoneType",
            Class::Bool => "bool",
            Class::Int => "int",
            Class::Float => "float",
            Class::Complex => "complex",
            Class::Str => "str",
            Class::List => "list",
            Class::Tuple => "tuple",
            Class::Slice => "slice",
            Class::Range => "range",
            Class::Function => "function",
            Class::BuiltinFunction => "builtin_function_or_method",
            Class::Module => "module",
            Class::Type => "type",
            Class::Ellipsis => "ellipsis",
            Class::NdArray => "ndarray",
            Class::DTypeClass => "dtype",
            Class::Flags => "flagsobj",
            Class::Scalar(d) => d.name(),
            Class::Native(name) => name,
            Class::Exception(k) => k.name(),
        }
    }

    /// `repr(cls)`: `<class 'int'>`, `<class 'numpy.ndarray'>`.
    pub fn repr(self) -> String {
        let module = match self {
            Class::NdArray | Class::Scalar(_) | Class::DTypeClass => "numpy.",
            Class::Exception(
                ExcKind::AxisError | ExcKind::TooHardError | ExcKind::ComplexWarning,
            ) => "numpy.exceptions.",
            Class::Exception(ExcKind::UFuncTypeError) => "numpy._core._exceptions.",
            _ => "",
        };
        format!("<class '{module}{}'>", self.name())
    }
}

/// Call arguments: positional values and `name=value` pairs.
#[derive(Clone, Default)]
pub struct Args {
    pub positional: Vec<Value>,
    pub keywords: Vec<(String, Value)>,
}

impl Args {
    pub fn positional(values: Vec<Value>) -> Args {
        Args {
            positional: values,
            keywords: Vec::new(),
        }
    }

    /// Matches the arguments to parameter names: positionals fill `names`
    /// in order, keywords by name. Unknown keywords and too many positionals
    /// are TypeErrors as in Python.
    pub fn bind(self, func: &str, names: &[&str]) -> crate::error::PyResult<Vec<Option<Value>>> {
        if self.positional.len() > names.len() {
            return Err(PyErr::new(
                ExcKind::TypeError,
                format!(
                    "{func}() takes at most {} positional arguments ({} given)",
                    names.len(),
                    self.positional.len()
                ),
            ));
        }
        let mut slots: Vec<Option<Value>> = vec![None; names.len()];
        for (slot, v) in slots.iter_mut().zip(self.positional) {
            *slot = Some(v);
        }
        for (name, v) in self.keywords {
            match names.iter().position(|n| *n == name) {
                Some(i) if slots[i].is_none() => slots[i] = Some(v),
                Some(_) => {
                    return Err(PyErr::new(
                        ExcKind::TypeError,
                        format!("{func}() got multiple values for argument '{name}'"),
                    ))
                }
                None => {
                    return Err(PyErr::new(
                        ExcKind::TypeError,
                        format!("{func}() got an unexpected keyword argument '{name}'"),
                    ))
                }
            }
        }
        Ok(slots)
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    pub fn builtin(name: &'static str, func: BuiltinFn) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name,
            func,
            receiver: None,
        }))
    }

    pub fn method(name: &'static str, func: BuiltinFn, receiver: Value) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name,
            func,
            receiver: Some(receiver),
        }))
    }

    /// The class `type(x)` returns.
    pub fn class(&self) -> Class {
        match self {
            Value::None => Class::NoneType,
            Value::Bool(_) => Class::Bool,
            Value::Int(_) | Value::BigInt(_) => Class::Int,
            Value::Float(_) => Class::Float,
            Value::Complex(..) => Class::Complex,
            Value::Str(_) => Class::Str,
            Value::List(_) => Class::List,
            Value::Tuple(_) => Class::Tuple,
            Value::Slice(_) => Class::Slice,
            Value::Ellipsis => Class::Ellipsis,
            Value::Range(..) => Class::Range,
            Value::Array(_) => Class::NdArray,
            Value::NpScalar(d, _) => Class::Scalar(*d),
            Value::Function(_) => Class::Function,
            Value::Builtin(_) => Class::BuiltinFunction,
            Value::Module(_) => Class::Module,
            Value::Class(_) => Class::Type,
            Value::DType(_) => Class::DTypeClass,
            Value::Exception(e) => Class::Exception(e.kind),
            Value::Flags(_) => Class::Flags,
            Value::Native(obj) => Class::Native(obj.type_name()),
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::NpScalar(d, _) => match d {
                DType::Bool => "numpy.bool",
                DType::Int8 => "numpy.int8",
                DType::Int16 => "numpy.int16",
                DType::Int32 => "numpy.int32",
                DType::Int64 => "numpy.int64",
                DType::UInt8 => "numpy.uint8",
                DType::UInt16 => "numpy.uint16",
                DType::UInt32 => "numpy.uint32",
                DType::UInt64 => "numpy.uint64",
                DType::Float32 => "numpy.float32",
                DType::Float64 => "numpy.float64",
                DType::Complex64 => "numpy.complex64",
                DType::Complex128 => "numpy.complex128",
            },
            Value::Array(_) => "numpy.ndarray",
            other => other.class().name(),
        }
    }

    /// Python's `is`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || a == b,
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            (Value::Array(a), Value::Array(b)) => a.same_object(b),
            (Value::Function(a), Value::Function(b)) => Rc::ptr_eq(a, b),
            (Value::Builtin(a), Value::Builtin(b)) => Rc::ptr_eq(a, b),
            (Value::Module(a), Value::Module(b)) => a == b,
            (Value::Class(a), Value::Class(b)) => a == b,
            (Value::DType(a), Value::DType(b)) => a == b,
            (Value::Exception(a), Value::Exception(b)) => Rc::ptr_eq(a, b),
            (Value::Native(a), Value::Native(b)) => Rc::ptr_eq(a, b),
            (Value::NpScalar(DType::Bool, a), Value::NpScalar(DType::Bool, b)) => a == b,
            _ => false,
        }
    }
}
