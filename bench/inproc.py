"""CPU per request of one path, in process: N GETs through the WSGI handler, timed with time.process_time.

The method of the Wagtail reference harness's tools/inproc.py (the full middleware stack, no server, no
network; other processes on the machine disturb it little), for this project's own Python:
    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.inproc --path /people/kevin-bacon/ --n 400
Prints one JSON line: label, path, status, bytes, queries (of one request after warming), cpu_ms.

With --serve the process warms up, prints that line for one request, then stays: each line it reads on
stdin is a number of requests to time, and it answers with one JSON line (cpu_ms per request). bench/compare.py
keeps one such worker per page and alternates short batches between them, so a slow phase of the machine falls
on every page alike. It uses only Django, so the reference site's own Python runs it too (DJANGO_SETTINGS_MODULE
and the site's directory on PYTHONPATH).
"""

import argparse
import io
import json
import sys
import time

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", required=True)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--host", default="testserver")
    parser.add_argument("--label", default="")
    parser.add_argument("--app", default="", help="a WSGI application's dotted path (default: Django's handler)")
    parser.add_argument("--serve", action="store_true", help="time batches of requests asked for on stdin")
    args = parser.parse_args()
    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.utils.module_loading import import_string

    app = import_string(args.app) if args.app else WSGIHandler()

    def get():
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": args.path, "QUERY_STRING": "", "SERVER_NAME": args.host,
            "SERVER_PORT": "80", "HTTP_HOST": args.host, "wsgi.input": io.BytesIO(b""), "wsgi.url_scheme": "http",
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr,
        }  # fmt: skip
        started = []
        body = b"".join(app(environ, lambda status, headers, exc_info=None: started.append(status)))
        return started[0], body

    def timed(n):
        start = time.process_time()
        for _ in range(n):
            get()
        return round((time.process_time() - start) * 1000 / n, 4)

    for _ in range(20):  # compiled templates and queries, connections, the page cache when it is on
        status, body = get()
    queries = 0
    from django.db import connection

    if connection.settings_dict["ENGINE"] != "django.db.backends.dummy":  # the bare site has no database
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            get()
        queries = len(captured.captured_queries)
    n = 1 if args.serve else args.n
    print(json.dumps({"label": args.label, "path": args.path, "status": status, "bytes": len(body),
                      "queries": queries, "cpu_ms": timed(n), "n": n}), flush=True)  # fmt: skip
    if args.serve:
        for line in sys.stdin:
            n = int(line)
            print(json.dumps({"cpu_ms": timed(n), "n": n}), flush=True)


if __name__ == "__main__":
    main()
