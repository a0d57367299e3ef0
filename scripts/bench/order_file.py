#!/usr/bin/env python3
"""The code layout file of the release build (scripts/order-file; BENCHMARKS.md, idle RSS).

Usage: order_file.py CALLGRIND_OUT LINK_MAP [--hot HOT_CALLGRIND_OUT] > scripts/lightbridge.order

CALLGRIND_OUT: a callgrind profile written with --dump-instr=yes --compress-pos=no (one line per
executed instruction address). LINK_MAP: gold's -Map of the profiled binary, which lists every
input section placed in `.text` with its address and size. Prints the names of the input
sections that hold at least one executed instruction, sorted, one per line: the format of
gold's --section-ordering-file. Sorted, so that a new profile changes only the lines it must.

HOT_CALLGRIND_OUT: a second profile of the same binary (the trigger path: what a serial reader
thread executes for its frames, collected with --toggle-collect); its sections come first,
sorted, ahead of the rest (those of one function each before the large plain `.text` of a
runtime object). They then share a few pages, which a frame arriving after
milliseconds of sleep finds with a few TLB misses instead of dozens (BENCHMARKS.md item 9).
A name shared by several input sections (plain `.text`, `.text.startup`, a helper every object
defines) places all of them together, which is what the layout wants anyway.
"""
import bisect, re, sys


def text_input_sections(map_path):
    """(address, size, name) of every non-empty input section of the `.text` output section."""
    sections = []
    inside = False
    pending = None
    with open(map_path, errors="replace") as f:
        for line in f:
            if line.startswith(".text "):
                inside = True
                continue
            if not inside:
                continue
            if line[:1] not in (" ", "\t", ""):
                break  # the next output section
            m = re.match(r"^ (\.text\S*)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s", line)
            if m:
                sections.append((int(m.group(2), 16), int(m.group(3), 16), m.group(1)))
                pending = None
                continue
            m = re.match(r"^ (\.text\S*)\s*$", line)
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s", line)
            if m and pending:
                sections.append((int(m.group(1), 16), int(m.group(2), 16), pending))
                pending = None
    return sorted(s for s in sections if s[1] > 0)


def executed_sections(profile, sections, starts):
    """Indices of the sections that hold an instruction address listed in `profile`."""
    executed = set()
    with open(profile, errors="replace") as f:
        for line in f:
            if not line.startswith("0x"):
                continue
            address = int(line.split(None, 1)[0], 16)
            i = bisect.bisect_right(starts, address) - 1
            if i >= 0 and address < sections[i][0] + sections[i][1]:
                executed.add(i)
    if not executed:
        sys.exit(f"order_file.py: no executed address of {profile} falls in .text (profile without --dump-instr?)")
    return executed


def main():
    args = sys.argv[1:]
    hot_profile = None
    if "--hot" in args:
        k = args.index("--hot")
        hot_profile = args[k + 1]
        del args[k:k + 2]
    profile, link_map = args
    sections = text_input_sections(link_map)
    if not sections:
        sys.exit(f"order_file.py: no .text input sections in {link_map}")
    starts = [s[0] for s in sections]
    executed = executed_sections(profile, sections, starts)
    hot = executed_sections(hot_profile, sections, starts) if hot_profile else set()
    # Small sections (one function each) first and together; names that stand for large
    # sections (a runtime object's plain `.text`) after them.
    hot_size_of = {}
    for i in hot:
        hot_size_of[sections[i][2]] = hot_size_of.get(sections[i][2], 0) + sections[i][1]
    hot_names = sorted(hot_size_of, key=lambda name: (hot_size_of[name] > 16384, name))
    names = hot_names + sorted({sections[i][2] for i in executed | hot} - set(hot_names))
    sys.stdout.write("".join(n + "\n" for n in names))
    size = sum(sections[i][1] for i in executed | hot)
    hot_size = sum(sections[i][1] for i in hot)
    print(f"order_file.py: {len(executed | hot)} of {len(sections)} input sections executed ({size / 1e6:.2f} MB), "
          f"{len(names)} names; the trigger path first: {len(hot)} sections ({hot_size / 1e3:.0f} kB)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
