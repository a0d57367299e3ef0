# `lightbridge usb list` (issue 3, item 6): typed errors and exit statuses. USB-IF never
# assigns vendor ID 0xffff, so no machine has the selected device.
check usb-list-absent 1 '' '^error: no USB device ffff:fffe found$' '' -- "$lb" usb list --match ffff:fffe
check usb-list-bad-selector 64 '' 'invalid USB device selector: .1a86.: expected VID:PID' '' -- "$lb" usb list --match 1a86
# Listing works (status 0, nothing on stderr) with or without devices; the first line names libusb.
# shellcheck disable=SC2016
check usb-list 0 'libusb 1.' '^$' '' -- sh -c 'out=$("$0" usb list) && printf "%s\n" "$out" | head -n 1 | cut -c1-9' "$lb"
# `lightbridge usb probe` (issue 6's libusb diagnostic; the QEMU test opens a real device with it).
check usb-probe-absent 1 '' '^error: no USB device ffff:fffe found$' '' -- "$lb" usb probe ffff:fffe --seconds 1
check usb-probe-bad-selector 64 '' 'invalid USB device selector' '' -- "$lb" usb probe 1a86
check usb-probe-bad-endpoint 64 '' 'OUT endpoint 0x81 must be 0x01...0x0f' '' -- "$lb" usb probe 0403:6001 --out-endpoint 0x81
check usb-probe-not-a-number 64 '' 'endpoints are numbers such as 0x02 or 129' '' -- "$lb" usb probe 0403:6001 --in-endpoint x
