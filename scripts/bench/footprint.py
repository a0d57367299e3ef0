#!/usr/bin/env python3
"""Code footprint of the trigger path (BENCHMARKS.md item 9): what the serial reader thread
executes for one Smart Light mode frame, from `read` returning to the Lightwave datagram's
`sendto` and the bookkeeping after it, counted by callgrind (instructions are exact and repeatable,
whatever else the machine does).

Frames arrive 4 ms apart in latency.py, so every frame starts with cold caches and TLBs: what it
costs is then mostly how many distinct 64-byte code lines and 4 KiB code pages it runs through,
not how many instructions. This prints both, per object, for the last frame of a run (the
first frames also run one-time work: protocol conformance lookups, metadata).

Usage: footprint.py PATH/TO/lightbridge [--frames 100] [--pages] [--split]
  --pages   also list each code page of the binary with its lines and functions
  --split   also count the part up to the datagram's `sendto` and the part after it apart
            (callgrind dumps its counts as `sendto` is entered)
The figures are those of the last frame (callgrind zeroes its counts as each read's decoding
starts), sent 10 ms after the one before it so that the driver is idle and begins at once:
the whole of the reader's work for it, the datagram and the bookkeeping queued after it.
Needs valgrind. The binary should have no DWARF 5 debug info (valgrind 3.19): strip --strip-debug.
"""
import argparse, bisect, collections, os, re, subprocess, sys, tempfile

CONSUME = "$s8BridgeIO23SmartLightFrameConsumerC7consumeySbSWF"
# The driver's begin, of an action or of a prepared command (BENCHMARKS.md item 11).
BEGIN = (
    "LightwaveDriverC5beginyAA0C12BegunCommandVSg0A9Protocols0C6ActionOF",
    "LightwaveDriverC5beginyAA0C12BegunCommandVSg0A9Protocols0c8PreparedG0CF",
)


def parse(path):
    """Distinct code lines per object, instruction total, calls of the driver's begin."""
    lines = collections.defaultdict(set)
    total = 0
    begins = 0
    obj = None
    called = None
    with open(path) as f:
        for raw in f:
            if raw.startswith("ob="):
                obj = raw[3:].strip()
            elif raw.startswith("cfn="):
                called = raw[4:].strip()
            elif raw.startswith("calls="):
                if called and called.endswith(BEGIN):  # str.endswith takes a tuple
                    begins += int(raw.split()[0][6:])
                called = "call"
            else:
                if raw.startswith("summary:"):
                    total = int(raw.split()[1])
                m = re.match(r"^(0x[0-9a-f]+) ", raw)  # positions: instr line, then the cost
                if m:
                    if called == "call":  # the cost line of a call: inclusive, not this line's own
                        called = None
                        continue
                    lines[obj].add(int(m.group(1), 16) >> 6)
    return lines, total, begins


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lightbridge")
    ap.add_argument("--frames", type=int, default=100)
    ap.add_argument("--pages", action="store_true")
    ap.add_argument("--split", action="store_true")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    binary = os.path.abspath(args.lightbridge)
    with tempfile.TemporaryDirectory(prefix="lightbridge-footprint.") as work:
        out = os.path.join(work, "consume.out")
        wrap = os.path.join(work, "wrap")
        with open(wrap, "w") as f:
            f.write(
                "#!/bin/sh\n"
                f"exec valgrind --tool=callgrind --callgrind-out-file={out} --dump-instr=yes "
                "--compress-pos=no --compress-strings=no "
                f"'--toggle-collect={CONSUME}' '--zero-before={CONSUME}' "
                + ("--dump-before=sendto " if args.split else "")
                + f"{binary} \"$@\"\n"
            )
        os.chmod(wrap, 0o755)
        subprocess.run(
            [sys.executable, os.path.join(here, "latency.py"), wrap, "--frames", str(args.frames), "--warmup", "20",
             "--interval-ms", "10"],
            check=False, stdout=subprocess.DEVNULL)
        if args.split:
            # One dump per sendto (the frame so far, zeroed as its decoding started); the last
            # frame's send is the last dump that called begin, what follows it the dump after.
            dumps = sorted(
                (f for f in os.listdir(work) if f.startswith("consume.out.")), key=lambda f: int(f.rsplit(".", 1)[1]))
            parsed = [parse(os.path.join(work, f)) for f in dumps]
            sends = [i for i, p in enumerate(parsed) if p[2] == 1]
            if not sends or sends[-1] + 1 >= len(parsed):
                sys.exit("no dump at the last frame's sendto")
            halves = [("up to the sendto", parsed[sends[-1]]), ("after it", parsed[sends[-1] + 1])]
            lines = collections.defaultdict(set)
            for _, (part, _, _) in halves:
                for obj, s in part.items():
                    lines[obj] |= s
            total = sum(p[1] for _, p in halves)
            begins = 1
        else:
            lines, total, begins = parse(out)
    if begins != 1:
        sys.exit(f"the last frame called the driver's begin {begins} times, not once (the Link was busy?)")
    print("the last frame, begun at once on the reader thread")
    print(f"instructions: {total}")
    every = set().union(*lines.values())
    print(f"distinct code lines: {len(every)}, code pages: {len({a >> 6 for a in every})}")
    for obj, s in sorted(lines.items(), key=lambda kv: -len(kv[1])):
        print(f"  {os.path.basename(obj)}: {len(s)} lines, {len({a >> 6 for a in s})} pages")
    if args.split:
        for name, (part, count, _) in halves:
            every = set().union(*part.values())
            print(f"{name}: {count} instructions, {len(every)} code lines, {len({a >> 6 for a in every})} code pages")
    if args.pages:
        list_pages(binary, lines.get(binary, set()))


def list_pages(binary, lines):
    symbols = []
    nm = subprocess.run(["nm", "-n", "--defined-only", binary], capture_output=True, text=True).stdout
    for row in nm.splitlines():
        parts = row.split(" ", 2)
        if len(parts) == 3 and parts[1] in "tTwW":
            symbols.append((int(parts[0], 16), parts[2]))
    starts = [s[0] for s in symbols]
    pages = collections.defaultdict(collections.Counter)
    for line in lines:
        i = bisect.bisect_right(starts, line << 6) - 1
        pages[line >> 6][symbols[i][1] if i >= 0 else "?"] += 1
    for page in sorted(pages):
        names = ", ".join(f"{n[:70]} ({c})" for n, c in pages[page].most_common(4))
        print(f"{page << 12:#x}: {sum(pages[page].values())} lines: {names}")


if __name__ == "__main__":
    main()
