"""gunicorn's settings, read from the working directory: `gunicorn -w 4 wsgi:app` uses them.

The worker timeout is the backstop behind the photo checker's own limits (headers checked
before any decode, a 5 s budget per check): a request that still runs after `timeout`
seconds gets its worker killed and replaced, so no upload can hold a worker for long.
Sync workers read the request body themselves, so the TLS proxy in front must buffer
uploads (nginx does by default); a slow phone upload then never counts against `timeout`.
"""

# A worker silent for this long is killed and replaced (gunicorn's default is 30 s). The
# slowest legitimate request, a photo check, takes well under 2 s.
timeout = 20
# Time a worker gets to finish its requests after a restart or shutdown signal.
graceful_timeout = 10
