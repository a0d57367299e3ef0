# `lightbridge lightwave register` (issue 4 item 2) against `lightbridge simulate lightwave`,
# sourced by cli-tests.sh: the simulator presses its button by itself after the request; a
# second registration finds the client registered already; without the button press the
# command times out with a typed error.
free_udp_port() { python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
lw_dir=$(mktemp -d)
lw_port=$(free_udp_port)
lw_reply=$(free_udp_port)
"$lb" simulate lightwave --port "$lw_port" --reply-port "$lw_reply" --broadcast-address none --auto-register \
  --auto-register-delay 0.2 >"$lw_dir/out" 2>"$lw_dir/err" &
lw_pid=$!
for _ in $(seq 1 300); do grep -q 'listening' "$lw_dir/out" && break; sleep 0.1; done
lw_register=("$lb" lightwave register --link 127.0.0.1 --port "$lw_port" --reply-port "$lw_reply" --listen 127.0.0.1)
check lightwave-register 0 "Sending !F*p to 127.0.0.1:$lw_port; press the button on the Link when its light flashes.
Registered with the LightwaveRF Link 03:34:BC." 'press the button on the Link now' '' -- "${lw_register[@]}" --timeout 10
check lightwave-register-again 0 "Sending !F*p to 127.0.0.1:$lw_port; press the button on the Link when its light flashes.
Already registered with the LightwaveRF Link (firmware U2.93J)." '^$' '' -- "${lw_register[@]}" --timeout 10
kill "$lw_pid" 2>/dev/null
wait "$lw_pid" 2>/dev/null

# Nobody presses the button: a typed timeout, exit status 1.
"$lb" simulate lightwave --port "$lw_port" --reply-port "$lw_reply" --broadcast-address none >"$lw_dir/out2" 2>"$lw_dir/err2" &
lw_pid=$!
for _ in $(seq 1 300); do grep -q 'listening' "$lw_dir/out2" && break; sleep 0.1; done
check lightwave-register-no-button 1 "Sending !F*p to 127.0.0.1:$lw_port; press the button on the Link when its light flashes." \
  '[Nn]o|[Tt]ime' '' -- "${lw_register[@]}" --timeout 1
kill "$lw_pid" 2>/dev/null
wait "$lw_pid" 2>/dev/null
rm -rf "$lw_dir"
