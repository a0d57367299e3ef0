"""What the benchmark scripts share: stopping the processes they started."""
import signal, subprocess


def stop_all(procs, timeout=10):
    """SIGTERM every process still running, then SIGKILL any that outlives `timeout` seconds."""
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
