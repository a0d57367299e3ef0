# Lumencor (PROTOCOLS.md §4), sourced by cli-tests.sh: seed examples both ways, both line ends.
check lumencor-decode 2 \
'{"type":"getChannelMap"}
{"type":"channelMap","colours":["VIOLET","BLUE","GREEN","RED"]}
{"type":"status","status":"fanFaultAndOverTemperature"}' \
  "LumencorError: line starts with 'xx'" '' -- \
  "$lb" decode lumencor $'GET CHMAP\nA CHMAP VIOLET BLUE GREEN RED\r\nxx\nA STAT 3\r\n'
check lumencor-encode 0 'SET MULCHINT 100 900 400 850' '^$' \
  '{"type":"setMultipleIntensities","intensities":[100,900,400,850]}' -- "$lb" encode lumencor
