# `lightbridge monitor SOURCE` (issue 5 item 4), sourced by cli-tests.sh: decoded live traffic as
# JSON lines ("time" stripped here), typed errors on stderr, --count / --duration ending it.
mon_dir=$(mktemp -d)
wait_line() { for _ in $(seq 1 300); do grep -Eq -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
free_udp_port() { python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# untime FILE: the monitor's lines without their "time" member.
untime() { sed -E 's/"time":"[0-9T:.Z-]+",//' "$1"; }

# A PLC line on a pty: good frames around garbage all print; the garbage is a warning.
cat >"$mon_dir/pty_monitor.py" <<'PY'
import os, pty, subprocess, sys, time
lb = sys.argv[1]
master, slave = pty.openpty()
path = os.ttyname(slave)
p = subprocess.Popen([lb, "monitor", "serial", path, "--count", "3", "--duration", "30"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
first = p.stderr.readline()  # "monitor: serial:PATH open" once the port is open and raw
os.write(master, b"~~~~~M5~~garbage~~~~~LBG071~~")
time.sleep(0.2)
os.write(master, b"~~~~~C~~~~~~~M9~~")
out, err = p.communicate(timeout=40)
sys.stdout.write(out.decode().replace(path, "PTY"))
sys.stderr.write((first + err).decode().replace(path, "PTY"))
sys.exit(p.returncode)
PY
python3 "$mon_dir/pty_monitor.py" "$lb" >"$mon_dir/serial.out" 2>"$mon_dir/serial.err"
check monitor-serial-status 0 '0' '^$' '' -- echo "$?"
check monitor-serial 0 '{"source":"serial:PTY","protocol":"smartlight","message":{"type":"modeSet","mode":5}}
{"source":"serial:PTY","protocol":"smartlight","message":{"type":"level","levelType":"fillFromBottom","colour":"green","lightCount":7,"buzzer":"continuous"}}
{"source":"serial:PTY","protocol":"smartlight","message":{"type":"clear"}}' '^$' '' -- untime "$mon_dir/serial.out"
check monitor-serial-garbage 0 '' '^$' '' -- grep -q 'warning: bad Smart Light input on serial:PTY: skipped 7 byte(s) outside any frame' "$mon_dir/serial.err"
check monitor-serial-missing 1 '' 'cannot open /nonexistent/tty' '' -- timeout 30 "$lb" monitor serial /nonexistent/tty --count 1
check monitor-serial-bad-delimiter 64 '' 'delimiter' '' -- timeout 30 "$lb" monitor serial /dev/null --delimiter A

# The TCP 13000 server: packets print and are answered as the bridge answers them.
timeout 60 "$lb" monitor tcp --bind 127.0.0.1 --port 0 --modes 1-10 --count 2 >"$mon_dir/tcp.out" 2>"$mon_dir/tcp.err" &
tcp_pid=$!
wait_line "$mon_dir/tcp.err" 'listening on tcp'
tcp_port=$(sed -n 's/^monitor: listening on tcp 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$mon_dir/tcp.err")
cat >"$mon_dir/tcp_client.py" <<'PY'
import socket, sys
port = int(sys.argv[1])
for packet, want in (("01 05 51 00 05", 4), ("02 05 51 00 0b", 5), ("03 09 51 00 01", 4), ("04 06 52 ff 80 00", 4)):
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    s.sendall(bytes.fromhex(packet))
    got = b""
    while len(got) < want:
        chunk = s.recv(64)
        if not chunk:
            break
        got += chunk
    print(got.hex(" ") if got else "closed")
    s.close()
PY
check monitor-tcp-replies 0 '01 04 51 00
02 05 7f 51 02
closed
04 04 52 00' '^$' '' -- timeout 60 python3 "$mon_dir/tcp_client.py" "${tcp_port:-1}"
wait "$tcp_pid"
check monitor-tcp-status 0 '0' '^$' '' -- echo "$?"
check monitor-tcp 0 '{"source":"tcp:127.0.0.1","protocol":"smartlight","message":{"type":"modeSet","mode":5}}
{"source":"tcp:127.0.0.1","protocol":"smartlight","message":{"type":"userColour","red":255,"green":128,"blue":0}}' '^$' '' -- \
  sh -c 'sed -E "s/\"time\":\"[^\"]*\",//; s/\"tcp:127\.0\.0\.1:[0-9]+\"/\"tcp:127.0.0.1\"/" "$1"' sh "$mon_dir/tcp.out"
check monitor-tcp-malformed 0 '' '^$' '' -- grep -q 'packet 0x51 declares length 9.*closing the connection' "$mon_dir/tcp.err"

# A Heliospectra master group: verdicts as a lamp reaches them, a bad CRC on stderr, and a
# package from `lightbridge send heliospectra --group`.
timeout 60 "$lb" monitor heliospectra-master --group 239.77.0.4 --port 0 --interface 127.0.0.1 --count 4 \
  >"$mon_dir/helio.out" 2>"$mon_dir/helio.err" &
helio_pid=$!
wait_line "$mon_dir/helio.err" 'listening to group'
helio_port=$(sed -n 's/^monitor: listening to group 239\.77\.0\.4 on udp \([0-9]*\)$/\1/p' "$mon_dir/helio.err")
package() { printf '{"timestamp":%s,"multicast":"239.77.0.4","channels":[{"wavelength":450,"relativePower":%s}]}' "$1" "$2" |
  "$lb" encode heliospectra; }
cat >"$mon_dir/multicast.py" <<'PY'
import socket, sys, time
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("127.0.0.1"))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 1)
for text in sys.argv[2:]:
    s.sendto(bytes.fromhex(text), ("239.77.0.4", port))
    time.sleep(0.1)
PY
bad_crc=$(package 12 300 | sed -E 's/2c$/2d/')  # power 300 = 01 2c: one data bit flipped after the CRC
python3 "$mon_dir/multicast.py" "${helio_port:-1}" "$(package 10 100)" "$(package 9 200)" "$bad_crc" "$(package 11 400)"
timeout 60 "$lb" send heliospectra --group 239.77.0.4 --port "${helio_port:-1}" --interface 127.0.0.1 \
  '{"channels":[{"wavelength":450,"relativePower":500}]}' >/dev/null
wait "$helio_pid"
check monitor-helio-status 0 '0' '^$' '' -- echo "$?"
check monitor-helio 0 '{"source":"heliospectra-master:239.77.0.4","protocol":"heliospectra","verdict":"first","message":{"timestamp":10,"multicast":"239.77.0.4","channels":[{"wavelength":450,"relativePower":100}]}}
{"source":"heliospectra-master:239.77.0.4","protocol":"heliospectra","verdict":"stale","message":{"timestamp":9,"multicast":"239.77.0.4","channels":[{"wavelength":450,"relativePower":200}]}}
{"source":"heliospectra-master:239.77.0.4","protocol":"heliospectra","verdict":"newer","message":{"timestamp":11,"multicast":"239.77.0.4","channels":[{"wavelength":450,"relativePower":400}]}}
{"source":"heliospectra-master:239.77.0.4","protocol":"heliospectra","verdict":"newer","message":{"timestamp":0,"multicast":"239.77.0.4","channels":[{"wavelength":450,"relativePower":500}]}}' '^$' '' -- \
  sh -c 'sed -E "s/\"time\":\"[^\"]*\",//; s/\"from\":\"[^\"]*\",//; s/\"timestamp\":[0-9]{6,}/\"timestamp\":0/" "$1"' sh "$mon_dir/helio.out"
check monitor-helio-bad-crc 0 '' '^$' '' -- grep -Eq '^error: HeliospectraError: .*CRC' "$mon_dir/helio.err"
check monitor-helio-not-multicast 64 '' 'multicast address' '' -- timeout 30 "$lb" monitor heliospectra-master --group 10.0.0.1

# A Helvar router's pushed recall (from another client: `lightbridge send helvar`).
"$lb" simulate helvar --port 0 >"$mon_dir/hv.out" 2>"$mon_dir/hv.err" &
hv_pid=$!
wait_line "$mon_dir/hv.out" 'listening'
hv_port=$(sed -n 's/.*tcp \([0-9]*\),.*/\1/p' "$mon_dir/hv.out")
timeout 60 "$lb" monitor helvar --host 127.0.0.1 --port "${hv_port:-1}" --count 1 >"$mon_dir/helvar.out" 2>"$mon_dir/helvar.err" &
helvar_pid=$!
wait_line "$mon_dir/helvar.err" 'healthy'
timeout 60 "$lb" send helvar --host 127.0.0.1 --port "${hv_port:-1}" \
  '{"type":"command","command":"recallSceneGroup","group":2,"block":1,"scene":2,"fade":300}' >/dev/null
wait "$helvar_pid"
check monitor-helvar-status 0 '0' '^$' '' -- echo "$?"
check monitor-helvar 0 "{\"source\":\"helvar:127.0.0.1:${hv_port:-1}\",\"protocol\":\"helvar\",\"message\":{\"type\":\"command\",\"command\":\"recallSceneGroup\",\"version\":2,\"group\":2,\"block\":1,\"scene\":2,\"fade\":300}}" \
  '^$' '' -- untime "$mon_dir/helvar.out"
kill "$hv_pid" 2>/dev/null
wait "$hv_pid" 2>/dev/null
check monitor-helvar-duration 0 '' 'helvar:127.0.0.1:1 down' '' -- timeout 60 "$lb" monitor helvar --host 127.0.0.1 --port 1 --duration 5

# GPIO: no gpiochip on a build machine, so a clean typed error.
check monitor-gpio-no-chip 1 '' '^error: GPIOError: ' '' -- \
  timeout 30 "$lb" monitor gpio --board raspberry-pi-4 --boards-directory "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/boards" --count 1
check monitor-gpio-unknown-board 2 '' 'cannot read board profile' '' -- \
  timeout 30 "$lb" monitor gpio --board nope --boards-directory "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/boards"

# LightwaveRF: the Link's broadcast copies on the shared reply port, a bad datagram on stderr.
lw_port=$(free_udp_port)
lw_reply=$(free_udp_port)
"$lb" simulate lightwave --port "$lw_port" --reply-port "$lw_reply" --registered 127.0.0.1 >"$mon_dir/lw.out" 2>"$mon_dir/lw.err" &
lw_pid=$!
wait_line "$mon_dir/lw.out" 'listening'
timeout 60 "$lb" monitor lightwave --port "$lw_reply" --count 2 >"$mon_dir/lwm.out" 2>"$mon_dir/lwm.err" &
lwm_pid=$!
wait_line "$mon_dir/lwm.err" 'listening on udp'
python3 -c 'import socket, sys; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"no such reply\n", ("127.0.0.1", int(sys.argv[1])))' "$lw_reply"
timeout 60 "$lb" send lightwave --host 127.0.0.1 --port "$lw_port" --reply-port "$lw_reply" --listen 127.0.0.1 \
  '{"type":"command","room":3,"device":1,"function":"on"}' >/dev/null
wait "$lwm_pid"
check monitor-lightwave-status 0 '0' '^$' '' -- echo "$?"
check monitor-lightwave 0 "{\"source\":\"lightwave:0.0.0.0:$lw_reply\",\"protocol\":\"lightwave\",\"message\":{\"type\":\"ok\",\"trans\":1}}
{\"source\":\"lightwave:0.0.0.0:$lw_reply\",\"protocol\":\"lightwave\",\"message\":{\"type\":\"event\",\"event\":{\"trans\":0,\"mac\":\"03:34:BC\",\"time\":0,\"pkt\":\"433T\",\"fn\":\"on\",\"room\":3,\"dev\":1}}}" '^$' '' -- \
  sh -c 'sed -E "s/\"time\":\"[^\"]*\",//; s/\"from\":\"[^\"]*\",//; s/\"event\":\{\"trans\":[0-9]+/\"event\":{\"trans\":0/; s/\"time\":[0-9]+/\"time\":0/" "$1"' sh "$mon_dir/lwm.out"
check monitor-lightwave-bad 0 '' '^$' '' -- grep -q '^error: LightwaveError: ' "$mon_dir/lwm.err"
kill "$lw_pid" 2>/dev/null
wait "$lw_pid" 2>/dev/null
rm -rf "$mon_dir"
