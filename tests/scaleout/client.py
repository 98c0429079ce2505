"""A reader's or an editor's HTTP client for app servers behind a TLS-terminating load balancer.

The test stands where the balancer stands: it speaks plain HTTP to each server on loopback and says the reader's
connection was HTTPS (X-Forwarded-Proto, which production settings trust) and whose address it was
(X-Forwarded-For, PROXY_COUNT=1). Cookies are kept as a browser keeps them for one site: one jar for every
server (cookies ignore ports), Secure ones sent because the reader's side of the balancer is HTTPS.
"""

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser


class _BehindTLS(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    headers: dict
    text: str


class Client:
    def __init__(self, *, address):
        self.address = address
        self.cookies = http.cookiejar.CookieJar(policy=_BehindTLS())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects)

    def get(self, server, path, **headers):
        return self._send(urllib.request.Request(server + path, headers={**self._headers(server, path), **headers}))

    def post(self, server, path, fields):
        """POST a form as a browser on that server's page would (CSRF: same-origin Referer over HTTPS)."""
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        return self._send(urllib.request.Request(server + path, data=body, headers=self._headers(server, path)))

    def log_in(self, server, username, password):
        """Through the admin's login form, as an editor types it."""
        form = dict(form_fields(self.get(server, "/admin/login/").text, "login-form"))
        form.update(username=username, password=password)
        return self.post(server, "/admin/login/?next=/admin/", form)

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def _headers(self, server, path):
        return {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Referer": server.replace("http://", "https://", 1) + path,
        }

    def _send(self, request):
        try:
            response = self.opener.open(request, timeout=10)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            response = error
        with response:
            return Answer(response.status, dict(response.headers), response.read().decode("utf-8", "replace"))


class _FormReader(HTMLParser):
    """The fields a browser would submit from the form with the given id: inputs, checked boxes, textareas and
    selected options, as (name, value) pairs in document order."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = self.first_option = None
        self.select_chosen = self.multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select, self.select_chosen, self.first_option = name, False, None
            self.multiple = "multiple" in attrs
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.fields.append((self.select, attrs.get("value", "")))
                self.select_chosen = True

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.fields.append((name, value[1:] if value.startswith("\n") else value))  # as browsers read it
            self.textarea = None
        elif tag == "select" and self.select:
            # A single choice with nothing selected submits its first option, as a browser does.
            if not self.select_chosen and not self.multiple and self.first_option is not None:
                self.fields.append((self.select, self.first_option))
            self.select = None


def form_fields(html, form_id):
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields
