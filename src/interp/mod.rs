//! Evaluation of the AST over Python-level values.
//!
//! `Interp` holds the global namespace, the call stack of local scopes and
//! the output sink. Statements live in `exec.rs`, expressions in `eval.rs`,
//! calls in `call.rs`, Python builtins in `builtins.rs`, conversions between
//! Python values and arrays in `convert.rs`, text in `text.rs`.

mod bigint;
mod builtins;
mod call;
mod containers;
pub mod convert;
mod eval;
mod exec;
mod fstring;
mod hooks;
pub mod interrupt;
mod loops;
mod names;
pub mod native;
mod pyops;
pub mod text;
pub mod value;
pub mod warnings;

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

/// A function's local names, shared with the closures defined inside it.
pub type Scope = Rc<RefCell<Names<String>>>;

/// One function call's local scope.
#[derive(Default)]
struct Frame {
    locals: Scope,
    /// Scopes of the enclosing function calls, innermost last: what a
    /// closure reads when a name is not local.
    enclosing: Vec<Scope>,
    globals_declared: HashSet<String>,
}

/// Where `print` writes.
#[derive(Clone)]
pub enum Output {
    Stdout,
    Capture(Rc<RefCell<Vec<u8>>>),
}

pub struct Interp {
    pub globals: Names<String>,
    /// Where names were last found in `globals` (a cache, always checked).
    global_slots: names::GlobalSlots,
    /// How many global names were ever removed: positions in `globals`
    /// found before a removal may be stale (`loops.rs`).
    global_removals: u64,
    builtins: Names<&'static str>,
    frames: Vec<Frame>,
    /// Exceptions being handled by enclosing `except` blocks (for bare `raise`).
    handling: Vec<PyErr>,
    output: Output,
    /// Provenance, warnings and the aliasing report (`crate::report`).
    pub(crate) report: crate::report::Session,
    /// Statements left before the run is stopped (fuzzing and sandboxes).
    step_budget: Option<u64>,
    warnings: warnings::WarningLog,
}

/// What a script printed, and how it ended.
#[derive(Clone, Debug, Default)]
pub struct RunOutput {
    /// Everything the script wrote to standard output.
    pub stdout: String,
    /// The uncaught exception that ended the run, if any: its Python type
    /// name (`IndexError`, `UFuncTypeError`, `SyntaxError`) and its message.
    pub error: Option<(String, String)>,
    /// The warnings written to standard error (plain text), with the closing
    /// summary if any.
    pub warnings: String,
}

/// How a script runs: `-W`, `--trace`, and the name shown in diagnostics.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub policy: crate::report::warnings::Policy,
    pub trace: bool,
    pub filename: String,
}

/// Runs a whole script, capturing its standard output instead of printing it.
pub fn run_captured(source: &str, filename: &str) -> RunOutput {
    let options = RunOptions {
        filename: filename.to_string(),
        ..RunOptions::default()
    };
    run_captured_with(source, &options)
}

/// Runs a whole script with `options`, capturing standard output and warnings.
pub fn run_captured_with(source: &str, options: &RunOptions) -> RunOutput {
    let sink = Rc::new(RefCell::new(Vec::new()));
    let warnings = Rc::new(RefCell::new(String::new()));
    let mut interp = Interp::new(Output::Capture(sink.clone()));
    interp.report.warnings.sink = crate::report::warnings::Sink::Capture(warnings.clone());
    interp.report.warnings.style = crate::diagnostics::Style::Plain;
    interp.configure(options);
    let result = interp.run_source(source);
    interp.finish();
    let stdout = String::from_utf8_lossy(&sink.borrow()).into_owned();
    let warnings = warnings.borrow().clone();
    RunOutput {
        stdout,
        error: result
            .err()
            .map(|e| (e.kind.name().to_string(), e.message.clone())),
        warnings,
    }
}

impl Interp {
    pub fn new(output: Output) -> Interp {
        let mut interp = Interp {
            globals: Names::default(),
            global_slots: Default::default(),
            global_removals: 0,
            builtins: builtins::namespace(),
            frames: Vec::new(),
            handling: Vec::new(),
            output,
            report: crate::report::Session::new(
                crate::report::warnings::Sink::Stderr,
                crate::diagnostics::Style::for_stderr(),
            ),
            step_budget: None,
            warnings: Default::default(),
        };
        interp
            .globals
            .insert("np".to_string(), Value::Module(value::Module::Numpy));
        // npview's own helpers (documented in the README).
        interp
            .builtins
            .insert("aliases", Value::builtin("aliases", hooks::aliases_builtin));
        interp
            .builtins
            .insert("explain", Value::builtin("explain", hooks::explain_builtin));
        interp
    }

    /// Applies `-W`, `--trace` and the file name.
    pub fn configure(&mut self, options: &RunOptions) {
        self.report.warnings.policy = options.policy;
        self.report.warnings.filename = Rc::from(options.filename.as_str());
        self.set_trace(options.trace, true);
    }

    /// The source text that spans recorded from now on index.
    pub fn set_source(&mut self, source: &str) {
        self.report.source = Rc::from(source);
    }

    /// Ends a script run: the warning summary, if one is due.
    pub fn finish(&mut self) {
        self.flush();
        self.report.warnings.finish();
    }

