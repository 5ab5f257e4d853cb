"""gunicorn's settings for production: the Dockerfile's command and the README's.

    gunicorn --config digital_lm/gunicorn.conf.py digital_lm.wsgi:application

Threaded workers, because Django streams every download and course ZIP itself: a sync worker
is killed when one request lasts longer than ``timeout`` (a 40 MB file at 200 KB/s takes over
three minutes), and a handful of slow clients would hold every worker. A ``gthread`` worker's
``timeout`` watches only the process's heartbeat, which its main loop keeps beating while its
threads send bytes, so a download lasts as long as the client needs, and each slow client
holds one thread, not a process. (Front-server offload, ``DLM_DOWNLOAD_OFFLOAD``, stays
optional: docs/downloads.md.)

Environment: ``PORT`` (8000), ``WEB_CONCURRENCY`` worker processes (3), ``WEB_THREADS``
threads per worker (50): together the number of requests answered at once, slow downloads
included.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "50"))
# A worker takes no more connections than it has threads: one whose threads are all busy with
# slow downloads leaves new requests to the other workers (or to the listen queue until a
# thread is free) instead of queueing them behind the downloads.
worker_connections = threads
# So no kept-alive idle connection counts against that limit; a front server opens a
# connection per request anyway (nginx's default upstream HTTP/1.0).
keepalive = 0
# The worker's heartbeat, not a request's duration (see above).
timeout = 30
accesslog = "-"
