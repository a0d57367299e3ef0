# `lightbridge simulate smartlight` (issue 4 item 6; PROTOCOLS.md §1.4), sourced by cli-tests.sh:
# the simulator runs in the background on a free port; a small python3 client sends packets and
# prints the reply bytes (or "closed" when the light drops the connection without a reply).
sl_dir=$(mktemp -d)
"$lb" simulate smartlight --port 0 --modes 1-10 >"$sl_dir/out" 2>"$sl_dir/err" &
sl_pid=$!
sl_port=
for _ in $(seq 1 300); do
  sl_port=$(sed -n 's/^smartlight simulator listening on 127\.0\.0\.1: tcp \([0-9][0-9]*\)$/\1/p' "$sl_dir/out")
  [ -n "$sl_port" ] && break
  sleep 0.1
done
cat >"$sl_dir/client.py" <<'PY'
import socket, sys
port, packet, want = int(sys.argv[1]), bytes.fromhex(sys.argv[2]), int(sys.argv[3])
s = socket.create_connection(("127.0.0.1", port), timeout=15)
s.sendall(packet)
got = b""
while len(got) < want:
    chunk = s.recv(64)
    if not chunk:
        break
    got += chunk
print(got.hex(" ") if got else "closed")
PY
# The success reply echoes id and command; mode 11 is not in the recipe (code 2); a length byte
# that disagrees with the command closes the connection without a reply.
check smartlight-sim-mode-set 0 '01 04 51 00' '^$' '' -- python3 "$sl_dir/client.py" "${sl_port:-1}" '01 05 51 00 05' 4
check smartlight-sim-refused 0 '02 05 7f 51 02' '^$' '' -- python3 "$sl_dir/client.py" "${sl_port:-1}" '02 05 51 00 0b' 5
check smartlight-sim-malformed 0 'closed' '^$' '' -- python3 "$sl_dir/client.py" "${sl_port:-1}" '03 09 51 00 01' 4
check smartlight-sim-log 0 '' '^$' '' -- grep -q 'modeSet(mode: 5) -> mode 5' "$sl_dir/err"
check smartlight-sim-bad-option 64 '' 'modes must be a list' '' -- "$lb" simulate smartlight --port 0 --modes x
kill "$sl_pid" 2>/dev/null
wait "$sl_pid" 2>/dev/null
rm -rf "$sl_dir"
