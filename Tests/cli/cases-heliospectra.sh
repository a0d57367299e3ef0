# Heliospectra (PROTOCOLS.md §5), sourced by cli-tests.sh: the seed's seven wavelengths.
helio_json='{"timestamp":1,"multicast":"239.1.2.3","channels":[{"wavelength":400,"relativePower":100},{"wavelength":420,"relativePower":100},{"wavelength":450,"relativePower":100},{"wavelength":530,"relativePower":100},{"wavelength":630,"relativePower":100},{"wavelength":660,"relativePower":100},{"wavelength":735,"relativePower":100}]}'
helio_hex='00 00 00 00 00 00 00 01 d0 64 57 e4 00 1c 00 09 00 00 00 07 ef 01 02 03 01 90 00 64 01 a4 00 64 01 c2 00 64 02 12 00 64 02 76 00 64 02 94 00 64 02 df 00 64'
check heliospectra-encode 0 "$helio_hex" '^$' "$helio_json" -- "$lb" encode heliospectra
check heliospectra-decode 0 "$helio_json" '^$' '' -- "$lb" decode heliospectra --hex "$helio_hex"
# One flipped bit in the last power value: the CRC no longer matches.
check heliospectra-bad-crc 2 '' 'HeliospectraError' '' -- "$lb" decode heliospectra --hex "${helio_hex%64}65"
check heliospectra-control 0 \
'{"type":"greeting","text":"Welcome"}
{"type":"prompt"}
{"type":"getWl"}
{"type":"wavelengths","wavelengths":[400,420,450,530,630,660,735]}' '^$' '' -- \
  "$lb" decode heliospectra-control $'Welcome\r\n>getWl\r\nOK 400 420 450 530 630 660 735\r\n'
