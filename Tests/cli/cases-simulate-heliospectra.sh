# `lightbridge simulate heliospectra` (PROTOCOLS.md §5), sourced by cli-tests.sh: start the lamp
# on free ports, read its port line, talk to its control socket and send it a master package
# with a small python3 client, then stop it.
check helio-sim-bad-group 64 '' "must be a multicast IPv4 address" '' -- \
  "$lb" simulate heliospectra --port 0 --group 10.0.0.1
check helio-sim-bad-wavelengths 64 '' "bad wavelength 'x'" '' -- \
  "$lb" simulate heliospectra --port 0 --wavelengths 450,x

helio_sim_session() {
  local out err pid ports tcp udp i
  out=$(mktemp)
  err=$(mktemp)
  "$lb" simulate heliospectra --port 0 --group 239.77.0.1 --wavelengths 450,660 >"$out" 2>"$err" &
  pid=$!
  for i in $(seq 150); do
    grep -q 'listening' "$out" && break
    sleep 0.1
  done
  ports=$(cat "$out")
  tcp=$(sed -n 's/.*tcp \([0-9]*\).*/\1/p' "$out")
  udp=$(sed -n 's/.*udp \([0-9]*\).*/\1/p' "$out")
  check helio-sim-port-line 0 "heliospectra simulator listening on 127.0.0.1: tcp $tcp, udp $udp" '^$' '' -- \
    printf '%s' "$ports"
  local client
  client=$(cat <<'PY'
import socket, struct, sys, time, zlib
tcp, udp = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", tcp), timeout=15)
buf = b""
def until_prompt():
    global buf
    while b">" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("closed early: %r" % buf)
        buf += chunk
    text, _, buf = buf.partition(b">")
    return text.decode().strip()
def ask(line):
    s.sendall(line.encode() + b"\r\n")
    return until_prompt()
print("greeting:", until_prompt())
print("getWl:", ask("getWl"))
print("setWlRelPower 660 500:", ask("setWlRelPower 660 500"))
print("getAllRelPower:", ask("getAllRelPower"))
body = struct.pack(">HHI4sHH", 4, 9, 1, socket.inet_aton("239.77.0.1"), 450, 1000)
package = struct.pack(">QI", 1, zlib.crc32(body)) + body
m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
m.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
m.sendto(package, ("239.77.0.1", udp))
reply = ""
for _ in range(150):
    reply = ask("getAllRelPower")
    if reply == "OK 1000 500":
        break
    time.sleep(0.1)
print("after master package:", reply)
s.sendall(b"bye\r\n")
print("bye:", "closed" if s.recv(4096) == b"" else "open")
PY
  )
  check helio-sim-session 0 \
'greeting: Heliospectra LX60 control socket, type commands after the prompt
getWl: OK 450 660
setWlRelPower 660 500: OK
getAllRelPower: OK 0 500
after master package: OK 1000 500
bye: closed' '^$' "$client" -- python3 - "$tcp" "$udp"
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check helio-sim-log 0 '' '^$' '' -- grep -q 'master 239.77.0.1 #1 applied \[450:1000\]' "$err"
  rm -f "$out" "$err"
}
helio_sim_session
