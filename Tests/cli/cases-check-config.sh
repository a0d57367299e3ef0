# `lightbridge check-config` (issue 5 item 1), sourced by cli-tests.sh: the example is valid;
# a bad file lists every problem with its line and exits 2.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
check check-config-example 0 "$repo/examples/lightbridge.toml: ok: 6 lights, 5 inputs, 3 modes (0, 1, 2)" '^$' '' -- \
  "$lb" check-config "$repo/examples/lightbridge.toml" --boards-directory "$repo/boards"
check check-config-missing-board 2 '' "inputs.plc-gpio.board: .*cannot read board profile" '' -- \
  "$lb" check-config "$repo/examples/lightbridge.toml" --boards-directory /nonexistent
bad_config=$(mktemp)
printf '[lights.a]\nprotocol = "helvar"\nport = "x"\n\n[modes.3]\nb = { on = true }\n' >"$bad_config"
# (grep reads a multi-line pattern as alternatives, so each problem is its own check.)
for problem in '1:1: lights.a.host: missing \(required\)' '3:8: lights.a.port: must be an integer, not a string' \
  '6:1: modes.3.b: unknown light "b"'; do
  check "check-config-problem ${problem%%:*}" 2 '' "^$bad_config: $problem\$" '' -- "$lb" check-config "$bad_config"
done
printf '[lights\n' >"$bad_config"
check check-config-syntax 2 '' "^$bad_config: 1:[0-9]+: " '' -- "$lb" check-config "$bad_config"
check check-config-missing 2 '' '^/nonexistent.toml: cannot read /nonexistent.toml \(errno 2\)$' '' -- \
  "$lb" check-config /nonexistent.toml
rm -f "$bad_config"

# `lightbridge run` as a process: READY, a frame, kill -9 and restart, SIGHUP, SIGTERM.
check run-daemon 0 'ok READY=1 N ms after exec
ok a PLC frame reached the router and was persisted
ok after kill -9 the restarted bridge re-applied mode 2 to a blank router
ok a router that came back blank had mode 2 again N ms after its return
ok SIGHUP reloaded the mode table and kept the PLC input open
ok SIGTERM stopped it with status 0; log lines carry <N> priorities' '^$' '' -- \
  bash -c "python3 '$repo/Tests/cli/run-daemon.py' '$lb' | sed 's/[0-9][0-9]* ms/N ms/'"
bad_config=$(mktemp)
printf '[lights.a]\nprotocol = "helvar"\n' >"$bad_config"
check run-bad-config 2 '' '^<2>lightbridge: .*: line 1, column 1: lights.a.host: missing \(required\)$' '' -- \
  "$lb" run --config "$bad_config"
rm -f "$bad_config"

# `lightbridge demo` (issue 5 item 3): every step reaches every simulated light; exit 0.
check demo 0 '' '^$' '' -- bash -c "'$lb' demo | grep -c '✓' | grep -qx 30 && '$lb' demo | tail -1 | grep -q 'Every light showed'"
# The demo's state directory (/tmp/lightbridge-demo-*) is gone when it exits: no new one is left.
check demo-leaves-no-state 0 '' '^$' '' -- bash -c "ls -d /tmp/lightbridge-demo-* 2>/dev/null | sort >/tmp/demo-before.$$;
  '$lb' demo >/dev/null; ls -d /tmp/lightbridge-demo-* 2>/dev/null | sort >/tmp/demo-after.$$;
  left=\$(comm -13 /tmp/demo-before.$$ /tmp/demo-after.$$); rm -f /tmp/demo-before.$$ /tmp/demo-after.$$; [ -z \"\$left\" ]"
