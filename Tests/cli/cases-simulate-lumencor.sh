# `lightbridge simulate lumencor` (PROTOCOLS.md §4; docs/SIMULATORS.md), sourced by cli-tests.sh:
# the simulator runs in the background on a free port; a small python3 client asserts its answers.
lumencor_out=$(mktemp)
lumencor_err=$(mktemp)
"$lb" simulate lumencor --port 0 --udp --channels RED,GREEN,CYAN,UV,BLUE,TEAL --max-intensity 1000 --status 2 \
  >"$lumencor_out" 2>"$lumencor_err" &
lumencor_pid=$!
lumencor_port=
for _ in $(seq 300); do
  lumencor_port=$(sed -n 's/^lumencor simulator listening on .*tcp \([0-9]*\).*/\1/p' "$lumencor_out")
  [ -n "$lumencor_port" ] && break
  sleep 0.1
done

# Sends the lines (empty line first, as a client should) over TCP; prints the answers, one a line.
lumencor_tcp() {
  python3 -c '
import socket, sys
port, lines = int(sys.argv[1]), sys.argv[2:]
s = socket.create_connection(("127.0.0.1", port), 10)
s.settimeout(10)
s.sendall(b"\n" + b"".join(l.encode() + b"\n" for l in lines))
data = b""
while data.count(b"\r\n") < len(lines):
    chunk = s.recv(4096)
    if not chunk: break
    data += chunk
sys.stdout.write(data.decode().replace("\r\n", "\n"))
' "$lumencor_port" "$@"
}

# Sends one datagram; prints the answer.
lumencor_udp() {
  python3 -c '
import socket, sys
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.settimeout(10)
u.sendto(sys.argv[2].encode(), ("127.0.0.1", int(sys.argv[1])))
sys.stdout.write(u.recv(4096).decode().replace("\r\n", "\n"))
' "$lumencor_port" "$1"
}

if [ -z "$lumencor_port" ]; then
  echo "FAIL lumencor-sim-start: no port line; stderr: $(cat "$lumencor_err")"
  failed=$((failed + 1))
else
  check lumencor-sim-engine 0 'A MAXINT 1000
A NUMCH 6
A CHMAP RED GREEN CYAN UV BLUE TEAL
A STAT 2' '^$' '' -- lumencor_tcp 'GET MAXINT' 'GET NUMCH' 'GET CHMAP' 'GET STAT'
  check lumencor-sim-set 0 'A CHINT
A CH
A CHINT 375
A CH 1' '^$' '' -- lumencor_tcp 'SET CHINT 2 375' 'SET CH 2 1' 'GET CHINT 2' 'GET CH 2'
  check lumencor-sim-errors 0 'E CHINT
E FOO
E MULCH' '^$' '' -- lumencor_tcp 'SET CHINT 9 1' 'GET FOO' 'SET MULCH 1 0'
  check lumencor-sim-udp 0 'A MULCHINT 0 0 375 0 0 0' '^$' '' -- lumencor_udp 'GET MULCHINT'
  # The simulator logs each line on stderr.
  if grep -q 'SET CHINT 2 375 -> A CHINT' "$lumencor_err"; then
    passed=$((passed + 1))
  else
    echo "FAIL lumencor-sim-log: stderr: $(cat "$lumencor_err")"
    failed=$((failed + 1))
  fi
fi
kill "$lumencor_pid" 2>/dev/null
wait "$lumencor_pid" 2>/dev/null
rm -f "$lumencor_out" "$lumencor_err"

check lumencor-sim-bad-channels 64 '' 'channels needs 1 to 64' '' -- timeout 20 "$lb" simulate lumencor --port 0 --channels 'RED,,'
check lumencor-sim-bad-option 64 '' 'Unknown option' '' -- timeout 20 "$lb" simulate lumencor --port 0 --colour red
check lumencor-sim-no-tcp 64 '' 'no-tcp needs' '' -- timeout 20 "$lb" simulate lumencor --no-tcp
