//! The cost of the aliasing report per statement, with many live arrays and
//! with one huge array. Run it in release mode:
//!
//! ```sh
//! cargo test --release --test report_bench -- --ignored --nocapture
//! ```
//!
//! Each scenario runs the same script with and without `--trace`; the
//! difference divided by the number of statements is the report's cost.
//! The goal is well under 1 ms per statement, independent of array size.

use std::time::Instant;

use npview::interp::{run_captured_with, RunOptions};

fn seconds(source: &str, trace: bool) -> f64 {
    let options = RunOptions {
        trace,
        filename: "bench.npv".to_string(),
        ..RunOptions::default()
    };
    let start = Instant::now();
    let run = run_captured_with(source, &options);
    assert!(run.error.is_none(), "{:?}", run.error);
    start.elapsed().as_secs_f64()
}

/// Best of three runs of the report's extra time per statement, in µs.
fn report_cost(source: &str, statements: usize) -> f64 {
    (0..3)
        .map(|_| {
            let plain = seconds(source, false);
            let traced = seconds(source, true);
            (traced - plain).max(0.0) / statements as f64 * 1e6
        })
        .fold(f64::INFINITY, f64::min)
}

fn body(target: impl Fn(usize) -> String, n: usize) -> String {
    (0..n)
        .map(|k| {
            let t = target(k);
            format!("v = {t}[1:5]\n{t}[2] = {}\n", k % 100)
        })
        .collect()
}

#[test]
#[ignore]
fn report_cost_per_statement() {
    let n = 1000;
    let setup: String = (0..1000)
        .map(|i| format!("a{i} = np.arange(10)\n"))
        .collect();
    let many = setup + &body(|k| format!("a{}", k % 1000), n);
    let cost_many = report_cost(&many, 1000 + 2 * n);

    let huge = "big = np.zeros(10**8, dtype=np.int8)\nw = big[::3]\nu = big[5:50]\n".to_string()
        + &body(|_| "big".to_string(), n);
    let cost_huge = report_cost(&huge, 3 + 2 * n);

    let small = "big = np.zeros(100, dtype=np.int8)\nw = big[::3]\nu = big[5:50]\n".to_string()
        + &body(|_| "big".to_string(), n);
    let cost_small = report_cost(&small, 3 + 2 * n);

    println!("report cost per statement: 1000 live arrays {cost_many:.1} µs; 10^8-element array {cost_huge:.1} µs; 100-element array {cost_small:.1} µs");
    assert!(
        cost_many < 1000.0 && cost_huge < 1000.0,
        "over 1 ms per statement"
    );
}
