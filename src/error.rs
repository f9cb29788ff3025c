//! Python exceptions as Rust values.
//!
//! Every failure anywhere in npview, from the lexer to a kernel, is a
//! `PyErr`: the Python exception type users would see under CPython + NumPy,
//! NumPy's message, and (once the interpreter knows it) the source span.
//! Library code returns errors without spans; the call site attaches one.

use std::fmt;

use crate::syntax::ast::Span;

/// The built-in exception classes npview can raise, with Python's hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    BaseException,
    Exception,
    KeyboardInterrupt,
    SystemExit,
    ArithmeticError,
    ZeroDivisionError,
    OverflowError,
    FloatingPointError,
    LookupError,
    IndexError,
    KeyError,
    ValueError,
    TypeError,
    UFuncTypeError,
    AxisError,
    AttributeError,
    NameError,
    UnboundLocalError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    TooHardError,
    AssertionError,
    StopIteration,
    ImportError,
    ModuleNotFoundError,
    MemoryError,
    SyntaxError,
    IndentationError,
    TabError,
    Warning,
    RuntimeWarning,
    UserWarning,
    DeprecationWarning,
    ComplexWarning,
    /// npview's warning for a write into a temporary copy (see docs/warnings.md).
    CopyWarning,
}

impl ExcKind {
    pub const ALL: [ExcKind; 36] = [
        ExcKind::BaseException,
        ExcKind::Exception,
        ExcKind::KeyboardInterrupt,
        ExcKind::SystemExit,
        ExcKind::ArithmeticError,
        ExcKind::ZeroDivisionError,
        ExcKind::OverflowError,
        ExcKind::FloatingPointError,
        ExcKind::LookupError,
        ExcKind::IndexError,
        ExcKind::KeyError,
        ExcKind::ValueError,
        ExcKind::TypeError,
        ExcKind::UFuncTypeError,
        ExcKind::AxisError,
        ExcKind::AttributeError,
        ExcKind::NameError,
        ExcKind::UnboundLocalError,
        ExcKind::RuntimeError,
        ExcKind::RecursionError,
        ExcKind::NotImplementedError,
        ExcKind::TooHardError,
        ExcKind::AssertionError,
        ExcKind::StopIteration,
        ExcKind::ImportError,
        ExcKind::ModuleNotFoundError,
        ExcKind::MemoryError,
        ExcKind::SyntaxError,
        ExcKind::IndentationError,
        ExcKind::TabError,
        ExcKind::Warning,
        ExcKind::RuntimeWarning,
        ExcKind::UserWarning,
        ExcKind::DeprecationWarning,
        ExcKind::ComplexWarning,
        ExcKind::CopyWarning,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExcKind::BaseException => "BaseException",
            ExcKind::Exception => "Exception",
            ExcKind::KeyboardInterrupt => "KeyboardInterrupt",
            ExcKind::SystemExit => "SystemExit",
            ExcKind::ArithmeticError => "ArithmeticError",
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::FloatingPointError => "FloatingPointError",
            ExcKind::LookupError => "LookupError",
            ExcKind::IndexError => "IndexError",
            ExcKind::KeyError => "KeyError",
            ExcKind::ValueError => "ValueError",
            ExcKind::TypeError => "TypeError",
            ExcKind::UFuncTypeError => "UFuncTypeError",
            ExcKind::AxisError => "AxisError",
            ExcKind::AttributeError => "AttributeError",
            ExcKind::NameError => "NameError",
            ExcKind::UnboundLocalError => "UnboundLocalError",
            ExcKind::RuntimeError => "RuntimeError",
            ExcKind::RecursionError => "RecursionError",
            ExcKind::NotImplementedError => "NotImplementedError",
            ExcKind::TooHardError => "TooHardError",
            ExcKind::AssertionError => "AssertionError",
            ExcKind::StopIteration => "StopIteration",
            ExcKind::ImportError => "ImportError",
            ExcKind::ModuleNotFoundError => "ModuleNotFoundError",
            ExcKind::MemoryError => "MemoryError",
            ExcKind::SyntaxError => "SyntaxError",
            ExcKind::IndentationError => "IndentationError",
            ExcKind::TabError => "TabError",
            ExcKind::Warning => "Warning",
            ExcKind::RuntimeWarning => "RuntimeWarning",
            ExcKind::UserWarning => "UserWarning",
            ExcKind::DeprecationWarning => "DeprecationWarning",
            ExcKind::ComplexWarning => "ComplexWarning",
            ExcKind::CopyWarning => "CopyWarning",
        }
    }

    pub fn from_name(name: &str) -> Option<ExcKind> {
        ExcKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The direct base classes, as in Python (AxisError has two).
    pub fn parents(self) -> &'static [ExcKind] {
        use ExcKind::*;
        match self {
            BaseException => &[],
            Exception | KeyboardInterrupt | SystemExit => &[BaseException],
            ArithmeticError | LookupError | ValueError | TypeError | AttributeError | NameError
            | RuntimeError | AssertionError | StopIteration | ImportError | MemoryError
            | SyntaxError | Warning => &[Exception],
            ZeroDivisionError | OverflowError | FloatingPointError => &[ArithmeticError],
            IndexError | KeyError => &[LookupError],
            UFuncTypeError => &[TypeError],
            AxisError => &[ValueError, IndexError],
            UnboundLocalError => &[NameError],
            RecursionError | NotImplementedError | TooHardError => &[RuntimeError],
            ModuleNotFoundError => &[ImportError],
            IndentationError => &[SyntaxError],
            TabError => &[IndentationError],
            RuntimeWarning | UserWarning | DeprecationWarning | ComplexWarning | CopyWarning => {
                &[Warning]
            }
        }
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass_of(self, other: ExcKind) -> bool {
        self == other || self.parents().iter().any(|p| p.is_subclass_of(other))
    }
}

/// A raised exception.
#[derive(Clone, Debug)]
pub struct PyErr {
    pub kind: ExcKind,
    pub message: String,
    /// Where it was raised, once known.
    pub span: Option<Span>,
}

impl PyErr {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Self {
        PyErr {
            kind,
            message: message.into(),
            span: None,
        }
    }

    /// Attaches `span` unless a more precise one is already set.
    pub fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for PyErr {}

pub type PyResult<T> = Result<T, PyErr>;

macro_rules! constructors {
    ($($fn_name:ident => $kind:ident),* $(,)?) => {
        $(
            #[doc = concat!("A `", stringify!($kind), "` with the given message.")]
            pub fn $fn_name(message: impl Into<String>) -> PyErr {
                PyErr::new(ExcKind::$kind, message)
            }
        )*
    };
}

constructors! {
    value_error => ValueError,
    type_error => TypeError,
    index_error => IndexError,
    key_error => KeyError,
    attribute_error => AttributeError,
    name_error => NameError,
    runtime_error => RuntimeError,
    not_implemented => NotImplementedError,
    overflow_error => OverflowError,
    zero_division => ZeroDivisionError,
    memory_error => MemoryError,
    axis_error => AxisError,
    ufunc_type_error => UFuncTypeError,
}
