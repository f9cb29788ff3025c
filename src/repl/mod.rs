//! The interactive prompt: one input at a time, bare expressions echo their
//! repr, multi-line input when the parser says the input is incomplete, and
//! after each statement the aliasing report (`crate::report::trace`).
//!
//! [`Repl`] holds the session and runs inputs and meta-commands without a
//! terminal (tests drive it directly); [`run`] wraps it in a rustyline
//! editor with history and completion (`complete.rs`).
//!
//! Every input is appended to one session text, and parsed as if it stood
//! at its place there, so spans recorded by earlier inputs (a function
//! defined three inputs ago) still point at the right line.

mod complete;
mod highlight;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::Editor;

use crate::diagnostics::{self, Style};
use crate::interp::{Interp, Output, RunOptions, Value};
use crate::report::trace::{Context, ValueKind};

pub use complete::COMMANDS;

/// Environment variable naming the history file (default `~/.npview_history`).
pub const HISTORY_VAR: &str = "NPVIEW_HISTORY";

const HELP: &str = "\
npview: Python with NumPy semantics; after each statement a report says which
names own a buffer, which are views of which array, and who saw each write.

  :help            this text
  :vars            every name: type, and for arrays owner, view of, or copy
  :mem [name]      a picture of each buffer and the elements each name covers
  :report on|off   the report after each statement (on by default)
  :load FILE       run a script here, with the report
  :reset           forget every name
  :quit            leave (also :exit, Ctrl-D)

Helpers (also in scripts): is_view(x), aliases(x), explain(x).
Tab completes names, np. members, array attributes and these commands.
";

/// What the loop does after an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    Continue,
    Quit,
}

/// One interactive session.
pub struct Repl {
    interp: Interp,
    output: Output,
    options: RunOptions,
    /// All code run so far: spans index it.
    session: String,
    report: bool,
}

impl Repl {
    pub fn new(options: &RunOptions, output: Output) -> Repl {
        let mut options = options.clone();
        options.filename = "<stdin>".to_string();
        let interp = Self::fresh_interp(&options, &output);
        Repl {
            interp,
            output,
            options,
            session: String::new(),
            report: true,
        }
    }

    fn fresh_interp(options: &RunOptions, output: &Output) -> Interp {
        let mut interp = Interp::new(output.clone());
        interp.configure(options);
        interp.set_trace(true, false);
        interp
    }

    /// Runs one complete input: a meta-command or code.
    pub fn run_input(&mut self, text: &str) -> Control {
        let trimmed = text.trim();
        if trimmed.starts_with(':') {
            return self.command(trimmed);
        }
        self.run_code(text);
        Control::Continue
    }

    fn run_code(&mut self, text: &str) {
        let offset = self.session.len();
        self.session.push_str(text);
        if !text.ends_with('\n') {
            self.session.push('\n');
        }
        // Parsed as if at its place in the session: blank lines first.
        let padded = format!("{}{text}", "\n".repeat(offset));
        self.interp.set_source(&self.session);
        let program = match crate::syntax::parse_program(&padded) {
            Ok(p) => p,
            Err(e) => {
                self.show_error(&crate::interp::syntax_to_pyerr(e));
                return;
            }
        };
        // A Ctrl-C pressed at the prompt is not meant for this input.
        crate::interp::interrupt::clear();
        for stmt in &program {
            if let Err(err) = self.interp.exec_interactive(stmt) {
                self.show_error(&err);
                return;
            }
        }
    }

    fn show_error(&mut self, err: &crate::error::PyErr) {
        self.interp.flush();
        let style = match self.output {
            Output::Stdout => Style::for_stderr(),
            Output::Capture(_) => Style::Plain,
        };
        let text = diagnostics::render(err, "<stdin>", &self.session, style);
        match &self.output {
            Output::Stdout => eprint!("{text}"),
            Output::Capture(_) => self.interp.write_out(&text),
        }
    }

    fn say(&mut self, lines: &[String]) {
        let mut text = lines.join("\n");
        text.push('\n');
        self.interp.write_out(&text);
    }

    fn command(&mut self, line: &str) -> Control {
        let mut parts = line.splitn(2, char::is_whitespace);
        let name = parts.next().unwrap_or("");
        let arg = parts.next().map(str::trim).unwrap_or("");
        match name {
            ":quit" | ":exit" | ":q" => return Control::Quit,
            ":help" | ":h" => {
                self.interp.write_out(HELP);
            }
            ":vars" => {
                let interp = &mut self.interp;
                let ctx = Context {
                    globals: &interp.globals,
                    provenance: &interp.report.provenance,
                    writer: None,
                    value_kind: ValueKind::Other,
                    value_text: "",
                };
                let lines =
                    crate::report::mem::vars(&interp.globals, &ctx, &mut interp.report.labels);
                self.say(&lines);
            }
            ":mem" => {
                let only = (!arg.is_empty()).then_some(arg);
                let interp = &mut self.interp;
                let lines =
                    crate::report::mem::diagram(&interp.globals, only, &mut interp.report.labels);
                self.say(&lines);
            }
            ":report" => match arg {
                "on" | "off" => {
                    self.report = arg == "on";
                    self.interp.set_trace(self.report, false);
                    let text = format!("report {arg}");
                    self.say(&[text]);
                }
                _ => {
                    let text = format!(
                        "the report is {}; use :report on or :report off",
                        if self.report { "on" } else { "off" }
                    );
                    self.say(&[text]);
                }
            },
            ":reset" => {
                self.interp = Self::fresh_interp(&self.options, &self.output);
                self.interp.set_trace(self.report, false);
                self.session.clear();
                self.say(&["every name forgotten".to_string()]);
            }
            ":load" => match std::fs::read_to_string(arg) {
                Ok(source) => self.run_code(&source),
                Err(e) => {
                    let text = format!("cannot load '{arg}': {e}");
                    self.say(&[text]);
                }
            },
            _ => {
                let text = format!("unknown command {name}; :help lists them");
                self.say(&[text]);
            }
        }
        Control::Continue
    }

