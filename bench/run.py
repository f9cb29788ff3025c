#!/usr/bin/env python3
"""Times npview against NumPy on the workloads in bench/workloads/.

Usage:
    python3 bench/run.py [--npview PATH] [--rounds N] [--markdown] [NAME...]

Each workload is an `.npv` script in three parts, split by marker comments:

    # bench: <title>
    # repeat: 10        measured repetitions per process (default 5)
    # inner: 100000     runs of the timed part per repetition (default 1)
    # npview-flags: --trace   options for npview's side (default none)
    <setup>
    # --- timed ---
    <timed part>
    # --- check ---
    <check part: prints a few values>

The runner wraps the parts into one script that both sides run unchanged:
`import time`, the setup, then `repeat` times the timed part (`inner` times
in a loop), each repetition timed with `time.perf_counter()`, then one line
`@@bench SECONDS` per repetition and the check part. Only the timed part is
measured (with its loop, the same on both sides). NumPy runs the script
under CPython with the oracle's prelude (`np` bound to NumPy, `is_view`
defined).

Rounds alternate the two sides (npview first, then NumPy first, ...). For
each side the runner reports the minimum and median over every repetition
of every round, the peak resident memory of its processes, and the ratio
npview/NumPy of the medians and of the minima. The check parts' outputs
must agree, or the workload is flagged (with `--trace`, the report's
lines, which start with `~`, are left out of npview's output first). Two rows are built in: `startup`
(whole process: `npview -c "pass"` against `python3 -c "import numpy"`).

NumPy runs single-threaded (OPENBLAS_NUM_THREADS=1), with the
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE overrides removed so that OpenBLAS
picks its own kernels for this processor.
"""

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = os.path.join(HERE, "workloads")
MARK = "@@bench"

PY_PRELUDE = """
import sys
import numpy as np
def is_view(x):
    return isinstance(x, np.ndarray) and x.base is not None
path = sys.argv[1]
with open(path) as f:
    source = f.read()
exec(compile(source, path, "exec"), {"__name__": "__main__", "np": np, "is_view": is_view})
"""


def default_npview():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(HERE, "..", "target")
    return os.path.join(target, "release", "npview")


def numpy_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["OPENBLAS_NUM_THREADS"] = "1"
    env["OMP_NUM_THREADS"] = "1"
    return env


class Workload:
    def __init__(self, path):
        self.name = os.path.splitext(os.path.basename(path))[0]
        text = open(path).read()
        head = {}
        for line in text.splitlines():
            m = re.match(r"#\s*(bench|repeat|inner|npview-flags):\s*(.*)", line)
            if m:
                head[m.group(1)] = m.group(2).strip()
        self.title = head.get("bench", self.name)
        self.repeat = int(head.get("repeat", "5"))
        self.inner = int(head.get("inner", "1"))
        self.npview_flags = head.get("npview-flags", "").split()
        setup, _, rest = text.partition("# --- timed ---\n")
        timed, _, check = rest.partition("# --- check ---\n")
        self.setup, self.timed, self.check = setup, timed, check

    def script(self):
        body = [line for line in self.timed.splitlines() if line.strip()]
        indent = "        " if self.inner > 1 else "    "
        out = ["import time", self.setup.rstrip("\n"), "_bench_laps = []"]
        out.append(f"for _bench_rep in range({self.repeat}):")
        out.append("    _bench_t0 = time.perf_counter()")
        if self.inner > 1:
            out.append(f"    for _bench_inner in range({self.inner}):")
        out.extend(indent + line for line in body)
        out.append("    _bench_laps.append(time.perf_counter() - _bench_t0)")
        out.append("for _bench_lap in _bench_laps:")
        out.append(f'    print("{MARK}", _bench_lap)')
        out.append(self.check.rstrip("\n"))
        return "\n".join(out) + "\n"


GNU_TIME = "/usr/bin/time"


def spawn(cmd, env, stdout, wrap=True):
    """Starts `cmd`; returns (process, file that will hold its peak RSS or None).

    A child forked from this runner starts with the runner's peak RSS, which
    Linux keeps across exec; GNU time forks the measured process from a small
    process of its own, so the peak it reports is the child's.
    """
    rss_file = None
    if wrap and os.path.exists(GNU_TIME):
        fd, rss_file = tempfile.mkstemp(suffix=".rss")
        os.close(fd)
        cmd = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + cmd
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    return proc, rss_file


