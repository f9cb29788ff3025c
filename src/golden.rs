//! Golden-output tests: `npview test PATH... [--bless]`.
//!
//! A golden test is a script `X.npv` with its expected output `X.out` beside
//! it. The expected output is everything the script prints, followed, when an
//! exception escapes, by one last line `Type: message`. The `.out` files are
//! produced by `tools/numpy_oracle.py` from real NumPy; only scripts whose
//! first line is `# npview-only` get theirs from npview (`--bless`).
//!
//! Two more files may sit beside a script, both npview's own output, blessed
//! by npview and reviewed by hand:
//! - `X.err`: the warnings the script writes to standard error (plain text).
//!   A script without one must write no warnings.
//! - `X.trace`: what `npview --trace X.npv` prints (output interleaved with
//!   the aliasing report), checked when the file exists.
//!
//! This module owns discovery, running, comparison and reporting. It does not
//! parse command lines (that is the CLI's job) and it does not know how
//! scripts are evaluated: it calls [`crate::interp::run_captured`].

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use similar::TextDiff;

use crate::interp::{self, RunOutput};

/// File extension of golden scripts.
pub const SCRIPT_EXTENSION: &str = "npv";
/// File extension of expected outputs.
pub const EXPECTED_EXTENSION: &str = "out";
/// File extension of expected warnings.
pub const WARNINGS_EXTENSION: &str = "err";
/// File extension of expected `--trace` transcripts.
pub const TRACE_EXTENSION: &str = "trace";
/// First line of a script whose `.out` npview writes (NumPy cannot run it).
pub const NPVIEW_ONLY: &str = "# npview-only";

/// What `run_tests` does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mode {
    /// Rewrite expected files instead of comparing.
    pub bless: bool,
    /// With `bless`, also create missing `.trace` files.
    pub trace: bool,
}

/// Stack size of the thread each script runs on: deeply nested expressions
/// recurse deeply in a tree-walking interpreter, more so in debug builds.
const SCRIPT_STACK_SIZE: usize = 64 * 1024 * 1024;
/// A script still running after this long counts as a failure.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(60);

/// Totals of one `npview test` run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TestSummary {
    /// Scripts whose output matched their `.out` file.
    pub passed: usize,
    /// Scripts whose output differed, whose `.out` was missing, or that
    /// could not be run.
    pub failed: usize,
    /// `.out` files written by `--bless`.
    pub blessed: usize,
}

impl TestSummary {
    /// True when no script failed.
    pub fn success(&self) -> bool {
        self.failed == 0
    }

    /// Number of scripts seen.
    pub fn total(&self) -> usize {
        self.passed + self.failed + self.blessed
    }
}

impl fmt::Display for TestSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = if self.success() { "ok" } else { "FAILED" };
        write!(
            f,
            "test result: {status}. {} passed; {} failed",
            self.passed, self.failed
        )?;
        if self.blessed > 0 {
            write!(f, "; {} blessed", self.blessed)?;
        }
        Ok(())
    }
}

/// The `.out` file that holds the expected output of `script`.
pub fn expected_path(script: &Path) -> PathBuf {
    script.with_extension(EXPECTED_EXTENSION)
}

/// All `.npv` scripts under `paths`, sorted and without duplicates.
///
/// Directories are searched recursively (skipping hidden entries); a path
/// naming a file is taken as a script whatever its extension. A path that
/// does not exist is an error.
pub fn discover(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut scripts = Vec::new();
    for path in paths {
        let meta = fs::metadata(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        if meta.is_dir() {
            collect_scripts(path, &mut scripts)?;
        } else {
            scripts.push(path.clone());
        }
    }
    scripts.sort();
    scripts.dedup();
    Ok(scripts)
}

fn collect_scripts(dir: &Path, scripts: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            collect_scripts(&path, scripts)?;
        } else if path.extension().is_some_and(|ext| ext == SCRIPT_EXTENSION) {
            scripts.push(path);
        }
    }
    Ok(())
}

/// The text a golden file holds for a finished run: the captured standard
/// output, then `Type: message` on a line of its own if an error escaped.
pub fn format_output(run: &RunOutput) -> String {
    let mut text = run.stdout.clone();
    if let Some((kind, message)) = &run.error {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(kind);
        text.push_str(": ");
        text.push_str(message);
        text.push('\n');
    }
    text
}

