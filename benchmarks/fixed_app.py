"""The ceiling: a WSGI application that answers every request with the same 3 KB, doing nothing else.

Served by the same server and measured by the same wrk command as the OAI endpoint, it tells how
much of a request's cost is the server's and the load generator's alone.
"""

BODY = b"<x>" + b"." * (3 * 1024 - 7) + b"</x>"
HEADERS = [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
