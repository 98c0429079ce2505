# The app server Varnish fetches from (gunicorn: `make serve`, port 8000). One backend per server, or a director.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}
