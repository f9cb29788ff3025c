//! The interactive prompt: one statement at a time, bare expressions echo
//! their repr, multi-line input when the parser says the input is incomplete.

use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

use crate::diagnostics::{self, Style};
use crate::interp::text::repr_plain;
use crate::interp::{Interp, Output, Value};
use crate::syntax::ast::StmtKind;

/// Runs one chunk of REPL input; errors are printed and the session goes on.
pub fn run_input(interp: &mut Interp, source: &str) {
    let program = match crate::syntax::parse_program(source) {
        Ok(p) => p,
        Err(e) => {
            let err = crate::interp::syntax_to_pyerr(e);
            eprint!(
                "{}",
                diagnostics::render(&err, "<stdin>", source, Style::for_stderr())
            );
            return;
        }
    };
    for stmt in &program {
        let result = match &stmt.kind {
            StmtKind::Expr(e) => interp.eval(e).map(|v| {
                if !matches!(v, Value::None) {
                    interp.write_out(&format!("{}\n", repr_plain(&v)));
                }
            }),
            _ => interp.exec_top(stmt),
        };
        interp.flush();
        if let Err(err) = result {
            eprint!(
                "{}",
                diagnostics::render(&err, "<stdin>", source, Style::for_stderr())
            );
            return;
        }
    }
}

/// Whether more lines are needed before `source` can run.
fn needs_more(source: &str) -> bool {
    match crate::syntax::parse_program(source) {
        Ok(_) => {
            // A block header keeps reading until a blank line ends the block.
            let last = source.lines().last().unwrap_or("");
            source.lines().count() > 1 && !last.trim().is_empty()
        }
        Err(e) => e.incomplete,
    }
}

/// The read-eval-print loop on a terminal.
pub fn run(options: &crate::interp::RunOptions) -> rustyline::Result<()> {
    let mut editor = DefaultEditor::new()?;
    let mut interp = Interp::new(Output::Stdout);
    interp.configure(options);
    println!("npview: a NumPy interpreter that shows how memory is shared. Ctrl-D exits.");
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
                Err(ReadlineError::Eof) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        if source.trim().is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(source.trim_end());
        run_input(&mut interp, &source);
    }
}
