//! The command line's report features: `-W` for lost-write warnings and
//! `--trace` for the aliasing report.

use std::process::{Command, Output};

fn npview(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_npview"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("npview runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const LOST: &str = "a = np.arange(5)\na[[1, 3]][0] = 99\nprint(a)\n";

#[test]
fn a_lost_write_warns_and_runs_on() {
    let out = npview(&["-c", LOST]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "[0 1 2 3 4]\n");
    let err = text(&out.stderr);
    assert!(
        err.contains("CopyWarning: this write goes into a temporary copy and is lost"),
        "{err}"
    );
    assert!(err.contains("fancy indexing makes a copy of `a`"), "{err}");
    assert!(err.contains("help: index once: a[1] = 99"), "{err}");
}

#[test]
fn w_error_stops_the_script() {
    let out = npview(&["-W", "error", "-c", LOST]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.contains("CopyWarning: this write goes into a temporary copy and is lost"),
        "{err}"
    );
    assert!(err.contains("index once: a[1] = 99"), "{err}");
}

#[test]
fn w_error_can_be_caught() {
    let code =
        "a = np.arange(5)\ntry:\n    a[[1]][0] = 9\nexcept CopyWarning:\n    print('caught')\n";
    let out = npview(&["-W", "error", "-c", code]);
    assert_eq!(text(&out.stdout), "caught\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn w_ignore_is_silent() {
    let out = npview(&["-W", "ignore", "-c", LOST]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "[0 1 2 3 4]\n");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_bad_w_action_is_a_usage_error() {
    let out = npview(&["-W", "loud", "-c", LOST]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn many_lost_writes_end_with_a_summary() {
    let code = "a = np.arange(5)\nfor i in range(5):\n    a[[i]][0] = 9\n";
    let out = npview(&["-c", code]);
    let err = text(&out.stderr);
    assert_eq!(err.matches("⚠ CopyWarning").count(), 1, "{err}");
    assert!(err.ends_with("CopyWarning summary: 5 writes went into temporary copies and were lost, at 1 place (each place is shown once)\n"), "{err}");
}

#[test]
fn trace_flag_prints_the_blessed_transcript() {
    for name in ["view_of_view", "owner_rebound", "even_odd_windows"] {
        let script = format!("tests/trace/{name}.npv");
        let out = npview(&["--trace", &script]);
        assert_eq!(out.status.code(), Some(0));
        let expected = std::fs::read_to_string(format!("tests/trace/{name}.trace"))
            .expect("transcript exists");
        assert_eq!(text(&out.stdout), expected, "{name}");
    }
}

#[test]
fn trace_with_code_from_the_command_line() {
    let out = npview(&["--trace", "-c", "a = np.arange(3)\nb = a[1:]\nb[0] = 7\n"]);
    assert_eq!(
        text(&out.stdout),
        "~ line 1: a = np.arange(3)\n\
         ~   a: new array from np.arange(3), owns buf#1 [int64 (3,) strides (8,)]\n\
         ~ line 2: b = a[1:]\n\
         ~   b: view of a (basic slicing) on buf#1 at byte 8 [int64 (2,) strides (8,)]\n\
         ~ line 3: b[0] = 7\n\
         ~   write to buf#1: b[0]; also seen by a[1]\n"
    );
}
