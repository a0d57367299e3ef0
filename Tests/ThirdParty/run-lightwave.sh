#!/usr/bin/env bash
# Issue 4, item 8: the PyPI library `lightwave` (0.24), unmodified, turns a device on, dims it and
# turns it off on the LightwaveRF Link simulator (docs/SIMULATORS.md "LightwaveRF").
#
# The library has fixed ports (commands to 9760, replies read on 0.0.0.0:9761), so the simulator
# runs on 127.0.0.1:9760 replying to 9761; the script stops if either port is taken. Prints
# "N passed, N failed" last and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
venv="$root/.build/thirdparty-venv"
lb="${LIGHTBRIDGE:-}"
passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1${2:+: $2}"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

if [ -z "$lb" ]; then
    swift build --product lightbridge >/dev/null 2>&1 || { fail build "swift build failed"; finish; }
    lb="$(swift build --show-bin-path)/lightbridge"
fi

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || { fail venv "python3 -m venv failed"; finish; }
fi
if ! "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("lightwave") != "0.24")' 2>/dev/null; then
    "$venv/bin/pip" install --quiet 'lightwave==0.24' || { fail pip "pip install lightwave==0.24 failed"; finish; }
fi

# Both fixed ports must be free: a second listener on 9761 would take some of the replies.
if ! python3 - <<'PY'
import socket, sys
busy = []
for host, port in (("127.0.0.1", 9760), ("0.0.0.0", 9761)):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind((host, port))
    except OSError as e:
        busy.append(f"{host}:{port} ({e.strerror})")
    finally:
        s.close()
if busy:
    print("UDP port(s) busy: " + ", ".join(busy), file=sys.stderr)
    sys.exit(1)
PY
then
    fail ports "UDP 9760/9761 are in use; the lightwave library cannot use other ports"
    finish
fi

simlog=$(mktemp)
simout=$(mktemp)
sim=""
cleanup() {
    [ -n "$sim" ] && kill "$sim" 2>/dev/null && wait "$sim" 2>/dev/null
    rm -f "$simlog" "$simout"
}
trap cleanup EXIT INT TERM

"$lb" simulate lightwave --port 9760 --reply-port 9761 --auto-register --auto-register-delay 0 \
    >"$simout" 2>"$simlog" &
sim=$!
for _ in $(seq 100); do
    grep -q "listening" "$simout" && break
    kill -0 "$sim" 2>/dev/null || break
    sleep 0.1
done
if ! grep -q "udp 9760" "$simout"; then
    fail simulator "did not start: $(cat "$simlog")"
    finish
fi
pass "simulator listening on 127.0.0.1:9760, replies to 9761"

summary=$(timeout 120 "$venv/bin/python" Tests/ThirdParty/lightwave_client.py 127.0.0.1)
rc=$?
echo "client: $summary"
if [ $rc -eq 0 ]; then pass "lightwave client ran"; else fail "lightwave client ran" "exit $rc"; fi

# The library's own verdicts: three commands acknowledged, none failed.
ok=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["ok"], d["fail"], len(d["errors"]))' "$summary" 2>/dev/null)
if [ "$ok" = "3 0 0" ]; then pass "library reports 3 commands OK, no failure"; else fail "library verdicts" "ok/fail/errors = $ok"; fi

# What the simulated Link really did, from its log (one line per command).
line_of() { grep -n -F "$1" "$simlog" | head -1 | cut -d: -f1; }
reg=$(line_of "127.0.0.1 registered")
on=$(line_of "127.0.0.1 on R1D1 -> on level 32 (100%)")
dim=$(line_of "127.0.0.1 dim R1D1 -> on level 17 (53%)")
off=$(line_of "127.0.0.1 off R1D1 -> off")
[ -n "$reg" ] && pass "client registered by the button press" || fail "client registered"
[ -n "$on" ] && pass "R1D1 turned on" || fail "R1D1 turned on"
[ -n "$dim" ] && pass "R1D1 dimmed to level 17" || fail "R1D1 dimmed to level 17"
[ -n "$off" ] && pass "R1D1 turned off" || fail "R1D1 turned off"
if [ -n "$reg" ] && [ -n "$on" ] && [ -n "$dim" ] && [ -n "$off" ] && [ "$reg" -lt "$on" ] && [ "$on" -lt "$dim" ] && [ "$dim" -lt "$off" ]; then
    pass "in order: register, on, dim, off"
else
    fail "in order: register, on, dim, off"
fi
if [ "$failed" -ne 0 ]; then echo "--- simulator log"; cat "$simlog"; fi
finish