def finish(proc, rss_file):
    """Waits for `proc`; returns (exit status, peak RSS in KiB)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss
    if rss_file:
        try:
            with open(rss_file) as f:
                rss = int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(rss_file)
    return proc.returncode, rss


def run_timed(cmd, env=None, report_lines=False):
    """Runs one process; returns (lap times in s, other output, peak RSS KiB, error).

    With `report_lines`, lines of npview's aliasing report (`~ ...`) are not
    part of the output compared between the sides."""
    proc, rss_file = spawn(cmd, env, subprocess.PIPE)
    out, err = proc.stdout.read().decode(errors="replace"), proc.stderr.read().decode(errors="replace")
    code, rss = finish(proc, rss_file)
    laps, other = [], []
    for line in out.splitlines(keepends=True):
        if line.startswith(MARK + " "):
            laps.append(float(line.split()[1]))
        elif report_lines and line.startswith("~"):
            continue
        else:
            other.append(line)
    failure = None
    if code != 0:
        lines = [line.strip(" ×│") for line in err.splitlines()]
        named = [line for line in lines if re.search(r"\w+(Error|Exception|Warning)\b", line)]
        failure = (named or [line for line in lines if line] or [f"exit status {code}"])[0]
    return laps, "".join(other), rss, failure


def run_whole(cmd, env=None):
    start = time.perf_counter()
    # Unwrapped: GNU time's own fork would be counted in the start-up time.
    proc, rss_file = spawn(cmd, env, subprocess.DEVNULL, wrap=False)
    err = proc.stderr.read().decode(errors="replace")
    code, rss = finish(proc, rss_file)
    elapsed = time.perf_counter() - start
    failure = None if code == 0 else err.strip()[-200:]
    # No peak memory: a child forked straight from this runner reports the
    # runner's own peak (see `spawn`).
    return [elapsed], "", 0, failure


class Side:
    def __init__(self, name):
        self.name = name
        self.times = []
        self.rss = 0
        self.outputs = set()
        self.failure = None

    def add(self, result, inner=1):
        laps, output, rss, failure = result
        if failure:
            self.failure = failure
            return
        self.times.extend(t / inner for t in laps)
        self.rss = max(self.rss, rss)
        self.outputs.add(output)


def measure(workload, npview, rounds):
    nv, np_ = Side("npview"), Side("numpy")
    if workload == "startup":
        for r in range(rounds * 5):
            jobs = [
                (nv, lambda: run_whole([npview, "-c", "pass"])),
                (np_, lambda: run_whole([sys.executable, "-c", "import numpy"], numpy_env())),
            ]
            for side, job in jobs if r % 2 == 0 else reversed(jobs):
                side.add(job())
        return nv, np_
    with tempfile.NamedTemporaryFile("w", suffix=".npv", delete=False) as f:
        f.write(workload.script())
        path = f.name
    try:
        jobs = [
            (
                nv,
                lambda: run_timed(
                    [npview, *workload.npview_flags, path],
                    report_lines="--trace" in workload.npview_flags,
                ),
            ),
            (np_, lambda: run_timed([sys.executable, "-u", "-c", PY_PRELUDE, path], numpy_env())),
        ]
        for r in range(rounds):
            for side, job in jobs if r % 2 == 0 else reversed(jobs):
                if side.failure is None:
                    side.add(job(), workload.inner)
    finally:
        os.unlink(path)
    return nv, np_


def fmt_time(t):
    if t is None:
        return "—"
    if t >= 1:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.2f} ms"
    if t >= 1e-6:
        return f"{t * 1e6:.2f} µs"
    return f"{t * 1e9:.0f} ns"


def mib(kib):
    return f"{kib / 1024:.0f}" if kib else "—"


def stats(side):
    if side.failure or not side.times:
        return None, None
    return min(side.times), statistics.median(side.times)


def machine():
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import numpy

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, NumPy {numpy.__version__}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--npview", default=default_npview())
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()

    names = sorted(os.path.splitext(n)[0] for n in os.listdir(WORKLOADS) if n.endswith(".npv"))
    names.append("startup")
    if args.names:
        unknown = [n for n in args.names if n not in names]
        if unknown:
            sys.exit(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(names)}")
        names = args.names
    if not os.path.exists(args.npview):
        sys.exit(f"no npview binary at {args.npview} (cargo build --release, or --npview PATH)")

    print(f"# {machine()}")
    print(f"# npview: {args.npview}; {args.rounds} rounds, alternating")
    rows = []
    for name in names:
        workload = "startup" if name == "startup" else Workload(os.path.join(WORKLOADS, name + ".npv"))
        title = 'startup: npview -c "pass" vs python3 -c "import numpy"' if name == "startup" else workload.title
        nv, np_ = measure(workload, args.npview, args.rounds)
        (nmin, nmed), (pmin, pmed) = stats(nv), stats(np_)
        ratio_med = nmed / pmed if nmed and pmed else None
        ratio_min = nmin / pmin if nmin and pmin else None
        note = ""
        if nv.failure:
            note = f"npview failed: {nv.failure}"
        elif np_.failure:
            note = f"numpy failed: {np_.failure}"
        elif name != "startup" and nv.outputs != np_.outputs:
            note = "OUTPUT DIFFERS: " + repr(sorted(nv.outputs)) + " vs " + repr(sorted(np_.outputs))
        rows.append((name, title, nmin, nmed, pmin, pmed, ratio_min, ratio_med, nv.rss, np_.rss, note))
        r = f"{ratio_med:.2f}" if ratio_med else "—"
        print(
            f"{name:16} npview {fmt_time(nmin):>10} / {fmt_time(nmed):>10}   "
            f"numpy {fmt_time(pmin):>10} / {fmt_time(pmed):>10}   ratio {r:>5}   "
            f"peak MiB {mib(nv.rss):>7} / {mib(np_.rss):>7}  {note}",
            flush=True,
        )
    if args.markdown:
        print()
        print("| workload | npview min / median | NumPy min / median | ratio (median) | ratio (min) | peak MiB npview / NumPy |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, title, nmin, nmed, pmin, pmed, rmin, rmed, nrss, prss, note in rows:
            rm = f"{rmed:.2f}" if rmed else "—"
            rn = f"{rmin:.2f}" if rmin else "—"
            extra = f" ({note})" if note else ""
            print(
                f"| {title}{extra} | {fmt_time(nmin)} / {fmt_time(nmed)} | {fmt_time(pmin)} / {fmt_time(pmed)} "
                f"| {rm} | {rn} | {mib(nrss)} / {mib(prss)} |"
            )


if __name__ == "__main__":
    main()
