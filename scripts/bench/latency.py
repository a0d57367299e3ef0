#!/usr/bin/env python3
"""Trigger-to-wire latency of `lightbridge run` against socat (issue 5 item 7; BENCHMARKS.md).

Two paths, measured interleaved in one run, from the same process and the same clock
(CLOCK_MONOTONIC):

  bridge: Smart Light mode frame `~~~~~M<n>~~` written to a pty master → `lightbridge run`
          reads the slave (its serial input), routes mode n to a LightwaveRF light → the
          `<trans>,!R<room>D<device>FdP16` datagram arrives at a loopback UDP listener here,
          which answers `<trans>,OK` to the reply port as a Link does (so the driver never
          waits out a time-out or retries).
  socat:  the same frame written to a second pty master → `socat` reads the slave and sends
          what it read as one UDP datagram to a second listener (no parsing at all).

Frames alternate between the two ptys, `--interval-ms` apart (default 2 ms, so each path gets
a frame every 4 ms), after `--warmup` uncounted frames per path. Mode n (1–256) maps to room
(n-1)/16+1, device (n-1)%16+1, so each Lightwave datagram names the frame it came from; the
socat datagram carries the frame itself. Latency = datagram received − frame written.

Usage: latency.py PATH/TO/lightbridge [--frames 2000] [--interval-ms 2] [--warmup 100]
         [--log-level info] [--state-directory DIR] [--json FILE]
Prints p50/p90/p99/max per path and the verdict (bridge p50 and p99 no worse than socat's).
A bridge frame replaced in the light's coalescing queue by the next one (newest wins) gets no
datagram of its own: it is counted as "missing", and the verdict's p99 counts it as slower than
every other frame. Exit status 1 when the daemon failed or most frames got no datagram; the
verdict does not set it.
"""
import argparse, collections, json, os, re, select, shutil, signal, socket, subprocess, sys, tempfile, time, tty

from processes import stop_all

MODES = 256


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def summary(values_us):
    s = sorted(values_us)
    return {
        "n": len(s),
        "p50": percentile(s, 50),
        "p90": percentile(s, 90),
        "p99": percentile(s, 99),
        "max": s[-1] if s else float("nan"),
        "mean": sum(s) / len(s) if s else float("nan"),
    }


def udp_listener():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind(("127.0.0.1", 0))
    s.setblocking(False)
    return s


