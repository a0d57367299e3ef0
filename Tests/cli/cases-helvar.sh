# HelvarNet (PROTOCOLS.md §2), sourced by cli-tests.sh: the seed's examples in both forms.
check helvar-decode 2 \
'{"type":"command","command":"recallSceneGroup","version":1,"group":1234,"block":5,"scene":6,"fade":3200}
{"type":"error","command":"queryDeviceType","version":1,"address":"2.2.1.1","code":"deviceMissing"}' \
  'HelvarError: skipped 4 byte\(s\) outside any HelvarNet message' '' -- \
  "$lb" decode helvar '>V:1,C:11,G:1234,B:5,S:6,F:3200#junk!V:1,C:104,@2.2.1.1=11#'
check helvar-encode 0 '>V:1,C:11,G:1234,B:5,S:6,F:3200#' '^$' \
  '{"type":"command","command":"recallSceneGroup","version":1,"group":1234,"block":5,"scene":6,"fade":3200}' -- \
  "$lb" encode helvar
check helvar-encode-out-of-range 2 '' 'HelvarError' \
  '{"type":"command","command":"recallSceneGroup","version":1,"group":1234,"block":9,"scene":6}' -- "$lb" encode helvar
check helvar-raw-decode 0 \
  '{"type":"command","acknowledge":false,"version":1,"command":"recallSceneGroup","group":1234,"block":5,"scene":6,"value":0,"fade":3200}' \
  '^$' '' -- "$lb" decode helvar-raw --hex \
  '0001000B 000004D2 00000000 00050006 00000000 00000000 00000000 00000C80 00000000 00000000'
check helvar-raw-encode 0 \
  '00 01 00 0b 00 00 04 d2 00 00 00 00 00 05 00 06 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0c 80 00 00 00 00 00 00 00 00' \
  '^$' '{"type":"command","acknowledge":false,"version":1,"command":"recallSceneGroup","group":1234,"block":5,"scene":6,"value":0,"fade":3200}' -- \
  "$lb" encode helvar-raw
