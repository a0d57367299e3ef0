#!/usr/bin/env python3
"""Issue 6: hardware in the loop in QEMU, driven from the host (Tests/hil/README.md).

Usage: hil.py GUEST_DIR WORK_DIR   (GUEST_DIR holds vmlinuz and initramfs.cpio from build-guest)

Boots Debian's kernel in QEMU (TCG) with the guest that build-guest packed, then:
  gpio     two gpio-sim chips; `lightbridge run` with a settle-mode input (active-high) and a
           strobe input (active-low); the host sets the lines through the guest's control port
           (values, bounces shorter than the settle window, a bouncing strobe) and asserts the
           modes the bridge reports, in order, through the real libgpiod edge-event path;
  hotplug  udevd + `lightbridge run` matching the adapter by VID:PID, and a second bridge by
           /dev/serial/by-id glob; the host plugs QEMU's usb-serial (FTDI 0403:6001) over QMP,
           writes Smart Light frames into its host-side chardev and asserts the Smart Light
           simulator in the guest shows the mode; unplugs (the bridge logs the source gone and
           keeps running), plugs again (reopened within 2 s, frames flow again);
  libusb   `lightbridge usb list` shows 0403:6001; `lightbridge usb probe` opens it through
           libusb (ftdi_sio detached), bytes flow both ways, then the device is unplugged while
           open: the probe reports it gone and exits normally (no crash).
Prints one line per check, then a report with timings. A failure prints the guest console
log's tail and the guest-side logs, and exits 1. QEMU gets a parent-death signal and is killed
by PID on every exit path; its PID is in WORK_DIR/qemu.pid for the calling script's trap.
"""
import ctypes, json, os, re, signal, socket, subprocess, sys, time

guest_dir, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
CONSOLE = os.path.join(work, "console.log")
CTL = os.path.join(work, "ctl.sock")
QMP = os.path.join(work, "qmp.sock")
CHARDEV = os.path.join(work, "ftdi.sock")
T0 = time.monotonic()
qemu = None
results = []  # (name, seconds)
timings = []  # (what, text)


def elapsed():
    return time.monotonic() - T0


def stop_qemu():
    global qemu
    if qemu is not None and qemu.poll() is None:
        qemu.kill()
        qemu.wait()
    qemu = None


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def on_signal(signum, _frame):
    stop_qemu()
    sys.exit(128 + signum)


for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(s, on_signal)


def parent_death_kill():
    # PR_SET_PDEATHSIG = 1: QEMU dies with this script even when it is killed with SIGKILL.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)


def boot():
    global qemu
    for p in (CONSOLE, CTL, QMP):
        if os.path.exists(p):
            os.unlink(p)
    args = [
        "qemu-system-x86_64", "-accel", "tcg", "-m", "512", "-smp", "1", "-display", "none",
        "-no-reboot", "-net", "none",
        "-kernel", os.path.join(guest_dir, "vmlinuz"), "-initrd", os.path.join(guest_dir, "initramfs.cpio"),
        "-append", "console=ttyS0 panic=-1 loglevel=4",
        "-chardev", f"file,id=con,path={CONSOLE}", "-serial", "chardev:con",
        "-chardev", f"socket,id=ctl,path={CTL},server=on,wait=off", "-serial", "chardev:ctl",
        "-device", "qemu-xhci,id=xhci",
        "-qmp", f"unix:{QMP},server=on,wait=off",
    ]
    qemu = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(work, "qemu.err"), "w"), preexec_fn=parent_death_kill)
    with open(os.path.join(work, "qemu.pid"), "w") as f:
        f.write(str(qemu.pid))
    wait_for(lambda: "hil-guest: ready" in console(), 120, "the guest to boot (hil-guest: ready)")
    m = re.search(r"hil-guest: ready \(([\d.]+) s", console())
    timings.append(("boot to ready (guest clock)", m.group(1) + " s" if m else "?"))


def console():
    try:
        return open(CONSOLE, errors="replace").read()
    except FileNotFoundError:
        return ""


def wait_for(predicate, seconds, what, interval=0.05):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        if qemu is not None and qemu.poll() is not None:
            raise Failure(f"QEMU exited ({qemu.returncode}) while waiting for {what}")
        time.sleep(interval)
    raise Failure(f"timed out after {seconds} s waiting for {what}")