    /// Parses and runs a whole program.
    pub fn run_source(&mut self, source: &str) -> PyResult<()> {
        self.set_source(source);
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
        self.trace_begin();
        let result = self.exec_stmt(stmt);
        self.trace_end(stmt);
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

    /// Runs one statement typed at a prompt: as `exec_top`, and a bare
    /// expression's value is echoed as its repr (`None` echoes nothing).
    pub fn exec_interactive(&mut self, stmt: &Stmt) -> PyResult<()> {
        let crate::syntax::ast::StmtKind::Expr(e) = &stmt.kind else {
            return self.exec_top(stmt);
        };
        self.trace_begin();
        let result = self.eval(e).map(|v| {
            if !matches!(v, Value::None) {
                let text = format!("{}\n", text::repr_plain(&v));
                self.write_out(&text);
            }
        });
        self.trace_end(stmt);
        self.flush();
        result.map_err(|e| e.at(stmt.span))
    }

    /// The names of the builtins (for completion).
    pub fn builtin_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.builtins.keys().copied()
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

    /// Limits how many statements the interpreter will still run.
    pub fn set_step_budget(&mut self, steps: u64) {
        self.step_budget = Some(steps);
    }

    /// Called once per statement: honours Ctrl-C and the step budget.
    fn tick(&mut self) -> PyResult<()> {
        interrupt::check()?;
        if let Some(left) = &mut self.step_budget {
            if *left == 0 {
                return Err(PyErr::new(
                    ExcKind::RuntimeError,
                    "npview step budget exhausted",
                ));
            }
            *left -= 1;
        }
        Ok(())
    }

    /// Pushes the scope of a call to a function defined in `enclosing`.
    fn enter_call(&mut self, enclosing: Vec<Scope>) -> PyResult<()> {
        interrupt::check()?;
        if self.frames.len() >= RECURSION_LIMIT || stack_is_low() {
            return Err(PyErr::new(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.frames.push(Frame {
            enclosing,
            ..Frame::default()
        });
        Ok(())
    }

    /// The scopes a function defined here can read: the current call's
    /// locals and everything they enclose (nothing at the top level).
    fn defining_scopes(&self) -> Vec<Scope> {
        match self.frames.last() {
            Some(frame) => {
                let mut scopes = frame.enclosing.clone();
                scopes.push(frame.locals.clone());
                scopes
            }
            None => Vec::new(),
        }
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(frame) = self.frames.last() {
            if let Some(v) = frame.locals.borrow().get(name) {
                return Some(v.clone());
            }
            for scope in frame.enclosing.iter().rev() {
                if let Some(v) = scope.borrow().get(name) {
                    return Some(v.clone());
                }
            }
        }
        self.global_slots
            .get(&self.globals, name)
            .or_else(|| self.builtins.get(name))
            .cloned()
    }

    fn bind(&mut self, name: &str, value: Value) {
        if let Some(frame) = self.frames.last_mut() {
            if !is_declared_global(frame, name) {
                rebind(&mut frame.locals.borrow_mut(), name, value);
                return;
            }
        }
        if let Some(t) = self.report.trace.as_mut() {
            t.note_rebind(name, self.globals.get(name));
        }
        self.global_slots.bind(&mut self.globals, name, value);
    }

    fn unbind(&mut self, name: &str) -> bool {
        match self.frames.last_mut() {
            Some(frame) if !is_declared_global(frame, name) => {
                frame.locals.borrow_mut().shift_remove(name).is_some()
            }
            _ => {
                if let Some(t) = self.report.trace.as_mut() {
                    t.note_rebind(name, self.globals.get(name));
                }
                self.global_removals += 1;
                self.globals.shift_remove(name).is_some()
            }
        }
    }
}

/// Whether `frame`'s function declared `name` global. Most functions
/// declare nothing, which is answered without hashing the name.
fn is_declared_global(frame: &Frame, name: &str) -> bool {
    !frame.globals_declared.is_empty() && frame.globals_declared.contains(name)
}

/// Native stack kept in reserve: below it, a call or a nested evaluation is
/// a RecursionError instead of a stack overflow (the interpreter may run on
/// a small stack, e.g. an embedder's main thread).
const STACK_RESERVE: usize = 256 * 1024;

thread_local! {
    /// The stack address below which this thread's stack is low, found
    /// once per thread (0 when the stack's extent is unknown).
    static STACK_FLOOR: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Whether the native stack is nearly used up. Checked on every evaluation,
/// so the stack's limit is asked of the system once per thread, and each
/// check compares an address. The stack grows down on every target npview
/// builds for.
pub(crate) fn stack_is_low() -> bool {
    let marker = 0u8;
    let here = std::hint::black_box(std::ptr::addr_of!(marker)) as usize;
    let floor = STACK_FLOOR.with(|floor| match floor.get() {
        Some(f) => f,
        None => {
            let f = stacker::remaining_stack().map_or(0, |left| {
                here.saturating_sub(left).saturating_add(STACK_RESERVE)
            });
            floor.set(Some(f));
            f
        }
    });
    here < floor
}

/// Binds `name` in `scope`; rebinding (the common case in loops) reuses the
/// stored key instead of allocating a new one.
fn rebind(scope: &mut Names<String>, name: &str, value: Value) {
    match scope.get_mut(name) {
        Some(slot) => *slot = value,
        None => {
            scope.insert(name.to_string(), value);
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
