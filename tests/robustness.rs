//! Inputs that once crashed npview (found by fuzzing) and must not again.

/// Runs a script on a thread with a small native stack, as an embedder's
/// main thread may be.
fn run_on_small_stack(source: &'static str) -> npview::interp::RunOutput {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || npview::interp::run_captured(source, "<test>"))
        .expect("thread starts")
        .join()
        .expect("no stack overflow")
}

#[test]
fn deep_recursion_is_a_recursion_error_even_on_a_small_stack() {
    let out = run_on_small_stack("def f(n):\n    return f(n + 1)\nf(0)\n");
    let (kind, message) = out.error.expect("the recursion is stopped");
    assert_eq!(kind, "RecursionError");
    assert_eq!(message, "maximum recursion depth exceeded");
}

#[test]
fn deeply_nested_calls_inside_expressions_stop_cleanly() {
    let out = run_on_small_stack(
        "data = np.arange(1, 6)\ndef total(i):\n    if i == len(data):\n        return 0\n    return data[i] + total(i + 0)\nprint(total(0))\n",
    );
    assert_eq!(out.error.map(|e| e.0).as_deref(), Some("RecursionError"));
}
