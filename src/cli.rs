//! The command line: `npview FILE`, `npview -c CODE`, `npview` (REPL),
//! `npview --trace FILE` (the aliasing report after each statement),
//! `-W error|ignore` (what lost-write warnings do), and
//! `npview test PATH... [--bless] [--trace]`. Exit status 0 on success, 1
//! for an uncaught error in the script, 2 for a usage error.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostics::{self, Style};
use crate::interp::{Interp, Output, RunOptions};
use crate::report::warnings::Policy;

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

    /// After each top-level statement, report which names own, view or
    /// share memory and who saw each write.
    #[arg(long)]
    trace: bool,

    /// What to do with warnings: `default` (show each place once),
    /// `error` (raise), `ignore`.
    #[arg(short = 'W', value_name = "ACTION", value_parser = parse_policy)]
    warnings: Option<Policy>,

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
        /// Rewrite expected files from npview's output: the `.err`
        /// warnings, existing `.trace` reports, and `.out` only for
        /// `# npview-only` scripts (NumPy writes the others).
        #[arg(long)]
        bless: bool,
        /// With --bless, also create missing `.trace` files.
        #[arg(long)]
        trace: bool,
    },
}

fn parse_policy(text: &str) -> Result<Policy, String> {
    Policy::parse(text)
        .ok_or_else(|| format!("invalid action '{text}': use default, error or ignore"))
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
    if let Some(Command::Test {
        paths,
        bless,
        trace,
    }) = cli.command
    {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let mode = crate::golden::Mode { bless, trace };
        return match crate::golden::run_tests(&paths, mode, &mut out) {
            Ok(summary) if summary.success() => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(e) => {
                eprintln!("npview test: {e}");
                ExitCode::from(2)
            }
        };
    }
    let mut options = RunOptions {
        policy: cli.warnings.unwrap_or_default(),
        trace: cli.trace,
        filename: "<string>".to_string(),
    };
    if let Some(code) = cli.code {
        return run_script(&code, &options);
    }
    if let Some(path) = cli.file {
        options.filename = path.display().to_string();
        return match std::fs::read_to_string(&path) {
            Ok(source) => run_script(&source, &options),
            Err(e) => {
                eprintln!("npview: can't open file '{}': {e}", path.display());
                ExitCode::from(2)
            }
        };
    }
    if std::io::stdin().is_terminal() {
        return match crate::repl::run(&options) {
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
    options.filename = "<stdin>".to_string();
    run_script(&source, &options)
}

fn run_script(source: &str, options: &RunOptions) -> ExitCode {
    let mut interp = Interp::new(Output::Stdout);
    interp.set_script(&options.filename, source);
    interp.configure(options);
    let result = interp.run_source(source);
    interp.finish();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprint!(
                "{}",
                diagnostics::render(&err, &options.filename, source, Style::for_stderr())
            );
            ExitCode::from(1)
        }
    }
}
