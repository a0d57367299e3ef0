# LightwaveRF (PROTOCOLS.md §3), sourced by cli-tests.sh: seed examples both ways.
check lightwave-decode 2 \
'{"type":"command","trans":111,"room":1,"device":1,"function":"on"}
{"type":"error","trans":112,"code":6,"text":"Transmit fail","kind":"transmitFail"}
{"type":"command","link":"205678","trans":123,"room":1,"device":1,"function":"on"}' \
  "LightwaveError: not a Lightwave command, reply or event: 'bogus'" '' -- \
  "$lb" decode lightwave $'111,!R1D1F1\nbogus\n112,ERR,6,"Transmit fail"\n:205678,123,!R1D1F1\n'
check lightwave-event 0 '{"type":"event","event":{"trans":1,"mac":"03:34:BC","time":1456495650,"pkt":"433T","fn":"on","room":1,"dev":1}}' '^$' '' -- \
  "$lb" decode lightwave '*!{"trans":1,"mac":"03:34:BC","time":1456495650,"pkt":"433T","fn":"on","room":1,"dev":1}'
check lightwave-encode 0 '373,!R4D3FdP16|Side Lamp|Half Brightness' '^$' \
  '{"type":"command","trans":373,"room":4,"device":3,"function":"dim","level":16,"line1":"Side Lamp","line2":"Half Brightness"}' -- \
  "$lb" encode lightwave
check lightwave-encode-long-line 2 '' 'Lightwave' \
  '{"type":"command","trans":1,"room":1,"device":1,"function":"on","line1":"seventeen chars!!"}' -- "$lb" encode lightwave
