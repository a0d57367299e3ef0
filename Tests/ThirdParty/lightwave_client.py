"""Drives the LightwaveRF simulator with the PyPI library `lightwave` (0.24), unmodified.

Run by run-lightwave.sh against `lightbridge simulate lightwave` on 127.0.0.1:9760 (the library's
fixed ports: it sends to 9760 and reads replies on 9761). Registers (the simulator presses its
button itself), then turns R1D1 on, dims it and turns it off. Prints one JSON summary line of
the library's own verdicts ("LW broker OK!" / "LW broker fail") for the shell script to check;
the script checks what the simulator really did from its log.
"""
import json
import logging
import sys
import time

from lightwave.lightwave import LWLink


class Verdicts(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.ok = 0
        self.fail = 0
        self.errors = []

    def emit(self, record):
        text = record.getMessage()
        if text.startswith("LW broker OK"):
            self.ok += 1
        elif record.levelno >= logging.ERROR:
            self.errors.append(text)
            if text.startswith("LW broker fail"):
                self.fail += 1


def drain(link):
    """Waits for the library's sender thread to empty its queue."""
    deadline = time.monotonic() + 30
    while LWLink.thread is not None and LWLink.thread.is_alive():
        if time.monotonic() > deadline:
            raise SystemExit("the lightwave library did not finish within 30 s")
        LWLink.thread.join(0.1)


def main():
    verdicts = Verdicts()
    log = logging.getLogger("lightwave")
    log.setLevel(logging.DEBUG)
    log.addHandler(verdicts)
    link = LWLink(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1")
    # !F*p: "Not yet registered. See WifiLink", the library re-sends !F*p, the simulator's
    # automatic button press registers it, and the second !F*p gets the firmware version.
    link.register()
    drain(link)
    registration_errors = list(verdicts.errors)
    verdicts.errors.clear()
    verdicts.ok = verdicts.fail = 0  # the library counts each "Not yet registered" as OK
    link.turn_on_switch("R1D1", "Lamp")
    drain(link)
    link.turn_on_with_brightness("R1D1", "Lamp", 128)  # round(128 * 31 / 255) + 1 = level 17
    drain(link)
    link.turn_off("R1D1", "Lamp")
    drain(link)
    print(json.dumps({"ok": verdicts.ok, "fail": verdicts.fail, "errors": verdicts.errors,
                      "registration_log": registration_errors}))


if __name__ == "__main__":
    main()
