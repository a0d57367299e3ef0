# `lightbridge send PROTOCOL` (issue 5 item 4), sourced by cli-tests.sh: one command (or a few)
# to each of the five simulators through its driver; the reply JSON on stdout, the typed error
# and exit status of a refusal / error answer / bad message / unreachable light, and the
# simulator's own log line proving the command arrived.
send_dir=$(mktemp -d)
# wait_line FILE REGEX: waits (up to 30 s) until FILE has a line matching REGEX.
wait_line() { for _ in $(seq 1 300); do grep -Eq -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; return 1; }
free_udp_port() { python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
send=(timeout 60 "$lb" send)

# Smart Light over TCP: acknowledged, refused (mode outside the recipe: exit 2, later commands
# still sent), a bad message (nothing sent), nobody listening (exit 1); then RS232 on a pty.
"$lb" simulate smartlight --port 0 --modes 1-10 --serial pty >"$send_dir/sl.out" 2>"$send_dir/sl.err" &
sl_pid=$!
wait_line "$send_dir/sl.out" 'listening' && wait_line "$send_dir/sl.err" 'serial side on'
sl_port=$(sed -n 's/.*tcp \([0-9]*\)$/\1/p' "$send_dir/sl.out")
sl_pty=$(sed -n 's/^smartlight simulator serial side on \(.*\)$/\1/p' "$send_dir/sl.err")
check send-smartlight 0 '{"type":"reply","command":81}' '^$' '' -- \
  "${send[@]}" smartlight --host 127.0.0.1 --port "${sl_port:-1}" '{"type":"modeSet","mode":5}'
check send-smartlight-log 0 '' '^$' '' -- grep -q 'modeSet(mode: 5) -> mode 5' "$send_dir/sl.err"
check send-smartlight-refused 2 '{"type":"reply","command":82}' \
  'SmartLightDriverError: Smart Light refused packet [0-9]+ \(command 0x51\): code 2, mode not configured' '' -- \
  "${send[@]}" smartlight --host 127.0.0.1 --port "${sl_port:-1}" '{"type":"modeSet","mode":11}' \
  '{"type":"userColour","red":255,"green":128,"blue":0}'
check send-smartlight-stdin 0 '{"type":"reply","command":81}
{"type":"reply","command":81}' '^$' '[{"type":"modeSet","mode":2},{"type":"clear"}]' -- \
  "${send[@]}" smartlight --host 127.0.0.1 --port "${sl_port:-1}"
check send-smartlight-bad-message 2 '' "unknown Smart Light command 'dance'" '' -- \
  "${send[@]}" smartlight --host 127.0.0.1 --port "${sl_port:-1}" '{"type":"modeSet","mode":3}' '{"type":"dance"}'
check send-smartlight-nothing-sent 1 '' '^$' '' -- grep -q 'modeSet(mode: 3)' "$send_dir/sl.err"
check send-smartlight-unreachable 1 '' 'SmartLightDriverError: not connected to the Smart Light' '' -- \
  "${send[@]}" smartlight --host 127.0.0.1 --port 1 --timeout 1 '{"type":"modeSet","mode":5}'
check send-smartlight-serial 0 '{"type":"sent"}' '^$' '' -- \
  "${send[@]}" smartlight --serial "${sl_pty:-/nonexistent}" '{"type":"modeSet","mode":7}'
wait_line "$send_dir/sl.err" 'modeSet\(mode: 7\)'
check send-smartlight-serial-log 0 '' '^$' '' -- grep -q 'modeSet(mode: 7) -> mode 7' "$send_dir/sl.err"
check send-smartlight-no-host 64 '' 'smartlight needs --host' '' -- "${send[@]}" smartlight '{"type":"clear"}'
check send-unknown-protocol 64 '' "unknown protocol 'dali'" '' -- "${send[@]}" dali '{}'
kill "$sl_pid" 2>/dev/null
wait "$sl_pid" 2>/dev/null

# HelvarNet: a query's reply, a recall acknowledged (A:1), fire-and-forget, a router error.
"$lb" simulate helvar --port 0 >"$send_dir/hv.out" 2>"$send_dir/hv.err" &
hv_pid=$!
wait_line "$send_dir/hv.out" 'listening'
hv_port=$(sed -n 's/.*tcp \([0-9]*\),.*/\1/p' "$send_dir/hv.out")
check send-helvar 0 '{"type":"reply","command":"queryWorkgroupName","version":1,"answer":"Simulated Workgroup","decoded":{"type":"text","value":"Simulated Workgroup"}}
{"type":"acknowledged"}' '^$' '' -- "${send[@]}" helvar --host 127.0.0.1 --port "${hv_port:-1}" \
  '{"type":"command","command":"queryWorkgroupName"}' \
  '{"type":"command","command":"recallSceneGroup","group":1,"block":1,"scene":2}'
check send-helvar-log 0 '' '^$' '' -- grep -q 'recall group 1 block 1 scene 2 fade' "$send_dir/hv.err"
check send-helvar-no-ack 0 '{"type":"sent"}' '^$' '' -- "${send[@]}" helvar --host 127.0.0.1 --port "${hv_port:-1}" \
  --no-acknowledge '{"type":"command","command":"recallSceneGroup","group":2,"block":1,"scene":2}'
wait_line "$send_dir/hv.err" 'recall group 2 block 1 scene 2'
check send-helvar-no-ack-log 0 '' '^$' '' -- grep -q 'recall group 2 block 1 scene 2' "$send_dir/hv.err"
check send-helvar-router-error 2 '' \
  'HelvarDriverError: router error 11 \(deviceMissing\) for command 104 \(queryDeviceType\) at @1.1.1.9' '' -- \
  "${send[@]}" helvar --host 127.0.0.1 --port "${hv_port:-1}" '{"type":"command","command":"queryDeviceType","address":"1.1.1.9"}'
check send-helvar-not-a-command 2 '' 'send takes a "command" message' '' -- \
  "${send[@]}" helvar --host 127.0.0.1 --port "${hv_port:-1}" '{"type":"reply","command":"queryWorkgroupName","answer":"x"}'
kill "$hv_pid" 2>/dev/null
wait "$hv_pid" 2>/dev/null

# LightwaveRF: OK and, with --confirm, the JSON line; an unregistered client gets ERR,1.
lw_port=$(free_udp_port)
lw_reply=$(free_udp_port)
"$lb" simulate lightwave --port "$lw_port" --reply-port "$lw_reply" --broadcast-address none --registered 127.0.0.2 \
  >"$send_dir/lw.out" 2>"$send_dir/lw.err" &
lw_pid=$!
wait_line "$send_dir/lw.out" 'listening'
check send-lightwave-not-registered 2 '' 'LightwaveDriverError: not registered with the LightwaveRF Link' '' -- \
  "${send[@]}" lightwave --host 127.0.0.1 --port "$lw_port" --reply-port "$lw_reply" --listen 127.0.0.1 \
  '{"type":"command","room":1,"device":1,"function":"on"}'
kill "$lw_pid" 2>/dev/null
wait "$lw_pid" 2>/dev/null
"$lb" simulate lightwave --port "$lw_port" --reply-port "$lw_reply" --broadcast-address none --registered 127.0.0.1 \
  >"$send_dir/lw.out" 2>"$send_dir/lw.err" &
lw_pid=$!
wait_line "$send_dir/lw.out" 'listening'
check send-lightwave 0 '{"type":"ok","trans":1}
{"type":"ok","trans":2}' '^$' '' -- "${send[@]}" lightwave --host 127.0.0.1 --port "$lw_port" --reply-port "$lw_reply" \
  --listen 127.0.0.1 '{"type":"command","room":1,"device":1,"function":"on"}' \
  '{"type":"command","trans":77,"room":2,"device":3,"function":"dim","level":16}'
check send-lightwave-log 0 '' '^$' '' -- grep -q 'dim R2D3 -> on level 16 (50%) \[2,OK\]' "$send_dir/lw.err"
check send-lightwave-confirm 0 '{"type":"ok","trans":1}
{"type":"event","event":{"trans":0,"mac":"03:34:BC","time":0,"pkt":"433T","fn":"off","room":1,"dev":1}}' '^$' '' -- \
  sh -c '"$@" | sed -E "s/\"event\":\{\"trans\":[0-9]+/\"event\":{\"trans\":0/; s/\"time\":[0-9]+/\"time\":0/"' sh "${send[@]}" lightwave --host 127.0.0.1 --port "$lw_port" \
  --reply-port "$lw_reply" --listen 127.0.0.1 --confirm '{"type":"command","room":1,"device":1,"function":"off"}'
kill "$lw_pid" 2>/dev/null
wait "$lw_pid" 2>/dev/null
check send-lightwave-no-reply 2 '' 'LightwaveDriverError: no reply' '' -- \
  "${send[@]}" lightwave --host 127.0.0.1 --port "$lw_port" --reply-port "$lw_reply" --listen 127.0.0.1 --timeout 0.3 \
  '{"type":"command","room":1,"device":1,"function":"on"}'

# Lumencor over TCP and UDP: the empty line first absorbs the power-up failure; an E answer.
"$lb" simulate lumencor --port 0 --udp --fail-first-command >"$send_dir/lu.out" 2>"$send_dir/lu.err" &
lu_pid=$!
wait_line "$send_dir/lu.out" 'listening'
lu_port=$(sed -n 's/^lumencor simulator listening on .*tcp \([0-9]*\).*/\1/p' "$send_dir/lu.out")
check send-lumencor 0 '{"type":"model","model":"SPECTRAX"}
{"type":"acknowledged","command":"chint"}' '^$' '' -- "${send[@]}" lumencor --host 127.0.0.1 --port "${lu_port:-1}" \
  '{"type":"getModel"}' '{"type":"setChannelIntensity","channel":2,"intensity":800}'
check send-lumencor-log 0 '' '^$' '' -- grep -q 'SET CHINT 2 800 -> A CHINT' "$send_dir/lu.err"
check send-lumencor-udp 0 '{"type":"channelIntensity","intensity":800}' '^$' '' -- \
  "${send[@]}" lumencor --host 127.0.0.1 --port "${lu_port:-1}" --transport udp '{"type":"getChannelIntensity","channel":2}'
check send-lumencor-error 2 '{"type":"maxIntensity","maxIntensity":4095}' 'LumencorDriverError: engine answered E CHINT' '' -- \
  "${send[@]}" lumencor --host 127.0.0.1 --port "${lu_port:-1}" '{"type":"getChannelIntensity","channel":9}' \
  '{"type":"getMaxIntensity"}'
check send-lumencor-answer 2 '' 'send takes a request, not an answer' '' -- \
  "${send[@]}" lumencor --host 127.0.0.1 --port "${lu_port:-1}" '{"type":"error","command":"chint"}'
kill "$lu_pid" 2>/dev/null
wait "$lu_pid" 2>/dev/null

# Heliospectra: control-socket requests, and a master package the lamp applies.
"$lb" simulate heliospectra --port 0 --group 239.77.0.3 --interface 127.0.0.1 --wavelengths 450,660 \
  >"$send_dir/he.out" 2>"$send_dir/he.err" &
he_pid=$!
wait_line "$send_dir/he.out" 'listening'
he_tcp=$(sed -n 's/.*tcp \([0-9]*\).*/\1/p' "$send_dir/he.out")
he_udp=$(sed -n 's/.*udp \([0-9]*\).*/\1/p' "$send_dir/he.out")
check send-heliospectra 0 '{"type":"wavelengths","wavelengths":[450,660]}
{"type":"ok"}
{"type":"relativePowers","values":[500,500]}' '^$' '' -- "${send[@]}" heliospectra --host 127.0.0.1 --port "${he_tcp:-1}" \
  '{"type":"getWl"}' '{"type":"setAll","value":500}' '{"type":"getAllRelPower"}'
check send-heliospectra-bye 2 '' 'bye is sent when send ends' '' -- \
  "${send[@]}" heliospectra --host 127.0.0.1 --port "${he_tcp:-1}" '{"type":"bye"}'
check send-heliospectra-master 0 '{"timestamp":0,"multicast":"239.77.0.3","channels":[{"wavelength":450,"relativePower":100},{"wavelength":660,"relativePower":900}]}' \
  '^$' '' -- sh -c '"$@" | sed -E "s/\"timestamp\":[0-9]+/\"timestamp\":0/"' sh "${send[@]}" heliospectra \
  --group 239.77.0.3 --port "${he_udp:-1}" --interface 127.0.0.1 \
  '{"channels":[{"wavelength":450,"relativePower":100},{"wavelength":660,"relativePower":900}]}'
wait_line "$send_dir/he.err" 'applied \[450:100 660:900\]'
check send-heliospectra-master-log 0 '' '^$' '' -- grep -q 'master 239.77.0.3 #[0-9]* applied \[450:100 660:900\]' "$send_dir/he.err"
check send-heliospectra-master-range 2 '' 'relative power 1001 at 450 nm is above 1000' '' -- \
  "${send[@]}" heliospectra --group 239.77.0.3 --port "${he_udp:-1}" --interface 127.0.0.1 \
  '{"channels":[{"wavelength":450,"relativePower":1001}]}'
kill "$he_pid" 2>/dev/null
wait "$he_pid" 2>/dev/null
check send-heliospectra-unreachable 1 '' 'HeliospectraDriverError: not connected to the Heliospectra control socket' '' -- \
  "${send[@]}" heliospectra --host 127.0.0.1 --port "${he_tcp:-1}" --timeout 1 '{"type":"getWl"}'
rm -rf "$send_dir"