    /// The names completion offers now.
    fn names(&self) -> complete::Names {
        let mut all: Vec<String> = self.interp.globals.keys().cloned().collect();
        all.extend(self.interp.builtin_names().map(str::to_string));
        let arrays = self
            .interp
            .globals
            .iter()
            .filter(|(_, v)| matches!(v, Value::Array(_)))
            .map(|(n, _)| n.clone())
            .collect();
        complete::Names { all, arrays }
    }
}

/// Whether more lines are needed before `source` can run.
pub fn needs_more(source: &str) -> bool {
    if source.trim_start().starts_with(':') {
        return false;
    }
    match crate::syntax::parse_program(source) {
        Ok(_) => {
            // A block header keeps reading until a blank line ends the block.
            let last = source.lines().last().unwrap_or("");
            source.lines().count() > 1 && !last.trim().is_empty()
        }
        Err(e) => e.incomplete,
    }
}

/// The history file: `$NPVIEW_HISTORY`, else `~/.npview_history`.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(HISTORY_VAR).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".npview_history"))
}

/// The read-eval-print loop on a terminal.
pub fn run(options: &RunOptions) -> rustyline::Result<()> {
    let names = Rc::new(RefCell::new(complete::Names::default()));
    let mut editor: Editor<complete::ReplHelper, DefaultHistory> = Editor::new()?;
    editor.set_helper(Some(complete::ReplHelper {
        names: names.clone(),
        colour: Style::for_stdout() == Style::Color,
    }));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let mut repl = Repl::new(options, Output::Stdout);
    *names.borrow_mut() = repl.names();
    println!("npview: NumPy semantics, with a report of who shares memory after each statement. :help for commands, Ctrl-D exits.");
    loop {
        let mut source = String::new();
        let mut prompt = ">>> ";
        loop {
            match editor.readline(prompt) {
                Ok(line) => {
                    source.push_str(&line);
                    source.push('\n');
                    if !needs_more(&source) {
                        break;
                    }
                    prompt = "... ";
                }
                Err(ReadlineError::Interrupted) => {
                    println!("KeyboardInterrupt");
                    source.clear();
                    break;
                }
                Err(ReadlineError::Eof) => {
                    if let Some(path) = &history {
                        let _ = editor.save_history(path);
                    }
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
        if source.trim().is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(source.trim_end());
        if let Some(path) = &history {
            let _ = editor.save_history(path);
        }
        let control = repl.run_input(&source);
        *names.borrow_mut() = repl.names();
        if control == Control::Quit {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> (Repl, Rc<RefCell<Vec<u8>>>) {
        let sink = Rc::new(RefCell::new(Vec::new()));
        let repl = Repl::new(&RunOptions::default(), Output::Capture(sink.clone()));
        (repl, sink)
    }

    fn take(sink: &Rc<RefCell<Vec<u8>>>) -> String {
        String::from_utf8(std::mem::take(&mut *sink.borrow_mut())).unwrap()
    }

    #[test]
    fn reports_after_each_statement_and_echoes() {
        let (mut r, out) = session();
        r.run_input("a = np.arange(4)\n");
        assert!(take(&out).starts_with("  a: new array from np.arange(4), owns buf#1"));
        r.run_input("b = a[1:3]\n");
        let text = take(&out);
        assert!(
            text.contains("b: view of a (basic slicing) on buf#1 at byte 8"),
            "{text}"
        );
        r.run_input("b[0] = 9\n");
        assert_eq!(take(&out), "  write to buf#1: b[0]; also seen by a[1]\n");
        r.run_input("a\n");
        assert_eq!(take(&out), "array([0, 9, 2, 3])\n");
    }

    #[test]
    fn meta_commands() {
        let (mut r, out) = session();
        r.run_input("a = np.arange(4)\nv = a[::2]\n");
        take(&out);
        r.run_input(":mem");
        assert_eq!(
            take(&out),
            "buf#1: 32 bytes, 4 cells of 8 bytes\n  a  ####\n  v  #.#.\n"
        );
        r.run_input(":vars");
        let vars = take(&out);
        assert!(vars.contains("v: view of a (basic slicing)"), "{vars}");
        r.run_input(":report off");
        take(&out);
        r.run_input("c = a.copy()\n");
        assert_eq!(take(&out), "");
        r.run_input(":reset");
        take(&out);
        r.run_input("a\n");
        assert!(take(&out).contains("NameError: name 'a' is not defined"));
        assert_eq!(r.run_input(":quit"), Control::Quit);
    }

    #[test]
    fn functions_from_earlier_inputs_point_at_their_lines() {
        let (mut r, out) = session();
        r.run_input("def f(x):\n    return x[10]\n\n");
        r.run_input("f(np.arange(3))\n");
        let text = take(&out);
        assert!(text.contains("2 │     return x[10]"), "{text}");
    }

    #[test]
    fn continuation_is_decided_by_the_parser() {
        assert!(needs_more("if True:\n"));
        assert!(needs_more("x = (1,\n"));
        assert!(!needs_more("x = 1\n"));
        assert!(!needs_more(":help\n"));
    }
}
