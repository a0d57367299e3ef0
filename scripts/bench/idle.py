#!/usr/bin/env python3
"""Idle memory and READY time of `lightbridge run` (issue 5 item 7; BENCHMARKS.md).

Starts the five simulators as separate processes (`lightbridge simulate helvar|lightwave|
lumencor|heliospectra|smartlight --port 0`), and a bridge with one light of each protocol, a
PLC pseudo-terminal as its serial input, a TCP command server on a free port and a five-mode
table. Then:

- READY: `--starts` times (default 7), the time from just before exec to READY=1 on
  $NOTIFY_SOCKET (CLOCK_MONOTONIC); prints every start and the median.
- idle RSS: on the last start, one mode frame on the PLC (so every driver has talked to its
  simulator), then `--idle` seconds (default 5) of nothing; prints VmRSS, VmHWM, RssAnon,
  RssFile and the thread count from /proc/PID/status.

Usage: idle.py PATH/TO/lightbridge [--starts 7] [--idle 5] [--json FILE] [--wrap "COMMAND …"]
--smaps FILE keeps a copy of the idle daemon's /proc/PID/smaps (what each mapping holds), and
in FILE.pages the file offsets of the binary's resident pages (from /proc/PID/pagemap).
--wrap runs the last start under COMMAND (e.g. a profiler: scripts/order-file uses callgrind);
its READY time is then left out of the median.
Exit status 1 when something fails to start; the targets (READY ≤ 100 ms, RSS ≤ 10 MB) are
reported, not enforced.
"""
import argparse, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, tty

from processes import stop_all