def raw_pty():
    master, slave = os.openpty()
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lightbridge")
    ap.add_argument("--frames", type=int, default=2000, help="measured frames per path")
    ap.add_argument("--interval-ms", type=float, default=2.0)
    ap.add_argument("--warmup", type=int, default=100, help="uncounted frames per path first")
    ap.add_argument("--log-level", default="info")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument(
        "--state-directory", help="where the bridge saves the last mode (default: in the temporary directory, on disk)")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="lightbridge-bench-")
    procs = []

    def cleanup():
        stop_all(procs)
        shutil.rmtree(work, ignore_errors=True)

    def fail(message):
        print("FAIL " + message)
        err = os.path.join(work, "bridge.err")
        if os.path.exists(err):
            lines = [x for x in open(err, errors="replace").read().splitlines() if not re.search(r": mode \d+$", x)]
            print("\n".join(lines[-40:]))
        cleanup()
        sys.exit(1)

    link = udp_listener()  # the "Link" the Lightwave light points at
    relay = udp_listener()  # where socat sends
    b_master, b_slave, b_path = raw_pty()
    s_master, s_slave, s_path = raw_pty()

    modes = "\n".join(
        f"[modes.{n}]\nlink = {{ room = {(n - 1) // 16 + 1}, device = {(n - 1) % 16 + 1}, level = 50 }}\n"
        for n in range(1, MODES + 1)
    )
    config = os.path.join(work, "lightbridge.toml")
    with open(config, "w") as f:
        f.write(f"""
[bridge]
state_directory = "{args.state_directory or work + '/state'}"
log_level = "{args.log_level}"

[lights.link]
protocol = "lightwave"
host = "127.0.0.1"
port = {link.getsockname()[1]}
reply_port = 0
pacing_ms = 0
reply_timeout_ms = 1000

[inputs.plc]
type = "serial"
device = "{b_path}"

{modes}""")

    notify_path = os.path.join(work, "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    notify.settimeout(20)
    err = open(os.path.join(work, "bridge.err"), "w")
    procs.append(
        subprocess.Popen(
            [args.lightbridge, "run", "--config", config],
            stdout=subprocess.DEVNULL, stderr=err, env=dict(os.environ, NOTIFY_SOCKET=notify_path)))
    while True:
        try:
            if b"READY=1" in notify.recv(4096):
                break
        except socket.timeout:
            fail("no READY=1 from lightbridge run")
    notify.setblocking(False)
    socat = shutil.which("socat") or fail("socat is missing (scripts/install-deps)")
    procs.append(
        subprocess.Popen(
            [socat, "-u", f"OPEN:{s_path},rawer", f"UDP-SENDTO:127.0.0.1:{relay.getsockname()[1]}"],
            stderr=open(os.path.join(work, "socat.err"), "w")))
    time.sleep(0.5)  # socat has opened its pty (it prints nothing to wait on)

    # frame index k of a path → its mode; pending[path][mode] = deque of (k, written_ns)
    pending = {"bridge": collections.defaultdict(collections.deque), "socat": collections.defaultdict(collections.deque)}
    latencies = {"bridge": [], "socat": []}
    received = {"bridge": 0, "socat": 0}
    unexpected = []
    command = re.compile(rb"^(\d+),!R(\d+)D(\d+)F")
    frame_mode = re.compile(rb"M(\d+)~")
    total = args.warmup + args.frames
    interval_ns = int(args.interval_ms * 1e6)

    def arrived(path, mode, now):
        queue = pending[path].get(mode)
        if not queue:
            unexpected.append((path, mode))
            return
        # Frames of one mode are MODES frames apart (over a second): the datagram belongs to
        # the newest; older ones left waiting were coalesced away by a newer frame.
        while len(queue) > 1:
            queue.popleft()
        k, written = queue.popleft()
        received[path] += 1
        if k >= args.warmup:
            latencies[path].append((now - written) / 1000.0)
            if os.environ.get("BENCH_DEBUG") and now - written > 50_000_000:
                print(f"slow {path} k={k} mode={mode} {(now - written) / 1e6:.1f} ms")

    def drain(deadline_ns):
        while True:
            timeout = (deadline_ns - time.monotonic_ns()) / 1e9
            if timeout <= 0:
                return
            ready, _, _ = select.select([link, relay, notify], [], [], timeout)
            now = time.monotonic_ns()
            for sock in ready:
                if sock is notify:  # drained as systemd does (STATUS= after every mode)
                    while True:
                        try:
                            notify.recv(4096)
                        except BlockingIOError:
                            break
                    continue
                while True:
                    try:
                        data, sender = sock.recvfrom(2048)
                    except BlockingIOError:
                        break
                    if sock is link:
                        m = command.match(data)
                        if not m:
                            unexpected.append(("bridge", data))
                            continue
                        link.sendto(m.group(1) + b",OK", sender)  # as the Link does
                        arrived("bridge", (int(m.group(2)) - 1) * 16 + int(m.group(3)), now)
                    else:
                        for mm in frame_mode.finditer(data):
                            arrived("socat", int(mm.group(1)), now)

    start = time.monotonic_ns() + 10_000_000
    for i in range(2 * total):
        path, fd = ("bridge", b_master) if i % 2 == 0 else ("socat", s_master)
        k = i // 2
        mode = k % MODES + 1
        due = start + i * interval_ns
        drain(due)
        written = time.monotonic_ns()
        os.write(fd, b"~~~~~M%d~~" % mode)
        pending[path][mode].append((k, written))
    end = time.monotonic_ns() + 5_000_000_000
    while time.monotonic_ns() < end and (received["bridge"] < total or received["socat"] < total):
        drain(min(end, time.monotonic_ns() + 100_000_000))
    elapsed = (time.monotonic_ns() - start) / 1e9

    daemon = procs[0]
    rss = None
    try:
        status = open(f"/proc/{daemon.pid}/status").read()
        rss = {k: int(v) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M)}
    except OSError:
        pass
    figures = {p: summary(latencies[p]) for p in latencies}
    for p in figures:
        # Frames that got no datagram of their own: for the bridge, a newer frame replaced them
        # in the light's coalescing queue (newest wins, by design); socat never drops.
        missing = args.frames - len(latencies[p])
        figures[p]["missing"] = missing
        # p99 counting every missing frame as slower than all others.
        everything = sorted(latencies[p]) + [float("inf")] * missing
        figures[p]["p99_strict"] = percentile(everything, 99)
    print(
        f"{args.frames} measured frames per path ({args.warmup} warm-up), alternating, {args.interval_ms:g} ms apart; "
        f"{elapsed:.1f} s; load average {os.getloadavg()[0]:.2f}")
    print(f"{'path':8} {'n':>6} {'p50 µs':>9} {'p90 µs':>9} {'p99 µs':>9} {'max µs':>9} {'mean µs':>9} {'missing':>8}")
    for p in ("bridge", "socat"):
        f = figures[p]
        print(
            f"{p:8} {f['n']:>6} {f['p50']:>9.0f} {f['p90']:>9.0f} {f['p99']:>9.0f} {f['max']:>9.0f} {f['mean']:>9.0f} {f['missing']:>8}")
    if rss:
        print(f"bridge after the run: VmRSS {rss.get('VmRSS')} kB, VmHWM {rss.get('VmHWM')} kB")
    b, s = figures["bridge"], figures["socat"]
    verdict = b["p50"] <= s["p50"] and b["p99_strict"] <= s["p99_strict"]
    print(
        f"verdict: bridge p50 {b['p50']:.0f} µs vs socat {s['p50']:.0f} µs, p99 {b['p99']:.0f} µs vs {s['p99']:.0f} µs: "
        + ("MET (no worse than socat)" if verdict else "MISSED"))
    if unexpected:
        print(f"note: {len(unexpected)} datagram(s) matched no written frame, e.g. {unexpected[:3]}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"figures": figures, "rss_kb": rss, "verdict": verdict}, f, indent=1)
    alive = daemon.poll() is None
    if not alive:
        fail("lightbridge run exited during the benchmark")
    if b["n"] < args.frames // 2 or s["n"] < args.frames // 2:
        fail("most frames got no datagram")
    cleanup()


if __name__ == "__main__":
    main()
