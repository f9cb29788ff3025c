//! Golden-output tests: one named test per `.npv` script.
//!
//! Every `tests/**/*.npv` becomes a test named after its path below `tests/`
//! (`tests/golden/indexing/slice_step.npv` is `golden::indexing::slice_step`)
//! and every `examples/*.npv` a test `examples::<name>`. Each test runs its
//! script in-process and fails with a diff against the `.out` file beside it.
//! Filter as usual: `cargo test --test golden -- views::`.
//!
//! `tests/pending/` holds scripts that show known bugs (their `.out` is
//! NumPy's answer, which npview does not give yet); they are not run here.

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use npview::golden;

/// The test name of `script`: its path below `root`, without extension,
/// components joined by `::`, prefixed by `prefix` if any.
fn test_name(prefix: Option<&str>, root: &Path, script: &Path) -> String {
    let relative = script
        .strip_prefix(root)
        .unwrap_or(script)
        .with_extension("");
    prefix
        .into_iter()
        .map(str::to_string)
        .chain(
            relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect::<Vec<_>>()
        .join("::")
}

fn trials_under(root: &Path, prefix: Option<&str>) -> Vec<Trial> {
    if !root.is_dir() {
        return Vec::new();
    }
    let scripts = golden::discover(&[root.to_path_buf()])
        .unwrap_or_else(|e| panic!("cannot list scripts under {}: {e}", root.display()));
    let pending = root.join("pending");
    scripts
        .into_iter()
        .filter(|script| !script.starts_with(&pending))
        .map(|script: PathBuf| {
            let name = test_name(prefix, root, &script);
            Trial::test(name, move || {
                golden::check_one(&script).map_err(Failed::from)
            })
        })
        .collect()
}

fn main() {
    let args = Arguments::from_args();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Cargo runs tests from the package root; relative paths then keep
    // diffs and diagnostics short. Anywhere else, use absolute paths.
    let in_package_root = std::env::current_dir().is_ok_and(|dir| dir == manifest);
    let base = if in_package_root {
        Path::new("")
    } else {
        manifest
    };
    let mut trials = trials_under(&base.join("tests"), None);
    trials.extend(trials_under(&base.join("examples"), Some("examples")));
    libtest_mimic::run(&args, trials).exit();
}