/// Runs one script and returns its output in golden-file form.
pub fn actual_output(script: &Path) -> Result<String, String> {
    run_script(script, false).map(|run| format_output(&run))
}

/// Whether `script` is marked `# npview-only`.
pub fn is_npview_only(script: &Path) -> bool {
    fs::read_to_string(script)
        .is_ok_and(|s| s.trim_start_matches('\u{feff}').starts_with(NPVIEW_ONLY))
}

/// Runs one script (with the aliasing report when `trace`).
///
/// The script runs on its own thread with a large stack. A panic or a run
/// longer than the timeout is reported as an error, not as output.
pub fn run_script(script: &Path, trace: bool) -> Result<RunOutput, String> {
    let source =
        fs::read_to_string(script).map_err(|e| format!("cannot read {}: {e}", script.display()))?;
    let filename = script.display().to_string();
    // Diagnostics name the file alone, so expected files do not depend on
    // the directory the tests run from.
    let shown = script
        .file_name()
        .map_or(filename.clone(), |n| n.to_string_lossy().into_owned());
    let options = interp::RunOptions {
        trace,
        filename: shown,
        ..interp::RunOptions::default()
    };
    let (sender, receiver) = mpsc::channel();
    let worker = thread::Builder::new()
        .name(format!("npview {filename}"))
        .stack_size(SCRIPT_STACK_SIZE)
        .spawn(move || {
            let run = interp::run_captured_with(&source, &options);
            // The receiver is gone only after a timeout; nothing to report then.
            let _ = sender.send(run);
        })
        .map_err(|e| format!("cannot start a thread for {}: {e}", script.display()))?;
    match receiver.recv_timeout(SCRIPT_TIMEOUT) {
        Ok(run) => {
            let _ = worker.join();
            Ok(run)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "{} did not finish within {} seconds",
            script.display(),
            SCRIPT_TIMEOUT.as_secs()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let reason = match worker.join() {
                Err(payload) => panic_message(payload.as_ref()),
                Ok(()) => "no result".to_string(),
            };
            Err(format!(
                "the interpreter panicked on {}: {reason}",
                script.display()
            ))
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// A unified diff from `expected` to `actual`, labelled for a reader.
pub fn render_diff(expected: &str, actual: &str, expected_label: &str) -> String {
    TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{expected_label} (expected)"), "npview (actual)")
        .to_string()
}

/// Runs `script` and compares its output with the `.out` file beside it,
/// its warnings with the `.err` file (none expected without one) and, when a
/// `.trace` file exists, its `--trace` transcript.
///
/// `Err` carries a message for a human: a unified diff, or why the script
/// could not be checked (missing `.out`, panic, timeout).
pub fn check_one(script: &Path) -> Result<(), String> {
    let run = run_script(script, false)?;
    let mut problems = Vec::new();
    if let Err(e) = compare_out(script, &format_output(&run)) {
        problems.push(e);
    }
    let err_path = script.with_extension(WARNINGS_EXTENSION);
    let expected_err = fs::read_to_string(&err_path).unwrap_or_default();
    if run.warnings != expected_err {
        problems.push(render_diff(
            &expected_err,
            &run.warnings,
            &err_path.display().to_string(),
        ));
    }
    let trace_path = script.with_extension(TRACE_EXTENSION);
    if let Ok(expected) = fs::read_to_string(&trace_path) {
        let traced = format_output(&run_script(script, true)?);
        if traced != expected {
            problems.push(render_diff(
                &expected,
                &traced,
                &trace_path.display().to_string(),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Compares `actual` with the `.out` file of `script`.
fn compare_out(script: &Path, actual: &str) -> Result<(), String> {
    let out_path = expected_path(script);
    let expected = match fs::read_to_string(&out_path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(format!(
                "{} is missing: generate it with `python3 tools/numpy_oracle.py {}` \
                 (or `npview test --bless` for an npview-only script)",
                out_path.display(),
                script.display()
            ));
        }
        Err(e) => return Err(format!("cannot read {}: {e}", out_path.display())),
    };
    if actual == expected {
        Ok(())
    } else {
        Err(render_diff(
            &expected,
            actual,
            &out_path.display().to_string(),
        ))
    }
}

/// Runs `script` and rewrites the expected files npview owns: the `.out`
/// of an npview-only script, the `.err` warnings (removed when there are
/// none), and the `.trace` transcript when it exists or `mode.trace` asks.
/// The `.out` of any other script is NumPy's and is only compared.
/// Returns whether a file changed.
pub fn bless_one(script: &Path, mode: Mode) -> Result<bool, String> {
    let run = run_script(script, false)?;
    let actual = format_output(&run);
    let mut changed = false;
    if is_npview_only(script) {
        changed |= write_if_changed(&expected_path(script), &actual)?;
    } else {
        compare_out(script, &actual)?;
    }
    let err_path = script.with_extension(WARNINGS_EXTENSION);
    if run.warnings.is_empty() {
        if err_path.exists() {
            fs::remove_file(&err_path)
                .map_err(|e| format!("cannot remove {}: {e}", err_path.display()))?;
            changed = true;
        }
    } else {
        changed |= write_if_changed(&err_path, &run.warnings)?;
    }
    let trace_path = script.with_extension(TRACE_EXTENSION);
    if mode.trace || trace_path.exists() {
        let traced = format_output(&run_script(script, true)?);
        changed |= write_if_changed(&trace_path, &traced)?;
    }
    Ok(changed)
}

fn write_if_changed(path: &Path, text: &str) -> Result<bool, String> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(false);
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

/// Runs every script under `paths`, reporting `PASS`/`FAIL` (or `BLESS`)
/// per script, diffs for failures and a summary line to `out`.
///
/// With `bless`, each `.out` file is rewritten from npview's output instead
/// of being compared. Errors are those of discovery and of writing to `out`;
/// a failing script is counted in the summary, not returned as an error.
pub fn run_tests(paths: &[PathBuf], mode: Mode, out: &mut dyn Write) -> io::Result<TestSummary> {
    let scripts = discover(paths)?;
    let mut summary = TestSummary::default();
    for script in &scripts {
        let shown = script.display();
        if mode.bless {
            match bless_one(script, mode) {
                Ok(true) => {
                    summary.blessed += 1;
                    writeln!(out, "BLESS {shown}")?;
                }
                Ok(false) => {
                    summary.passed += 1;
                    writeln!(out, "PASS  {shown}")?;
                }
                Err(reason) => {
                    summary.failed += 1;
                    writeln!(out, "FAIL  {shown}")?;
                    write_indented(out, &reason)?;
                }
            }
        } else {
            match check_one(script) {
                Ok(()) => {
                    summary.passed += 1;
                    writeln!(out, "PASS  {shown}")?;
                }
                Err(reason) => {
                    summary.failed += 1;
                    writeln!(out, "FAIL  {shown}")?;
                    write_indented(out, &reason)?;
                }
            }
        }
    }
    if scripts.is_empty() {
        writeln!(out, "no .{SCRIPT_EXTENSION} scripts found")?;
    }
    writeln!(out)?;
    writeln!(out, "{summary}")?;
    Ok(summary)
}

fn write_indented(out: &mut dyn Write, text: &str) -> io::Result<()> {
    for line in text.lines() {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(stdout: &str, error: Option<(&str, &str)>) -> RunOutput {
        RunOutput {
            stdout: stdout.to_string(),
            error: error.map(|(t, m)| (t.to_string(), m.to_string())),
            warnings: String::new(),
        }
    }

    #[test]
    fn output_without_error_is_stdout() {
        assert_eq!(format_output(&run("[1 2 3]\n", None)), "[1 2 3]\n");
        assert_eq!(format_output(&run("", None)), "");
    }

    #[test]
    fn error_is_the_last_line() {
        let r = run(
            "before\n",
            Some((
                "IndexError",
                "index 5 is out of bounds for axis 0 with size 3",
            )),
        );
        assert_eq!(
            format_output(&r),
            "before\nIndexError: index 5 is out of bounds for axis 0 with size 3\n"
        );
        let r = run("", Some(("SyntaxError", "invalid syntax")));
        assert_eq!(format_output(&r), "SyntaxError: invalid syntax\n");
    }

    #[test]
    fn error_starts_a_new_line() {
        let r = run("no newline", Some(("ValueError", "bad")));
        assert_eq!(format_output(&r), "no newline\nValueError: bad\n");
    }

    #[test]
    fn expected_path_is_beside_the_script() {
        assert_eq!(
            expected_path(Path::new("tests/golden/views/t.npv")),
            PathBuf::from("tests/golden/views/t.out")
        );
    }

    #[test]
    fn diff_shows_both_sides() {
        let diff = render_diff("a\nb\n", "a\nc\n", "t.out");
        assert!(diff.contains("--- t.out (expected)"), "{diff}");
        assert!(diff.contains("+++ npview (actual)"), "{diff}");
        assert!(diff.contains("-b\n"), "{diff}");
        assert!(diff.contains("+c\n"), "{diff}");
    }

    #[test]
    fn summary_line() {
        let s = TestSummary {
            passed: 3,
            failed: 1,
            blessed: 0,
        };
        assert!(!s.success());
        assert_eq!(s.to_string(), "test result: FAILED. 3 passed; 1 failed");
    }

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("npview-golden-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn run_tests_reports_pass_fail_and_missing() {
        let root = scratch_dir("report");
        fs::write(root.join("a_pass.npv"), "").unwrap();
        fs::write(root.join("a_pass.out"), "").unwrap();
        fs::write(root.join("b_fail.npv"), "").unwrap();
        fs::write(root.join("b_fail.out"), "expected line\n").unwrap();
        fs::write(root.join("c_missing.npv"), "").unwrap();
        let mut report = Vec::new();
        let summary = run_tests(std::slice::from_ref(&root), Mode::default(), &mut report).unwrap();
        let report = String::from_utf8(report).unwrap();
        assert_eq!(
            summary,
            TestSummary {
                passed: 1,
                failed: 2,
                blessed: 0
            }
        );
        assert!(report.contains("PASS  "), "{report}");
        assert!(report.contains("-expected line"), "{report}");
        assert!(report.contains("c_missing.out is missing"), "{report}");
        assert!(
            report.ends_with("test result: FAILED. 1 passed; 2 failed\n"),
            "{report}"
        );
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn bless_writes_missing_and_changed_outputs() {
        let root = scratch_dir("bless");
        let only = "# npview-only\n";
        fs::write(root.join("same.npv"), only).unwrap();
        fs::write(root.join("same.out"), "").unwrap();
        fs::write(root.join("stale.npv"), only).unwrap();
        fs::write(root.join("stale.out"), "old\n").unwrap();
        fs::write(root.join("new.npv"), only).unwrap();
        let mut report = Vec::new();
        let mode = Mode {
            bless: true,
            trace: false,
        };
        let summary = run_tests(std::slice::from_ref(&root), mode, &mut report).unwrap();
        assert_eq!((summary.passed, summary.blessed, summary.failed), (1, 2, 0));
        assert_eq!(fs::read_to_string(root.join("stale.out")).unwrap(), "");
        assert_eq!(fs::read_to_string(root.join("new.out")).unwrap(), "");
        assert!(check_one(&root.join("stale.npv")).is_ok());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn bless_never_rewrites_numpys_outputs_but_writes_warnings() {
        let root = scratch_dir("bless-oracle");
        fs::write(root.join("ok.npv"), "a = np.arange(4)\na[[1, 2]][0] = 9\n").unwrap();
        fs::write(root.join("ok.out"), "").unwrap();
        fs::write(root.join("wrong.npv"), "print(1)\n").unwrap();
        fs::write(root.join("wrong.out"), "2\n").unwrap();
        let mode = Mode {
            bless: true,
            trace: false,
        };
        let mut report = Vec::new();
        let summary = run_tests(std::slice::from_ref(&root), mode, &mut report).unwrap();
        assert_eq!((summary.blessed, summary.failed), (1, 1));
        assert_eq!(fs::read_to_string(root.join("wrong.out")).unwrap(), "2\n");
        let err = fs::read_to_string(root.join("ok.err")).unwrap();
        assert!(err.contains("CopyWarning"), "{err}");
        assert!(check_one(&root.join("ok.npv")).is_ok());
        fs::write(root.join("ok.err"), "").unwrap();
        assert!(check_one(&root.join("ok.npv")).is_err());
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn discovery_is_recursive_and_sorted() {
        let root = scratch_dir("discover");
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        for name in [
            "b/c/z.npv",
            "b/a.npv",
            "m.npv",
            "m.out",
            "notes.txt",
            ".hidden/h.npv",
        ] {
            fs::write(root.join(name), "").unwrap();
        }
        let found = discover(std::slice::from_ref(&root)).unwrap();
        let rel: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            rel,
            vec![
                PathBuf::from("b/a.npv"),
                PathBuf::from("b/c/z.npv"),
                PathBuf::from("m.npv")
            ]
        );
        assert!(discover(&[root.join("absent")]).is_err());
        fs::remove_dir_all(&root).unwrap();
    }
}
