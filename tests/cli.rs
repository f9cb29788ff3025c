//! The command line as users meet it: exit codes, where output goes, and
//! what an uncaught error looks like.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn npview(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_npview"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("npview starts");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(text.as_bytes())
            .expect("stdin accepts the script");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("npview finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn runs_code_from_the_command_line() {
    let out = npview(
        &[
            "-c",
            "import numpy as np; a = np.arange(5); b = a[1:3]; b[0] = 9; print(a, is_view(b))",
        ],
        None,
    );
    assert_eq!(text(&out.stdout), "[0 9 2 3 4] True\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn runs_a_script_file() {
    let out = npview(&["examples/03_slicing_makes_views.npv"], None);
    let expected = std::fs::read_to_string("examples/03_slicing_makes_views.out")
        .expect("expected output exists");
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn reads_a_script_from_a_pipe() {
    let out = npview(&[], Some("x = np.arange(3)\nprint(x * 2)\n"));
    assert_eq!(text(&out.stdout), "[0 2 4]\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_error_exits_1_keeps_earlier_output_and_points_at_the_source() {
    let out = npview(
        &[
            "-c",
            "a = np.arange(5)\nprint('before')\nprint(a[10])\nprint('after')",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "before\n");
    let err = text(&out.stderr);
    assert!(
        err.contains("IndexError: index 10 is out of bounds for axis 0 with size 5"),
        "{err}"
    );
    assert!(
        err.contains("print(a[10])"),
        "the source line is shown: {err}"
    );
    assert!(err.contains("<string>:3:"), "line 3 is named: {err}");
    assert!(
        !err.contains('\u{1b}'),
        "NO_COLOR gives plain text: {err:?}"
    );
}

#[test]
fn syntax_errors_are_reported_before_anything_runs() {
    let out = npview(&["-c", "print('never')\nx = (1,"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).contains("SyntaxError"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(npview(&["--no-such-flag"], None).status.code(), Some(2));
    assert_eq!(npview(&["no/such/file.npv"], None).status.code(), Some(2));
}

#[test]
fn a_failed_statement_changes_nothing() {
    let code = "a = np.arange(5)\ntry:\n    a[[0, 1, 9]] = 7\nexcept IndexError as e:\n    print(e)\nprint(a)";
    let out = npview(&["-c", code], None);
    assert_eq!(
        text(&out.stdout),
        "index 9 is out of bounds for axis 0 with size 5\n[0 1 2 3 4]\n"
    );
}

#[test]
fn test_subcommand_checks_golden_files() {
    let out = npview(&["test", "examples/02_copy_vs_view.npv"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("PASS"));
}

/// Ufuncs called as functions warn as NumPy does (expected text: NumPy 2.4's
/// standard error for the same code under `python3 -c`).
#[test]
fn ufunc_calls_give_numpys_runtime_warnings() {
    let code = "import numpy as np
a = np.array([1.0, -1.0, 0.0])
r = np.divide(a, 0.0)
c = np.zeros(2)
r = np.add(np.array([1e308, 1.0]), 1e308, out=c)
r = np.sqrt(-1.0)
r = np.log(np.array([0.0, 2.0]))
r = np.power(np.array([2.0]), 2)
r = np.exp(np.array([1.0]))";
    let out = npview(&["-c", code], None);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "<string>:3: RuntimeWarning: divide by zero encountered in divide
<string>:3: RuntimeWarning: invalid value encountered in divide
<string>:5: RuntimeWarning: overflow encountered in add
<string>:6: RuntimeWarning: invalid value encountered in sqrt
<string>:7: RuntimeWarning: divide by zero encountered in log
"
    );
}
