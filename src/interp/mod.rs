//! Evaluation of the AST over Python-level values.
//!
//! `Interp` holds the global namespace, the call stack of local scopes and
//! the output sink. Statements live in `exec.rs`, expressions in `eval.rs`,
//! calls in `call.rs`, Python builtins in `builtins.rs`, conversions between
//! Python values and arrays in `convert.rs`, text in `text.rs`.

mod bigint;
mod builtins;
mod call;
pub mod convert;
mod eval;
mod exec;
mod fstring;
pub mod text;
pub mod value;

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::rc::Rc;

use indexmap::IndexMap;

use crate::error::{ExcKind, PyErr, PyResult};
use crate::syntax::ast::Stmt;
pub use value::{Args, Value};

/// Python's default recursion limit.
const RECURSION_LIMIT: usize = 1000;

/// A namespace: names to values in insertion order. Names are short and
/// come from the script itself, so a fast hash replaces SipHash (a third
/// of the cost of a loop iteration).
pub type Names<K> = IndexMap<K, Value, foldhash::fast::FixedState>;

/// One function call's local scope.
#[derive(Default)]
struct Frame {
    locals: Names<String>,
    globals_declared: HashSet<String>,
}

/// Where `print` writes.
pub enum Output {
    Stdout,
    Capture(Rc<RefCell<Vec<u8>>>),
}

pub struct Interp {
    pub globals: Names<String>,
    builtins: Names<&'static str>,
    frames: Vec<Frame>,
    /// Exceptions being handled by enclosing `except` blocks (for bare `raise`).
    handling: Vec<PyErr>,
    output: Output,
}

/// What a script printed, and how it ended.
#[derive(Clone, Debug, Default)]
pub struct RunOutput {
    /// Everything the script wrote to standard output.
    pub stdout: String,
    /// The uncaught exception that ended the run, if any: its Python type
    /// name (`IndexError`, `UFuncTypeError`, `SyntaxError`) and its message.
    pub error: Option<(String, String)>,
}

/// Runs a whole script, capturing its standard output instead of printing it.
pub fn run_captured(source: &str, _filename: &str) -> RunOutput {
    let sink = Rc::new(RefCell::new(Vec::new()));
    let mut interp = Interp::new(Output::Capture(sink.clone()));
    let result = interp.run_source(source);
    let stdout = String::from_utf8_lossy(&sink.borrow()).into_owned();
    RunOutput {
        stdout,
        error: result
            .err()
            .map(|e| (e.kind.name().to_string(), e.message.clone())),
    }
}

impl Interp {
    pub fn new(output: Output) -> Interp {
        let mut interp = Interp {
            globals: Names::default(),
            builtins: builtins::namespace(),
            frames: Vec::new(),
            handling: Vec::new(),
            output,
        };
        interp
            .globals
            .insert("np".to_string(), Value::Module(value::Module::Numpy));
        interp
    }

    /// Parses and runs a whole program.
    pub fn run_source(&mut self, source: &str) -> PyResult<()> {
        let program = crate::syntax::parse_program(source).map_err(syntax_to_pyerr)?;
        self.run_program(&program)
    }

    /// Runs parsed statements at the top level.
    pub fn run_program(&mut self, program: &[Stmt]) -> PyResult<()> {
        for stmt in program {
            self.exec_top(stmt)?;
        }
        Ok(())
    }

    /// Runs one top-level statement. A failing statement leaves no partial
    /// effects: bindings happen only after evaluation succeeded, and array
    /// writes check everything before the first element is written.
    pub fn exec_top(&mut self, stmt: &Stmt) -> PyResult<()> {
        let result = self.exec_stmt(stmt);
        self.flush();
        match result {
            Ok(exec::Flow::Normal) => Ok(()),
            Ok(exec::Flow::Return(_)) => {
                Err(PyErr::new(ExcKind::SyntaxError, "'return' outside function").at(stmt.span))
            }
            Ok(exec::Flow::Break | exec::Flow::Continue) => {
                Err(PyErr::new(ExcKind::SyntaxError, "'break' outside loop").at(stmt.span))
            }
            Err(e) => Err(e.at(stmt.span)),
        }
    }

    pub fn write_out(&mut self, text: &str) {
        match &self.output {
            Output::Stdout => {
                let mut out = std::io::stdout().lock();
                // A closed stdout (e.g. piped into `head`) is not the script's error.
                let _ = out.write_all(text.as_bytes());
            }
            Output::Capture(sink) => sink.borrow_mut().extend_from_slice(text.as_bytes()),
        }
    }

    pub fn flush(&mut self) {
        if let Output::Stdout = self.output {
            let _ = std::io::stdout().flush();
        }
    }

    fn enter_call(&mut self) -> PyResult<()> {
        if self.frames.len() >= RECURSION_LIMIT {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.frames.push(Frame::default());
        Ok(())
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(frame) = self.frames.last() {
            if let Some(v) = frame.locals.get(name) {
                return Some(v.clone());
            }
        }
        self.globals
            .get(name)
            .or_else(|| self.builtins.get(name))
            .cloned()
    }

    fn bind(&mut self, name: &str, value: Value) {
        let scope = match self.frames.last_mut() {
            Some(frame) if !frame.globals_declared.contains(name) => &mut frame.locals,
            _ => &mut self.globals,
        };
        // Rebinding (the common case in loops) reuses the stored name.
        match scope.get_mut(name) {
            Some(slot) => *slot = value,
            None => {
                scope.insert(name.to_string(), value);
            }
        }
    }

    fn unbind(&mut self, name: &str) -> bool {
        match self.frames.last_mut() {
            Some(frame) if !frame.globals_declared.contains(name) => {
                frame.locals.shift_remove(name).is_some()
            }
            _ => self.globals.shift_remove(name).is_some(),
        }
    }
}

/// A front-end error as the Python exception it stands for.
pub fn syntax_to_pyerr(e: crate::syntax::SyntaxError) -> PyErr {
    use crate::syntax::SyntaxErrorKind;
    let kind = match e.kind {
        SyntaxErrorKind::SyntaxError => ExcKind::SyntaxError,
        SyntaxErrorKind::IndentationError => ExcKind::IndentationError,
        SyntaxErrorKind::TabError => ExcKind::TabError,
    };
    PyErr::new(kind, e.message).at(e.span)
}
