# `lightbridge gpio` and `lightbridge ports` (issue 5, item 4), sourced by cli-tests.sh.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
boards=$repo/boards

# gpio: every profile prints its chip and eight inputs; the chip is the one in the file.
for profile in "$boards"/*.toml; do
  name=$(basename "$profile" .toml)
  chip=$(sed -n 's/^chip = "\([^"]*\)".*/\1/p' "$profile")
  check "gpio-board-$name" 0 "chip        $chip
8" '^$' '' -- sh -c 'out=$("$0" gpio --board "$1" --boards-directory "$2") || exit $?
    printf "%s\n" "$out" | grep "^chip "; printf "%s\n" "$out" | grep -c "^input "' "$lb" "$name" "$boards"
done
check gpio-file 0 'board       cm4: Raspberry Pi Compute Module 4 (BCM2711) on the CM4 IO board, 40-pin header J8' '^$' '' -- \
  sh -c 'out=$("$0" gpio --file "$1") && printf "%s\n" "$out" | head -n 1' "$lb" "$boards/cm4.toml"
check gpio-list 0 'beaglebone-black  BeagleBone Black (AM335x), headers P8/P9, GPIO bank 1
cm4               Raspberry Pi Compute Module 4 (BCM2711) on the CM4 IO board, 40-pin header J8
generic-x86       Generic x86-64 box with a GPIO controller at gpiochip0 (lines 0-7 inputs, 8 strobe)
raspberry-pi-4    Raspberry Pi 4 Model B (BCM2711), 40-pin header J8
raspberry-pi-5    Raspberry Pi 5 (BCM2712 + RP1), 40-pin header J8' '^$' '' -- "$lb" gpio --list --boards-directory "$boards"
check gpio-unknown-board 2 '' \
  '^error: unknown board "nope" in .*/boards; boards: beaglebone-black, cm4, generic-x86, raspberry-pi-4, raspberry-pi-5$' \
  '' -- "$lb" gpio --board nope --boards-directory "$boards"
check gpio-missing-directory 2 '' '^error: cannot list /nonexistent-boards: No such file or directory' '' -- \
  "$lb" gpio --list --boards-directory /nonexistent-boards
check gpio-missing-file 2 '' '^error: /nonexistent.toml: cannot read board profile \(errno 2\)$' '' -- \
  "$lb" gpio --file /nonexistent.toml
check gpio-no-board 64 '' 'give one of --board NAME, --file PATH or --list' '' -- "$lb" gpio
# --read on a machine without that chip (none of the test machines is a Raspberry Pi): a typed
# error, nothing on stdout, status 1.
check gpio-read-no-chip 1 '' '^error: GPIO chip "pinctrl-bcm2711" not found; ' '' -- \
  "$lb" gpio --board raspberry-pi-4 --boards-directory "$boards" --read

# ports: works with or without adapters (this machine has none); the JSON is valid JSON.
check ports 0 'ok' '^$' '' -- sh -c '"$0" ports >/dev/null 2>&1 && echo ok' "$lb"
check ports-onboard 0 'ok' '^$' '' -- sh -c '"$0" ports --onboard >/dev/null 2>&1 && echo ok' "$lb"
for flags in "--json" "--json --onboard"; do
  # shellcheck disable=SC2086
  check "ports $flags" 0 'valid' '^$' '' -- \
    sh -c 'out=$("$0" ports $1 2>/dev/null) && printf "%s" "$out" | python3 -m json.tool >/dev/null && echo valid' \
    "$lb" "$flags"
done