def write_resident_pages(pid, binary, path):
    """The file offsets of the binary's pages that are resident in PID (from /proc/PID/pagemap,
    bit 63 'present'), one hex offset per line: which sections the idle daemon keeps mapped."""
    offsets = []
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or fields[5] != binary:
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            offset = int(fields[2], 16)
            pagemap.seek(start // 4096 * 8)
            entries = pagemap.read((end - start) // 4096 * 8)
            for i in range(0, len(entries), 8):
                if int.from_bytes(entries[i:i + 8], "little") >> 63:
                    offsets.append(offset + i // 8 * 4096)
    with open(path, "w") as f:
        f.write("".join(f"{o:x}\n" for o in offsets))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lightbridge")
    ap.add_argument("--starts", type=int, default=7)
    ap.add_argument("--idle", type=float, default=5.0)
    ap.add_argument("--json")
    ap.add_argument("--smaps", help="copy the idle daemon's /proc/PID/smaps to this file")
    ap.add_argument("--wrap", default="", help="run the last start under this command (a profiler)")
    args = ap.parse_args()
    lb = args.lightbridge
    work = tempfile.mkdtemp(prefix="lightbridge-idle-")
    procs = []

    def cleanup():
        stop_all(procs)
        shutil.rmtree(work, ignore_errors=True)

    def fail(message):
        print("FAIL " + message)
        for name in sorted(os.listdir(work)):
            if name.endswith(".err"):
                print("--- " + name)
                print(open(os.path.join(work, name), errors="replace").read()[-2000:])
        cleanup()
        sys.exit(1)

    def free_udp_port():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        return port

    def simulate(name, *extra):
        p = subprocess.Popen(
            [lb, "simulate", name, "--port", "0", *extra], stdout=subprocess.PIPE, text=True,
            stderr=open(os.path.join(work, f"sim-{name}.err"), "w"))
        procs.append(p)
        line = p.stdout.readline()
        ports = dict((k, int(v)) for k, v in re.findall(r"(\w+) (\d+)", line.split(":", 1)[-1]))
        if not ports:
            fail(f"no port line from the {name} simulator: {line!r}")
        return ports

    reply_port = free_udp_port()
    helvar = simulate("helvar", "--udp-port", "0")
    lightwave = simulate("lightwave", "--reply-port", str(reply_port), "--registered", "127.0.0.1")
    lumencor = simulate("lumencor")
    helio = simulate("heliospectra")
    smart = simulate("smartlight")
    master, slave = os.openpty()
    tty.setraw(slave)
    config = os.path.join(work, "lightbridge.toml")
    with open(config, "w") as f:
        f.write(f"""
[bridge]
state_directory = "{work}/state"

[lights.hall]
protocol = "helvar"
host = "127.0.0.1"
port = {helvar["tcp"]}

[lights.office]
protocol = "lightwave"
host = "127.0.0.1"
port = {lightwave["udp"]}
reply_port = {reply_port}

[lights.microscope]
protocol = "lumencor"
transport = "tcp"
host = "127.0.0.1"
port = {lumencor["tcp"]}

[lights.lamp]
protocol = "heliospectra"
via = "control"
host = "127.0.0.1"
port = {helio["tcp"]}

[lights.andon]
protocol = "smartlight"
transport = "tcp"
host = "127.0.0.1"
port = {smart["tcp"]}

[inputs.plc]
type = "serial"
device = "{os.ttyname(slave)}"

[inputs.network]
type = "tcp"
bind = "127.0.0.1"
port = 0
""")
        for n in range(1, 6):
            f.write(f"""
[modes.{n}]
hall = {{ group = 1, scene = {n} }}
office = {{ room = 1, device = 1, level = {n * 20} }}
microscope = {{ intensity = {{ "0" = {n * 10} }} }}
lamp = {{ all = {n * 100} }}
andon = {{ type = "modeSet", mode = {n} }}
""")
    check = subprocess.run([lb, "check-config", config], capture_output=True, text=True)
    if check.returncode != 0:
        fail("check-config: " + check.stdout + check.stderr)

    notify_path = os.path.join(work, "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    notify.settimeout(20)
    ready_ms = []
    daemon = None
    for i in range(args.starts):
        env = dict(os.environ, NOTIFY_SOCKET=notify_path)
        started = time.monotonic()
        wrap = args.wrap.split() if i == args.starts - 1 else []
        daemon = subprocess.Popen(
            [*wrap, lb, "run", "--config", config], stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(work, f"bridge{i}.err"), "w"), env=env)
        procs.append(daemon)
        notify.settimeout(120 if wrap else 20)
        while True:
            try:
                message = notify.recv(4096)
            except socket.timeout:
                fail("no READY=1")
            if b"READY=1" in message:
                if not wrap:
                    ready_ms.append((time.monotonic() - started) * 1000)
                break
        if i < args.starts - 1:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=20)
            while True:  # drop STATUS/STOPPING of this start
                notify.settimeout(0.2)
                try:
                    notify.recv(4096)
                except socket.timeout:
                    break
            notify.settimeout(20)
    notify.setblocking(False)

    os.write(master, b"~~~~~M3~~")
    log = os.path.join(work, f"bridge{args.starts - 1}.err")
    end = time.time() + (120 if args.wrap else 20)
    while time.time() < end and "group 1 block 1 scene 3" not in open(os.path.join(work, "sim-helvar.err")).read():
        time.sleep(0.05)
    time.sleep(args.idle)
    while True:
        try:
            notify.recv(4096)
        except BlockingIOError:
            break
    status = open(f"/proc/{daemon.pid}/status").read()
    if args.smaps:
        shutil.copyfile(f"/proc/{daemon.pid}/smaps", args.smaps)
        write_resident_pages(daemon.pid, os.path.realpath(lb), args.smaps + ".pages")
    fields = {k: int(v) for k, v in re.findall(r"^(VmRSS|VmHWM|RssAnon|RssFile|Threads):\s+(\d+)", status, re.M)}
    warnings = [x for x in open(log, errors="replace").read().splitlines() if x.startswith(("<3>", "<4>"))]
    median = statistics.median(ready_ms) if ready_ms else None
    if ready_ms:
        print("READY=1 after exec, ms: " + ", ".join(f"{v:.1f}" for v in ready_ms) + f"; median {median:.1f} (target ≤ 100)")
    print(
        f"idle {args.idle:g} s after one mode on 5 lights (5 simulators), 1 serial + 1 TCP input: "
        f"VmRSS {fields['VmRSS']} kB, VmHWM {fields['VmHWM']} kB (RssAnon {fields['RssAnon']} kB, "
        f"RssFile {fields['RssFile']} kB), {fields['Threads']} threads (target VmRSS ≤ 10,240 kB)")
    if warnings:
        print("bridge warnings: " + " | ".join(warnings[:5]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"ready_ms": ready_ms, "ready_median_ms": median, "idle": fields}, f, indent=1)
    cleanup()


if __name__ == "__main__":
    main()
