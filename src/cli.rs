//! The command line: `npview FILE`, `npview -c CODE`, `npview` (REPL),
//! `npview test PATH... [--bless]`. Exit status 0 on success, 1 for an
//! uncaught error in the script, 2 for a usage error.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::{self, Style};
use crate::interp::{Interp, Output};

#[derive(Parser, Debug)]
#[command(
    name = "npview",
    version,
    about = "Run NumPy-style scripts and see which arrays share memory",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CODE", conflicts_with = "file")]
    code: Option<String>,

    /// Script to run; without one (and without -c), start the REPL.
    file: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run golden-output tests: each X.npv must print exactly X.out.
    Test {
        /// Files or folders holding .npv scripts.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Rewrite the .out files from npview's output.
        #[arg(long)]
        bless: bool,
    },
}

/// Stack for the interpreter thread: deep Python recursion (up to the
/// recursion limit) must not overflow the native stack.
const INTERPRETER_STACK: usize = 512 * 1024 * 1024;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    crate::interp::interrupt::install_handler();
    let work = move || run(cli);
    match std::thread::Builder::new()
        .stack_size(INTERPRETER_STACK)
        .spawn(work)
        .map(|h| h.join())
    {
        Ok(Ok(code)) => code,
        _ => ExitCode::from(1),
    }
}

fn run(cli: Cli) -> ExitCode {
    if let Some(Command::Test { paths, bless }) = cli.command {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        return match crate::golden::run_tests(&paths, bless, &mut out) {
            Ok(summary) if summary.success() => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(e) => {
                eprintln!("npview test: {e}");
                ExitCode::from(2)
            }
        };
    }
    if let Some(code) = cli.code {
        return run_script(&code, "<string>");
    }
    if let Some(path) = cli.file {
        return match std::fs::read_to_string(&path) {
            Ok(source) => run_script(&source, &path.display().to_string()),
            Err(e) => {
                eprintln!("npview: can't open file '{}': {e}", path.display());
                ExitCode::from(2)
            }
        };
    }
    if std::io::stdin().is_terminal() {
        return match crate::repl::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("npview: {e}");
                ExitCode::from(1)
            }
        };
    }
    let mut source = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut source) {
        eprintln!("npview: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    run_script(&source, "<stdin>")
}

fn run_script(source: &str, filename: &str) -> ExitCode {
    let mut interp = Interp::new(Output::Stdout);
    interp.set_script(filename, source);
    match interp.run_source(source) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            interp.flush();
            eprint!(
                "{}",
                diagnostics::render(&err, filename, source, Style::for_stderr())
            );
            ExitCode::from(1)
        }
    }
}
