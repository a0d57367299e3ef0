#!/usr/bin/env bash
# Command-line tests of `lightbridge decode` and `lightbridge encode`: exact stdout, the typed
# error on stderr and the exit status. Usage: Tests/cli/cli-tests.sh PATH/TO/lightbridge
set -uo pipefail
lb=${1:?usage: cli-tests.sh PATH/TO/lightbridge}
passed=0
failed=0

# check NAME EXPECTED_STATUS EXPECTED_STDOUT STDERR_REGEX STDIN -- COMMAND…
# (STDERR_REGEX ^$ means stderr must be empty.)
check() {
  local name=$1 want_status=$2 want_out=$3 want_err=$4 input=$5
  shift 6
  local out err status
  err=$(mktemp)
  out=$(printf '%s' "$input" | "$@" 2>"$err")
  status=$?
  local err_ok=1
  if [ "$want_err" = "^$" ]; then
    [ -s "$err" ] && err_ok=0
  else
    grep -Eq -- "$want_err" "$err" || err_ok=0
  fi
  if [ "$status" != "$want_status" ] || [ "$out" != "$want_out" ] || [ "$err_ok" = 0 ]; then
    echo "FAIL $name: status $status (want $want_status)"
    echo "  stdout: $out"
    echo "  want:   $want_out"
    echo "  stderr: $(cat "$err")  (want /$want_err/)"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  rm -f "$err"
}

# Smart Light RS232: good frames around garbage are all printed; the garbage is a typed error.
check smartlight-decode 2 \
'{"type":"modeSet","mode":5}
{"type":"level","levelType":"fillFromBottom","colour":"green","lightCount":7,"buzzer":"continuous"}' \
  'SmartLightError: skipped 7 byte\(s\) outside any frame' '' -- \
  "$lb" decode smartlight '~~~~~M5~~garbage~~~~~LBG071~~'
check smartlight-decode-clean 0 '{"type":"clear"}' '^$' '' -- "$lb" decode smartlight '~~~~~C~~'
check smartlight-delimiter 0 '{"type":"modeSet","mode":12}' '^$' '' -- "$lb" decode smartlight --delimiter '*' '*****M12**'
check smartlight-bad-delimiter 2 '' 'must not be a letter or digit' '' -- "$lb" decode smartlight --delimiter 'A' 'AAAAAM1AA'
check smartlight-incomplete 2 '{"type":"modeSet","mode":1}' 'IncompleteInput' '' -- "$lb" decode smartlight '~~~~~M1~~~~~~~M2'
check smartlight-encode 0 '~~~~~UFF8000~~' '^$' '{"type":"userColour","red":255,"green":128,"blue":0}' -- \
  "$lb" encode smartlight
check smartlight-encode-many 0 '~~~~~M1~~~~~~~C~~' '^$' '[{"type":"modeSet","mode":1},{"type":"clear"}]' -- \
  "$lb" encode smartlight
check smartlight-encode-out-of-range 2 '' 'level light count 21 is outside 0...20' \
  '{"type":"level","levelType":"fillFromTop","colour":"red","lightCount":21,"buzzer":"off"}' -- "$lb" encode smartlight
check smartlight-encode-bad-json 2 '' 'unknown Smart Light command' '{"type":"dance"}' -- "$lb" encode smartlight
check smartlight-encode-not-json 2 '' 'invalid JSON' '{"type":' -- "$lb" encode smartlight

# Smart Light binary packets: the seed's mode-255 example, both byte orders.
check packet-decode 0 '{"id":1,"type":"modeSet","mode":255}' '^$' '' -- "$lb" decode smartlight-packet --hex '01 05 51 00 FF'
check packet-decode-lsb 0 '{"id":1,"type":"modeSet","mode":65280}' '^$' '' -- \
  "$lb" decode smartlight-packet --hex '01 05 51 00 FF' --mode-byte-order lsb
check packet-encode 0 '01 05 51 00 ff' '^$' '{"id":1,"type":"modeSet","mode":255}' -- "$lb" encode smartlight-packet
check packet-bad 2 '{"id":2,"type":"modeSet","mode":6}' 'unknown packet command 0x60' '' -- \
  "$lb" decode smartlight-packet --hex '01 05 60 00 FF 02 05 51 00 06'
check packet-bad-hex 64 '' 'not valid hex' '' -- "$lb" decode smartlight-packet --hex '01 0'

# The CLI itself.
check unknown-protocol 64 '' "unknown protocol 'nope'" '' -- "$lb" decode nope 'x'

# One line per protocol added by its codec (kept in Tests/cli/cases-*.sh).
for cases in "$(dirname "$0")"/cases-*.sh; do
  [ -e "$cases" ] || continue
  # shellcheck source=/dev/null
  source "$cases"
done

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
