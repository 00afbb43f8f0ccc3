"""gunicorn's sync worker, plus: a graceful stop (SIGTERM) also answers the connections that already wait in the
listen queue. Plain gunicorn finishes only the request each worker is handling; the connections the kernel has
accepted but no worker has taken yet are reset when the last worker closes the socket (a deploy or `docker stop`
then cuts off visitors). The master still kills workers after graceful_timeout."""

import errno
import time

from gunicorn.workers.sync import SyncWorker

RETRYABLE = (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK)


class DrainingSyncWorker(SyncWorker):
    def run(self):
        super().run()
        if not self.alive:  # stopping gracefully (SIGTERM, max_requests), not after the master died
            self.drain()

    def drain(self):
        deadline = time.monotonic() + self.cfg.graceful_timeout
        served = True
        while served and time.monotonic() < deadline:
            served = False
            for listener in self.sockets:
                listener.setblocking(False)
                try:
                    self.accept(listener)  # answers the whole request
                    served = True
                except OSError as error:
                    if error.errno not in RETRYABLE:
                        raise
