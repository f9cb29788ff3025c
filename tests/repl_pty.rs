//! The REPL as a user meets it: driven through a pseudo-terminal.

use std::process::Command;

use rexpect::session::{spawn_command, PtySession};

const TIMEOUT_MS: u64 = 20_000;

fn start(home: &std::path::Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_npview"));
    cmd.env("NO_COLOR", "1")
        .env("HOME", home)
        .env("NPVIEW_HISTORY", home.join("history.txt"))
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("npview starts in a pty");
    p.exp_string(">>> ").expect("first prompt");
    p
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("npview-pty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn reports_blocks_completion_interrupt_and_history() {
    let home = scratch("session");
    let mut p = start(&home);
    p.send_line("a = np.arange(4)").unwrap();
    p.exp_string("a: new array from np.arange(4), owns buf#1")
        .unwrap();
    p.exp_string(">>> ").unwrap();
    p.send_line("v = a[::2]").unwrap();
    p.exp_string("v: view of a (basic slicing) on buf#1 at byte 0")
        .unwrap();
    p.exp_string(">>> ").unwrap();

    // A block: continuation prompts until a blank line.
    p.send_line("for i in range(2):").unwrap();
    p.exp_string("... ").unwrap();
    p.send_line("    v[i] = 9").unwrap();
    p.exp_string("... ").unwrap();
    p.send_line("").unwrap();
    p.exp_string("write to buf#1").unwrap();
    p.exp_string(">>> ").unwrap();

    // Tab completes an array attribute.
    p.send("print(a.sha").unwrap();
    p.send("\t").unwrap();
    p.send_line(")").unwrap();
    p.exp_string("(4,)").unwrap();
    p.exp_string(">>> ").unwrap();

    // A lost write warns on the terminal.
    p.send_line("a[[1, 3]][0] = 99").unwrap();
    p.exp_string("CopyWarning").unwrap();
    p.exp_string("index once: a[1] = 99").unwrap();
    p.exp_string(">>> ").unwrap();

    // Ctrl-C clears the line and keeps the session.
    p.send("x = 1").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("KeyboardInterrupt").unwrap();
    p.send_line("a").unwrap();
    p.exp_string("array([9, 1, 9, 3])").unwrap();
    p.exp_string(">>> ").unwrap();

    // Ctrl-C stops a running statement; the names stay.
    p.send_line("while True:").unwrap();
    p.exp_string("... ").unwrap();
    p.send_line("    pass").unwrap();
    p.exp_string("... ").unwrap();
    p.send_line("").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_string("KeyboardInterrupt").unwrap();
    p.exp_string(">>> ").unwrap();

    p.send_line(":mem").unwrap();
    p.exp_string("v  #.#.").unwrap();
    p.exp_string(">>> ").unwrap();

    // Ctrl-D leaves; history survives the session.
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let history = std::fs::read_to_string(home.join("history.txt")).expect("history written");
    assert!(history.contains("v = a[::2]"), "{history}");

    let mut again = start(&home);
    again.send("\x1b[A").unwrap(); // Up: the last input (`:mem`) comes back.
    again.send_line("").unwrap();
    again.exp_string("no arrays").unwrap();
    again.send_line(":quit").unwrap();
    again.exp_eof().unwrap();
    let _ = std::fs::remove_dir_all(&home);
}