class Guest:
    """The control port: one line 'ID COMMAND', answered with output and '@@END ID STATUS'.

    The port is an emulated 16550 UART. If an answer is late (NUDGE_AFTER seconds), the host
    sends a ping, a command of its own: more input and more output on the port. A line stuck
    in the UART's receive FIFO, or output stuck behind a missed transmit interrupt, then moves
    on, and the answer is counted as nudged (listed in the report; never silently). Answers
    are matched by ID, so a late answer never becomes part of another command's output."""

    NUDGE_AFTER = 5.0

    def __init__(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(CTL)
        self.buffer = b""
        self.next_id = 1
        self.answers = {}  # ID -> (output, status), answers nobody has collected yet
        self.pings = set()  # IDs of the host's own pings, whose answers are dropped
        self.nudged = []  # (command, seconds until its answer came)
        # A line sent while the guest was still setting the port up may be lost: ping until
        # one is answered, then start from a clean buffer.
        for _ in range(20):
            try:
                self.run("true", timeout=3, nudge=False)
                break
            except Failure:
                continue
        else:
            raise Failure("the guest's control port never answered")
        self.buffer = b""
        self.answers.clear()

    def send(self, command):
        ident = self.next_id
        self.next_id += 1
        self.sock.sendall(f"{ident} {command}\n".encode())
        return ident

    def collect(self):
        """Moves every complete answer in the buffer into `answers`."""
        end_line = re.compile(rb"@@END (\d+) (\d+)\n")
        while m := end_line.search(self.buffer):
            ident, status = int(m.group(1)), int(m.group(2))
            output = self.buffer[: m.start()].decode(errors="replace")
            self.buffer = self.buffer[m.end():]
            if ident in self.pings:
                self.pings.discard(ident)
            else:
                self.answers[ident] = (output, status)

    def run(self, command, timeout=60, ok=True, nudge=True):
        """COMMAND's output; a non-zero status fails the test unless ok is False."""
        return self.run_status(command, timeout, ok, nudge)[0]

    def run_status(self, command, timeout=60, ok=True, nudge=True):
        ident = self.send(command)
        sent = time.monotonic()
        end = sent + timeout
        next_nudge = sent + self.NUDGE_AFTER
        nudges = 0
        while True:
            self.collect()
            if ident in self.answers:
                out, status = self.answers.pop(ident)
                if nudges:
                    self.nudged.append((command, time.monotonic() - sent))
                    print(f"  (control port: the answer to `{command}` came after {nudges} ping(s), "
                          f"{time.monotonic() - sent:.1f} s)")
                if ok and status != 0:
                    raise Failure(f"guest command failed ({status}): {command}\n{out}")
                return out.rstrip("\n"), status
            now = time.monotonic()
            if now >= end:
                pending = self.buffer.decode(errors="replace")[-500:]
                raise Failure(f"guest command timed out after {timeout} s ({nudges} ping(s) sent): {command}\n"
                              f"bytes received since the last answer: {pending!r}")
            if nudge and now >= next_nudge:
                self.pings.add(self.send("true"))
                nudges += 1
                next_nudge = now + self.NUDGE_AFTER
            self.sock.settimeout(max(0.01, min(end, next_nudge if nudge else end) - now))
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not data:
                raise Failure("the guest's control port closed")
            self.buffer += data

    def status(self, command, timeout=60):
        return self.run_status(command, timeout, ok=False)[1]

    def uptime(self):
        return float(self.run("cut -d' ' -f1 /proc/uptime"))

    def file(self, path):
        return self.run(f"cat {path} 2>/dev/null || true")

    def alive(self, pid):
        return self.status(f"kill -0 {pid}") == 0


class QMPClient:
    def __init__(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(QMP)
        self.file = self.sock.makefile("rwb")
        self.events = []
        json.loads(self.file.readline())  # greeting
        self.execute("qmp_capabilities")

    def execute(self, command, **arguments):
        message = {"execute": command}
        if arguments:
            message["arguments"] = arguments
        self.file.write(json.dumps(message).encode() + b"\n")
        self.file.flush()
        while True:
            reply = json.loads(self.file.readline())
            if "event" in reply:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise Failure(f"QMP {command}: {reply['error']}")
            return reply.get("return")

    def wait_event(self, name, device, seconds):
        end = time.monotonic() + seconds
        while True:
            for e in self.events:
                if e["event"] == name and e.get("data", {}).get("device") == device:
                    self.events.remove(e)
                    return
            left = end - time.monotonic()
            if left <= 0:
                raise Failure(f"no QMP event {name} for {device} within {seconds} s")
            self.sock.settimeout(left)
            try:
                line = self.file.readline()
            except (socket.timeout, OSError):
                raise Failure(f"no QMP event {name} for {device} within {seconds} s")
            finally:
                self.sock.settimeout(None)
            if line:
                self.events.append(json.loads(line))


def timestamped(command, log):
    """A guest command line running COMMAND in the background (hil-bg), each line of its output
    prefixed with the guest's uptime in LOG; it prints the command's PID."""
    return f"hil-bg {log} {command}"


def lines_with(text, pattern):
    return [l for l in text.splitlines() if re.search(pattern, l)]


# ─── GPIO ──────────────────────────────────────────────────────────────────────────────────────

SETTLE_MS = 300
STROBE_SETTLE_MS = 200


def gpio_test(g):
    chip_a = g.run("hil-sim chip settle 9")
    chip_b = g.run("hil-sim chip strobe 9")
    check(re.fullmatch(r"gpiochip\d+", chip_a) and re.fullmatch(r"gpiochip\d+", chip_b),
          f"gpio-sim chips not created: {chip_a!r} {chip_b!r}")
    # The strobe chip's inputs idle at the value 0 (active-low: pulled up) and its strobe
    # (line 8, active-low) inactive (up) before the bridge starts.
    g.run(f"hil-sim seq {chip_b} 1 0 && hil-sim pull {chip_b} 8 up")
    config = f"""
[bridge]
state_directory = "/tmp/gpio-state"
restore_last_mode = false
log_level = "debug"

[lights.light]
protocol = "smartlight"
host = "127.0.0.1"
port = 13000
pass_modes = true

[inputs.gpio-settle]
type = "gpio"
chip = "{chip_a}"
lines = [0, 1, 2, 3, 4, 5, 6, 7]
settle_ms = {SETTLE_MS}

[inputs.gpio-strobe]
type = "gpio"
chip = "{chip_b}"
lines = [0, 1, 2, 3, 4, 5, 6, 7]
strobe = 8
active_low = true
settle_ms = {STROBE_SETTLE_MS}
"""
    write_guest_file(g, "/tmp/gpio.toml", config)
    g.run("lightbridge check-config /tmp/gpio.toml")
    sim = g.run(timestamped("lightbridge simulate smartlight --port 13000", "/tmp/gpio-sim.log"))
    bridge = g.run(timestamped("lightbridge run --config /tmp/gpio.toml", "/tmp/gpio-bridge.log"))

    def modes(source):
        log = g.file("/tmp/gpio-bridge.log")
        return [int(m) for m in re.findall(source + r": mode (\d+)", log)]

    def expect(source, sequence, what):
        wait_for(lambda: modes(source) == sequence or len(modes(source)) > len(sequence), 30,
                 f"{source} to report {sequence} ({what})", interval=0.2)
        check(modes(source) == sequence, f"{source}: modes {modes(source)}, expected {sequence} ({what})")

    # Settle mode, active-high: the first settled value (0) is reported at start-up.
    expect("gpio-settle", [0], "start-up value")
    g.run(f"hil-sim seq {chip_a} 0 5")
    expect("gpio-settle", [0, 5], "lines set to 5")
    # 5 → 9 through bouncing intermediate values, all within one settle window.
    took = int(g.run(f"hil-sim seq {chip_a} 0 7 5 13 1 9 11 9 1 9"))
    check(took < SETTLE_MS, f"the bounce took {took} ms, not shorter than the {SETTLE_MS} ms settle window")
    timings.append(("bounce burst 5→9 (9 values, 72 line writes)", f"{took} ms < settle {SETTLE_MS} ms"))
    expect("gpio-settle", [0, 5, 9], "bounce settling on 9: intermediate values never reported")
    # A glitch that returns to the same value is noise: nothing is reported.
    took2 = int(g.run(f"hil-sim seq {chip_a} 0 8 9 1 9"))
    check(took2 < SETTLE_MS, f"the glitch took {took2} ms")
    time.sleep(3 * SETTLE_MS / 1000 + 0.5)
    g.run(f"hil-sim seq {chip_a} 0 0")
    expect("gpio-settle", [0, 5, 9, 0], "a glitch back to 9 reported nothing; then clear")
    g.run(f"hil-sim seq {chip_a} 0 200")
    expect("gpio-settle", [0, 5, 9, 0, 200], "200")
    g.run(f"hil-sim seq {chip_a} 0 255")
    expect("gpio-settle", [0, 5, 9, 0, 200, 255], "255")

    # Strobe mode, active-low inputs and strobe: nothing at start-up; each strobe latches.
    check(modes("gpio-strobe") == [], f"strobe input reported {modes('gpio-strobe')} before any strobe")
    g.run(f"hil-sim seq {chip_b} 1 6")
    time.sleep(1.0)
    check(modes("gpio-strobe") == [], "strobe input reported a mode without a strobe")
    g.run(f"hil-sim strobe {chip_b} 8 1")
    expect("gpio-strobe", [6], "strobe latches 6 (active-low lines)")
    time.sleep(STROBE_SETTLE_MS / 1000 + 0.3)
    g.run(f"hil-sim strobe {chip_b} 8 1")
    expect("gpio-strobe", [6, 6], "a repeated strobe re-applies 6")
    time.sleep(STROBE_SETTLE_MS / 1000 + 0.3)
    g.run(f"hil-sim seq {chip_b} 1 3")
    took3 = int(g.run(f"hil-sim strobe {chip_b} 8 3"))
    check(took3 < STROBE_SETTLE_MS, f"the strobe bounce took {took3} ms")
    timings.append(("bouncing strobe (3 pulses)", f"{took3} ms < settle {STROBE_SETTLE_MS} ms"))
    expect("gpio-strobe", [6, 6, 3], "a bouncing strobe latches 3 once")
    time.sleep(1.0)
    check(modes("gpio-strobe") == [6, 6, 3], f"strobe input: {modes('gpio-strobe')}")
    check(modes("gpio-settle") == [0, 5, 9, 0, 200, 255], f"settle input changed: {modes('gpio-settle')}")
    # The simulated light saw the modes (end to end through the bridge).
    sim_log = g.file("/tmp/gpio-sim.log")
    for mode in (5, 9, 200, 255, 6, 3):
        check(re.search(rf"modeSet\(mode: {mode}\)", sim_log), f"the Smart Light simulator never saw mode {mode}")
    check(g.alive(bridge), "the bridge died during the GPIO test")
    g.run(f"kill {bridge} {sim}; sleep 0.5")
    print(f"  gpio-settle modes {modes('gpio-settle')}; gpio-strobe modes {modes('gpio-strobe')}")


def write_guest_file(g, path, text):
    g.run(f": >{path}")
    for line in text.strip("\n").split("\n"):
        g.run("printf '%s\\n' " + shell_quote(line) + f" >>{path}")


def shell_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


# ─── Hotplug ───────────────────────────────────────────────────────────────────────────────────

class Adapter:
    """QEMU's usb-serial (FTDI 0403:6001) with its chardev on a Unix socket the host writes."""

    def __init__(self, qmp):
        self.qmp = qmp
        self.count = 0
        self.sock = None
        self.device = None

    def plug(self):
        self.count += 1
        chardev = f"ftdi{self.count}"
        path = CHARDEV + str(self.count)
        self.qmp.execute("chardev-add", id=chardev, backend={
            "type": "socket", "data": {"addr": {"type": "unix", "data": {"path": path}},
                                       "server": True, "wait": False}})
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.device = f"ser{self.count}"
        self.chardev = chardev
        self.qmp.execute("device_add", driver="usb-serial", id=self.device, bus="xhci.0", chardev=chardev,
                         **{"always-plugged": True})

    def write(self, data):
        self.sock.sendall(data)

    def read(self, seconds):
        self.sock.settimeout(seconds)
        try:
            return self.sock.recv(4096)
        except socket.timeout:
            return b""

    def unplug(self):
        self.qmp.execute("device_del", id=self.device)
        self.qmp.wait_event("DEVICE_DELETED", self.device, 30)
        self.sock.close()
        self.qmp.execute("chardev-remove", id=self.chardev)


def hotplug_test(g, qmp, adapter):
    config = """
[bridge]
state_directory = "/tmp/hotplug-state"
restore_last_mode = false

[lights.light]
protocol = "smartlight"
host = "127.0.0.1"
port = 13000
pass_modes = true

[inputs.plc]
type = "serial"
usb = "0403:6001"
baud = 9600
"""
    write_guest_file(g, "/tmp/hotplug.toml", config)
    g.run("lightbridge check-config /tmp/hotplug.toml")
    sim = g.run(timestamped("lightbridge simulate smartlight --port 13000", "/tmp/hotplug-sim.log"))
    bridge = g.run(timestamped("lightbridge run --config /tmp/hotplug.toml", "/tmp/hotplug-bridge.log"))
    wait_for(lambda: "plc" in g.file("/tmp/hotplug-bridge.log"), 30, "the bridge to start and wait for the adapter",
             interval=0.3)

    def bridge_log():
        return g.file("/tmp/hotplug-bridge.log")

    def sim_modes():
        return [int(m) for m in re.findall(r"modeSet\(mode: (\d+)\) ->", g.file("/tmp/hotplug-sim.log"))]

    def opened_count():
        return len(lines_with(bridge_log(), r"plc: open"))

    for round_ in (1, 2):
        before = g.uptime()
        opens = opened_count()
        adapter.plug()
        wait_for(lambda: opened_count() > opens, 30, f"the bridge to open the adapter (plug {round_})", interval=0.1)
        open_line = lines_with(bridge_log(), r"plc: open")[-1]
        latency = float(open_line.split()[0]) - before
        limit = " (limit 2000 ms)" if round_ == 2 else ""
        timings.append((f"plug {round_} → bridge opened ttyUSB0 (guest clock)", f"{latency * 1000:.0f} ms{limit}"))
        if round_ == 2:
            check(latency <= 2.0, f"replug: opened {latency:.2f} s after device_add (limit 2 s)")
        mode = 5 if round_ == 1 else 7
        sent = time.monotonic()
        adapter.write(b"~~~~~M%d~~" % mode)
        wait_for(lambda: mode in sim_modes(), 20, f"the simulator to show mode {mode}", interval=0.1)
        timings.append((f"frame ~~~~~M{mode}~~ → simulator (host-observed)", f"{(time.monotonic() - sent) * 1000:.0f} ms"))
        check(re.search(r"plc: .*mode %d" % mode, bridge_log()), f"the bridge did not log mode {mode} from plc")
        # Unplug: the bridge notices and keeps running.
        before = g.uptime()
        unplugged = time.monotonic()
        adapter.unplug()
        timings.append((f"unplug {round_}: device_del → DEVICE_DELETED", f"{(time.monotonic() - unplugged) * 1000:.0f} ms"))
        wait_for(lambda: re.search(r"plc: .*(gone|closed|removed|hang)", "\n".join(
            l for l in bridge_log().splitlines() if float(l.split()[0]) >= before - 0.05)), 20,
            f"the bridge to log the adapter gone (unplug {round_})", interval=0.2)
        check(g.alive(bridge), f"the bridge died after unplug {round_}")
    # A frame while unplugged changes nothing; the bridge is still serving.
    check(g.alive(bridge) and g.alive(sim), "bridge or simulator gone")
    check(sim_modes()[-2:] == [5, 7], f"simulator modes {sim_modes()}")
    g.run(f"kill {bridge}; sleep 0.5")

    # The same through a /dev/serial/by-id glob (udev's links), one plug.
    config2 = config.replace('usb = "0403:6001"', 'device = "/dev/serial/by-id/usb-QEMU_QEMU_USB_SERIAL_*-if00*"').replace(
        "hotplug-state", "hotplug-state2")
    write_guest_file(g, "/tmp/hotplug-byid.toml", config2)
    g.run("lightbridge check-config /tmp/hotplug-byid.toml")
    bridge = g.run(timestamped("lightbridge run --config /tmp/hotplug-byid.toml", "/tmp/hotplug-byid.log"))
    wait_for(lambda: "plc" in g.file("/tmp/hotplug-byid.log"), 30, "the by-id bridge to start", interval=0.3)
    before = g.uptime()
    adapter.plug()
    link = wait_for(lambda: g.run("ls /dev/serial/by-id/ 2>/dev/null || true"), 30, "udev's /dev/serial/by-id link",
                    interval=0.1)
    wait_for(lambda: lines_with(g.file("/tmp/hotplug-byid.log"), r"plc: open"), 30,
             f"the by-id bridge to open the adapter (links: {link})", interval=0.1)
    open_line = lines_with(g.file("/tmp/hotplug-byid.log"), r"plc: open")[-1]
    timings.append(("plug → by-id bridge opened (guest clock)", f"{(float(open_line.split()[0]) - before) * 1000:.0f} ms"))
    adapter.write(b"~~~~~M9~~")
    wait_for(lambda: 9 in sim_modes(), 20, "the simulator to show mode 9 (by-id)", interval=0.1)
    adapter.unplug()
    check(g.alive(bridge), "the by-id bridge died after unplug")
    g.run(f"kill {bridge} {sim}; sleep 0.5")
    print(f"  by-id link: {link.strip()}; simulator modes {sim_modes()}")


# ─── libusb ────────────────────────────────────────────────────────────────────────────────────

def strip_ftdi_status(raw):
    """FTDI IN data: every 64-byte packet starts with 2 modem/line status bytes."""
    out = b""
    for i in range(0, len(raw), 64):
        out += raw[i + 2:i + 64]
    return out


def libusb_test(g, qmp, adapter):
    adapter.plug()
    wait_for(lambda: g.status("test -e /dev/ttyUSB0") == 0, 30, "ttyUSB0 (ftdi_sio bound)", interval=0.2)
    listing = g.run("lightbridge usb list")
    check("0403:6001" in listing, f"usb list does not show 0403:6001:\n{listing}")
    # A probe that closes by itself releases the interface and re-attaches ftdi_sio.
    short = g.run("lightbridge usb probe 0403:6001 --out-endpoint 0x02 --in-endpoint 0x81 --seconds 2 2>&1")
    check("closed: time is up" in short, f"short probe:\n{short}")
    wait_for(lambda: g.status("test -e /dev/ttyUSB0") == 0, 20, "ftdi_sio re-attached after the probe closed",
             interval=0.2)
    g.run("(lightbridge usb probe 0403:6001 --out-endpoint 0x02 --in-endpoint 0x81 --write guest-to-host "
          "--seconds 120; echo \"probe exit status $?\") </dev/null >/tmp/probe.log 2>&1 &")
    wait_for(lambda: "opened" in g.file("/tmp/probe.log") or "error" in g.file("/tmp/probe.log"), 30,
             "the probe to open the device", interval=0.2)
    probe_log = g.file("/tmp/probe.log")
    check("opened 0403:6001" in probe_log, f"probe did not open the device:\n{probe_log}")
    check(g.status("test -e /dev/ttyUSB0") != 0, "ftdi_sio was not detached (ttyUSB0 still there)")
    # OUT: the guest's bytes arrive at the host chardev.
    got = b""
    end = time.monotonic() + 20
    while b"guest-to-host" not in got and time.monotonic() < end:
        got += adapter.read(1.0)
    check(b"guest-to-host" in got, f"host chardev got {got!r}, not the probe's bytes")
    # IN: the host's bytes arrive through libusb bulk IN reads (FTDI status bytes stripped).
    adapter.write(b"host-to-guest")

    def received():
        data = b""
        for m in re.finditer(r"read \d+ bytes: ([0-9A-Fa-f]*)", g.file("/tmp/probe.log")):
            data += strip_ftdi_status(bytes.fromhex(m.group(1)))
        return data

    wait_for(lambda: b"host-to-guest" in received(), 20, "the probe to read the host's bytes", interval=0.2)
    # Removal while open: a typed "device gone", a normal exit, no crash.
    adapter.unplug()
    wait_for(lambda: "probe exit status" in g.file("/tmp/probe.log"), 30, "the probe to report the removal and exit",
             interval=0.2)
    probe_log = g.file("/tmp/probe.log")
    check(re.search(r"closed: .*(gone|NO_DEVICE|unplugged)", probe_log, re.I), f"probe's close reason:\n{probe_log}")
    # 0: closed normally; a crash would be 128 + signal (132 SIGILL, 134 SIGABRT, 139 SIGSEGV).
    check("probe exit status 0" in probe_log, f"probe did not exit normally:\n{probe_log}")
    print("  " + " | ".join(l for l in probe_log.splitlines() if not l.startswith("read")))
    # The same device again through the bridge's USB input (SmartLightUSBSource): open, gone, alive.
    config = """
[bridge]
state_directory = "/tmp/usb-state"
restore_last_mode = false

[lights.light]
protocol = "smartlight"
host = "127.0.0.1"
port = 13000

[inputs.plc-usb]
type = "usb"
usb = "0403:6001"
out_endpoint = 2
in_endpoint = 129
"""
    write_guest_file(g, "/tmp/usb.toml", config)
    g.run("lightbridge check-config /tmp/usb.toml")
    bridge = g.run(timestamped("lightbridge run --config /tmp/usb.toml", "/tmp/usb-bridge.log"))
    wait_for(lambda: "plc-usb" in g.file("/tmp/usb-bridge.log"), 30, "the USB bridge to start", interval=0.3)
    before = g.uptime()
    adapter.plug()
    wait_for(lambda: lines_with(g.file("/tmp/usb-bridge.log"), r"plc-usb: open"), 30,
             "the bridge's USB input to open the device", interval=0.1)
    line = lines_with(g.file("/tmp/usb-bridge.log"), r"plc-usb: open")[-1]
    timings.append(("plug → bridge USB input opened (libusb hotplug, guest clock)",
                    f"{(float(line.split()[0]) - before) * 1000:.0f} ms"))
    adapter.unplug()
    wait_for(lambda: re.search(r"plc-usb: .*gone", g.file("/tmp/usb-bridge.log")), 30,
             "the bridge's USB input to report the device gone", interval=0.2)
    check(g.alive(bridge), "the bridge died when the USB device was removed")
    g.run(f"kill {bridge}")


# ─── Main ──────────────────────────────────────────────────────────────────────────────────────

def dump_guest(g):
    print("---- guest console (tail)")
    print("\n".join(console().splitlines()[-60:]))
    if g is None:
        return
    try:
        for name in g.run("ls /tmp/*.log 2>/dev/null || true", timeout=10).split():
            if not name.startswith("/tmp/"):
                continue
            print(f"---- guest {name} (tail)")
            print("\n".join(g.file(name).splitlines()[-40:]))
        print("---- guest dmesg (tail), serial interrupts, processes")
        print(g.run("dmesg | tail -n 30; grep -i serial /proc/interrupts; ps -o pid,stat,args 2>/dev/null || ps",
                    timeout=10, ok=False))
    except Exception as e:  # the guest may be gone
        print(f"(guest logs unavailable: {e})")


def main():
    wanted = sys.argv[3].split(",") if len(sys.argv) > 3 else ["gpio", "hotplug", "libusb"]
    g = None
    passed = failed = 0
    unknown = [w for w in wanted if w not in ("gpio", "hotplug", "libusb")]
    if unknown:
        print(f"hil: unknown test(s) {', '.join(unknown)} (gpio, hotplug, libusb)")
        return 64
    try:
        boot()
        g = Guest()
        qmp = QMPClient()
        adapter = Adapter(qmp)
        tests = {"gpio": lambda: gpio_test(g), "hotplug": lambda: hotplug_test(g, qmp, adapter),
                 "libusb": lambda: libusb_test(g, qmp, adapter)}
        for name in wanted:
            start = time.monotonic()
            try:
                tests[name]()
            except Failure as e:
                failed += 1
                print(f"FAIL {name}: {e}")
                dump_guest(g)
                break
            passed += 1
            results.append((name, time.monotonic() - start))
            print(f"PASS {name} ({time.monotonic() - start:.1f} s)")
    except Failure as e:
        failed += 1
        print(f"FAIL setup: {e}")
        dump_guest(g)
    finally:
        if g is not None and qemu is not None and qemu.poll() is None:
            try:
                g.sock.sendall(b"0 poweroff -f\n")
                qemu.wait(timeout=5)
            except Exception:
                pass
        stop_qemu()
    print("== HIL report")
    for name, seconds in results:
        print(f"  passed  {name:8} {seconds:6.1f} s")
    for what, text in timings:
        print(f"  timing  {what}: {text}")
    if g is not None and g.nudged:
        print(f"  control port: {len(g.nudged)} answer(s) late by more than {Guest.NUDGE_AFTER:.0f} s, "
              "moved on by a ping: " + "; ".join(f"`{c}` {t:.1f} s" for c, t in g.nudged))
    print(f"  total in QEMU {elapsed():.1f} s")
    print(f"hil: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
