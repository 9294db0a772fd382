#!/usr/bin/env python3
"""Opens the explorer on a corpus directory in a pseudo-terminal of 120x40
and measures what its user feels at scale: time from start to the first
frame of the app (the tab bar drawn, not a loading screen), time until a
typed search has answered, and the process's memory (RSS now and peak)
after that search. With --fzf LINES, measures fzf's first screen over the
same claims as lines, in the same run, for the ratio.

    scripts/explorer-at-scale.py CORPUS_DIR [--bin target/release/triptyque]
        [--cache DIR] [--query "deepseek prix"] [--fzf LINES] [--runs 3] [--json]

The cache directory is kept between runs (default: a fresh one per call,
warmed by a first run that is not counted): the runs are warm starts.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import tempfile
import termios
import time

END_FRAME = b"\x1b[?2026l"  # end of a synchronized update: a frame is complete


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


def read_for(fd, until, limit):
    """Reads until `until(buf)` holds or `limit` seconds pass."""
    buf = b""
    start = time.monotonic()
    while time.monotonic() - start < limit and not until(buf):
        r, _, _ = select.select([fd], [], [], 0.002)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return buf


def quiet(fd, secs):
    """Reads until `secs` pass with no output; returns when output last came."""
    last = time.monotonic()
    while time.monotonic() - last < secs:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                if not os.read(fd, 65536):
                    return last
            except OSError:
                return last
            last = time.monotonic()
    return last


def memory_kb(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0])
    return out


def finish(pid, fd, keys):
    for k in keys:
        os.write(fd, k)
        quiet(fd, 0.2)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def explorer_run(args, env):
    t0 = time.monotonic()
    pid, fd = spawn([args.bin, "--corpus", args.corpus], env)
    # The app's first frame: the tab bar, and a complete frame after it.
    first = read_for(fd, lambda b: b"Blocs" in b and END_FRAME in b[b.find(b"Blocs"):], 120)
    first_ms = (time.monotonic() - t0) * 1000
    quiet(fd, 0.3)
    os.write(fd, b"/")
    quiet(fd, 0.2)
    t1 = time.monotonic()
    os.write(fd, args.query.encode())
    # The search has answered at the last change of the screen before it
    # stays still for 3 s (the complete ranking replaces "ranking…").
    search_ms = (quiet(fd, 3.0) - t1) * 1000
    mem = memory_kb(pid)
    finish(pid, fd, [b"\x1b", b"q"])
    return {"first_frame_ms": first_ms, "search_settled_ms": search_ms,
            "rss_mb": mem.get("VmRSS", 0) / 1024, "peak_mb": mem.get("VmHWM", 0) / 1024,
            "ok": b"Blocs" in first}


def fzf_run(lines, env):
    t0 = time.monotonic()
    pid, fd = spawn(["sh", "-c", 'exec fzf < "$0"', lines], env)
    # fzf's first screen: its prompt and the match counter.
    read_for(fd, lambda b: b"/" in b and b">" in b, 30)
    ms = (time.monotonic() - t0) * 1000
    # Then until it has read every line (the counter stops moving).
    quiet(fd, 0.5)
    all_ms = (time.monotonic() - t0 - 0.5) * 1000
    finish(pid, fd, [b"\x1b"])
    return {"first_screen_ms": ms, "all_read_ms": all_ms}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("--bin", default="target/release/triptyque")
    p.add_argument("--cache")
    p.add_argument("--query", default="deepseek prix")
    p.add_argument("--fzf")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    home = tempfile.mkdtemp(prefix="triptyque-scale-")
    cache = args.cache or f"{home}/cache"
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=home,
               XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
               XDG_CACHE_HOME=cache)
    env.pop("NO_COLOR", None)
    explorer_run(args, env)  # warms the cache (and the page cache)
    runs = [explorer_run(args, env) for _ in range(args.runs)]
    fzf = [fzf_run(args.fzf, env) for _ in range(args.runs)] if args.fzf else []
    med = lambda rs, k: statistics.median(r[k] for r in rs)
    result = {k: round(med(runs, k), 1) for k in ("first_frame_ms", "search_settled_ms", "rss_mb", "peak_mb")}
    result["runs"] = args.runs
    if fzf:
        result["fzf_first_screen_ms"] = round(med(fzf, "first_screen_ms"), 1)
        result["fzf_all_read_ms"] = round(med(fzf, "all_read_ms"), 1)
        result["first_frame_vs_fzf"] = round(result["first_frame_ms"] / result["fzf_first_screen_ms"], 2)
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
