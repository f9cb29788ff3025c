#!/usr/bin/env python3
"""Expected outputs for npview golden tests, produced by real NumPy.

Usage:
    python3 tools/numpy_oracle.py [--check] PATH...

Every `.npv` script found under the given paths (files or directories,
searched recursively, in sorted order) is run under CPython + NumPy with the
npview prelude: `np` is bound to NumPy and `is_view(x)` is defined as
`isinstance(x, np.ndarray) and x.base is not None`. Nothing else is added.

The expected output is what the script writes to standard output. When an
exception escapes, one more line follows: `Type: message`, where Type is the
first class in the exception's MRO whose name does not start with `_` (so
NumPy's private `_UFuncOutputCastingError` is reported as `UFuncTypeError`)
and message is `str(e)` (`e.msg` for a SyntaxError). If the script's output
does not end with a newline, one is inserted before that line.

Without `--check`, the output of `X.npv` is written to `X.out` beside it.
With `--check`, nothing is written: each mismatch is printed as a unified
diff and the exit status is 1 if any script disagrees with its `.out`.

A script whose first line starts with `# npview-only` uses features that
NumPy does not have; the oracle skips it (its `.out` comes from
`npview test --bless`, reviewed by hand).
"""

import argparse
import builtins
import contextlib
import difflib
import io
import os
import sys
import warnings

import numpy as np

NPVIEW_ONLY = "# npview-only"


def is_view(x):
    """The one npview extra that scripts may use under CPython."""
    return isinstance(x, np.ndarray) and x.base is not None


def error_type_name(exc):
    """The public name of an exception's type, skipping private classes."""
    for cls in type(exc).__mro__:
        if not cls.__name__.startswith("_"):
            return cls.__name__
    return type(exc).__name__


def error_line(exc):
    message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
    return f"{error_type_name(exc)}: {message}\n"


def with_error(stdout, exc):
    if exc is None:
        return stdout
    if stdout and not stdout.endswith("\n"):
        stdout += "\n"
    return stdout + error_line(exc)


def run_script(path, source):
    """Runs one script in a fresh namespace and returns its expected output."""
    try:
        code = compile(source, path, "exec")
    except SyntaxError as exc:
        return with_error("", exc)
    namespace = {
        "__name__": "__main__",
        "__builtins__": builtins,
        "np": np,
        "is_view": is_view,
    }
    captured = io.StringIO()
    failure = None
    with contextlib.ExitStack() as stack:
        stack.enter_context(np.printoptions())
        stack.enter_context(np.errstate())
        stack.enter_context(warnings.catch_warnings())
        stack.enter_context(contextlib.redirect_stdout(captured))
        try:
            exec(code, namespace)
        except Exception as exc:  # the script's uncaught error is its result
            failure = exc
    return with_error(captured.getvalue(), failure)


def discover(paths):
    """All `.npv` files under the given paths, sorted, without duplicates."""
    found = set()
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.endswith(".npv"):
                        found.add(os.path.normpath(os.path.join(root, name)))
        elif os.path.isfile(path):
            found.add(os.path.normpath(path))
        else:
            raise FileNotFoundError(path)
    return sorted(found)


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def expected_path(script):
    return os.path.splitext(script)[0] + ".out"


def main(argv):
    parser = argparse.ArgumentParser(
        description="Run .npv scripts under NumPy and write or check their .out files."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the existing .out files instead of writing them",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    args = parser.parse_args(argv)

    try:
        scripts = discover(args.paths)
    except FileNotFoundError as missing:
        parser.error(f"no such file or directory: {missing}")
    ran = skipped = written = mismatched = 0
    for script in scripts:
        source = read_text(script)
        if source.lstrip("\ufeff").startswith(NPVIEW_ONLY):
            skipped += 1
            continue
        actual = run_script(script, source)
        ran += 1
        out_path = expected_path(script)
        previous = read_text(out_path) if os.path.exists(out_path) else None
        if args.check:
            if previous != actual:
                mismatched += 1
                if previous is None:
                    print(f"MISSING {out_path}")
                    previous = ""
                diff = difflib.unified_diff(
                    previous.splitlines(keepends=True),
                    actual.splitlines(keepends=True),
                    fromfile=out_path,
                    tofile=f"{script} (numpy {np.__version__})",
                )
                sys.stdout.writelines(
                    line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                    for line in diff
                )
        elif previous != actual:
            with open(out_path, "w", encoding="utf-8", newline="") as f:
                f.write(actual)
            written += 1
            print(f"wrote {out_path}")

    if args.check:
        status = "ok" if mismatched == 0 else "FAILED"
        print(
            f"numpy_oracle --check: {status}. {ran - mismatched} match, "
            f"{mismatched} differ, {skipped} npview-only skipped "
            f"(numpy {np.__version__}, python {sys.version.split()[0]})"
        )
        return 1 if mismatched else 0
    print(
        f"numpy_oracle: {ran} scripts run, {written} .out files written, "
        f"{skipped} npview-only skipped (numpy {np.__version__})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
