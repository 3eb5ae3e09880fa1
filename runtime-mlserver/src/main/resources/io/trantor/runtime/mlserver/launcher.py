# Runs `mlserver start REPOSITORY` and stops it (SIGTERM, MLServer's graceful shutdown) when its
# standard input closes: the Java parent holds the other end, so MLServer and its workers never
# outlive the agent, even when the agent's JVM is killed with SIGKILL.
import os
import signal
import sys
import threading
import time


def _watch_parent():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os.kill(os.getpid(), signal.SIGTERM)


# MLServer's parallel workers are spawned processes that import this file again as
# __mp_main__: only the real main process may watch stdin and start the server.
if __name__ == "__main__":
    threading.Thread(target=_watch_parent, name="parent-watch", daemon=True).start()

    from mlserver.cli.main import main

    sys.argv = ["mlserver", "start", sys.argv[1]]
    sys.exit(main())
else:
    # A parallel worker: it must not outlive its MLServer when that one is killed (SIGKILL
    # leaves no chance to stop the workers), so it exits once it has been re-parented.
    _mlserver = os.getppid()

    def _watch_mlserver():
        while os.getppid() == _mlserver:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=_watch_mlserver, name="mlserver-watch", daemon=True).start()
