#!/usr/bin/env python3
"""Runs triptyque in a pseudo-terminal of 120x40 and measures what a remote
user pays: time from start to the first complete frame, the bytes written to
the terminal by a navigation keystroke (j) and by a search keystroke, and the
CPU used while idle.

    scripts/pty-measure.py [path/to/triptyque] [--json]

Prints one line per measure (or a JSON object with --json).
"""
import fcntl
import json
import os
import pty
import select
import struct
import sys
import tempfile
import termios
import time

END_FRAME = b"\x1b[?2026l"  # end of a synchronized update: a frame is complete


def read_until_quiet(fd, quiet, limit=5.0, need=None):
    """Reads until `quiet` seconds pass with no output (and `need` was seen)."""
    buf = b""
    start = time.monotonic()
    last = start
    while time.monotonic() - start < limit:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
            last = time.monotonic()
        elif time.monotonic() - last >= quiet and (need is None or need in buf):
            break
    return buf


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    binary = args[0] if args else "target/release/triptyque"
    home = tempfile.mkdtemp(prefix="triptyque-pty-")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=home,
               XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache")
    env.pop("NO_COLOR", None)
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, [binary, "--fresh"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    first = b""
    # The first frame of the app (not a loading screen): the tab bar is in it.
    while not (b"Blocs" in first and END_FRAME in first[first.find(b"Blocs"):]) and time.monotonic() - t0 < 5:
        r, _, _ = select.select([fd], [], [], 0.005)
        if r:
            first += os.read(fd, 65536)
    first_frame_ms = (time.monotonic() - t0) * 1000
    read_until_quiet(fd, 0.3)
    os.write(fd, b"j")
    nav = read_until_quiet(fd, 0.3, need=END_FRAME)
    os.write(fd, b"/")
    read_until_quiet(fd, 0.3, need=END_FRAME)
    os.write(fd, b"d")
    search = read_until_quiet(fd, 0.5, need=END_FRAME)
    before = cpu_ticks(pid)
    time.sleep(2.0)
    idle_ticks = cpu_ticks(pid) - before
    os.write(fd, b"\x1b")
    read_until_quiet(fd, 0.2)
    os.write(fd, b"q")
    read_until_quiet(fd, 0.3)
    _, status = os.waitpid(pid, 0)
    result = {
        "first_frame_ms": round(first_frame_ms, 1),
        "first_frame_bytes": len(first),
        "nav_keystroke_bytes": len(nav),
        "search_keystroke_bytes": len(search),
        "idle_cpu_ticks_2s": idle_ticks,
        "exit_status": os.waitstatus_to_exitcode(status),
    }
    if "--json" in sys.argv:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
