#!/usr/bin/env bash
# Third-party client test (issue 4 item 8): aiohelvar 0.9.8 from PyPI against
# `lightbridge simulate helvar --port 0`. Prints "N passed, N failed"; non-zero exit on failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
venv=.build/thirdparty-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || { echo "0 passed, 1 failed"; exit 1; }
fi
if ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("aiohelvar") == "0.9.8"' 2>/dev/null; then
    "$venv/bin/pip" install --quiet "aiohelvar==0.9.8" || { echo "pip install aiohelvar==0.9.8 failed"; echo "0 passed, 1 failed"; exit 1; }
fi
bin=$(swift build --show-bin-path)/lightbridge
[ -x "$bin" ] || swift build --product lightbridge >/dev/null || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp -d)
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
    rm -rf "$log"
}
trap cleanup EXIT INT TERM

"$bin" simulate helvar --port 0 >"$log/out" 2>"$log/err" &
sim_pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*tcp \([0-9][0-9]*\).*/\1/p' "$log/out")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "the simulator did not start:"; cat "$log/err"
    echo "0 passed, 1 failed"; exit 1
fi

"$venv/bin/python" Tests/ThirdParty/helvar_aiohelvar.py "$port" | tee "$log/client"
status=${PIPESTATUS[0]}
result=$(tail -n 1 "$log/client")
if [[ "$result" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    p=${BASH_REMATCH[1]}; f=${BASH_REMATCH[2]}
else
    p=0; f=1; status=1
fi
# The simulator's own report on stderr: the recall arrived.
if grep -q "recall group 1 block 1 scene 3" "$log/err"; then
    echo "ok   the simulator logged the recall"; p=$((p + 1))
else
    echo "FAIL the simulator logged no recall"; f=$((f + 1)); sed 's/^/  sim: /' "$log/err"
fi
# A workgroup file (docs/SIMULATORS.md) replaces the built-in one.
kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; sim_pid=""
cat >"$log/wg.json" <<'JSON'
{"name": "File Workgroup", "devices": [{"address": "3.4.1.9", "type": 1537, "name": "Lamp"}],
 "groups": [{"id": 12, "name": "Lab", "members": ["3.4.1.9"], "scenes": []}]}
JSON
: >"$log/out"
"$bin" simulate helvar --port 0 --workgroup "$log/wg.json" >"$log/out" 2>"$log/err" &
sim_pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*tcp \([0-9][0-9]*\).*/\1/p' "$log/out")
    [ -n "$port" ] && break
    sleep 0.1
done
answer=$("$venv/bin/python" - "$port" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b">V:2,C:107#>V:2,C:100,@3.4.1#")
data = b""
while data.count(b"#") < 2:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
print(data.decode())
PY
)
if [ "$answer" = "?V:2,C:107=File Workgroup#?V:2,C:100,@3.4.1=1537@9#" ]; then
    echo "ok   --workgroup FILE serves the file's workgroup"; p=$((p + 1))
else
    echo "FAIL --workgroup FILE: got '$answer'"; f=$((f + 1))
fi
echo "$p passed, $f failed"
[ "$status" -eq 0 ] && [ "$f" -eq 0 ]
