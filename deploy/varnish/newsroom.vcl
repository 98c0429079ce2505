vcl 4.1;

# Varnish in front of Newsroom's app servers (Debian's varnish package, 7.x; vanilla, no VMOD).
#
# Pages are kept as long as their s-maxage says (CDN_MAX_AGE, never past a scheduled publication) and purged
# by key on every edit: the app names what each page shows in Surrogate-Key, and after each commit sends
# `BAN /` with X-Purge-Keys (newsroom/public/varnish.py). The ban tests only obj.http.*, so the ban lurker
# clears banned objects in the background and the ban list stays short.
#
# The backends live in backend.vcl beside this file (or on vcl_path): one `backend` per app server, or a
# director. deploy/varnish/backend.vcl is the single-server example.

include "backend.vcl";

# Who may ban: the app servers. Add their addresses here.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        if (req.http.X-Purge-Keys !~ "^[a-z0-9 -]+$") {
            return (synth(400, "X-Purge-Keys: space-separated keys"));
        }
        # Whole keys only: "story-1" must not ban "story-12".
        ban("obj.http.Surrogate-Key ~ (^|\s)(" + regsuball(req.http.X-Purge-Keys, " +", "|") + ")(\s|$)");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff pages and previews are never kept; whoever holds a session or a form token gets their own page.
    if (req.url ~ "^/(admin|preview)/" || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Anything else a reader's browser sends as a cookie means nothing to the site's public pages.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Only what the site marked public and named by key is kept (the built-in rules already refuse
    # Set-Cookie, private and no-store); drafts, previews and logged-in pages never are.
    if (beresp.http.Cache-Control !~ "public" || !beresp.http.Surrogate-Key) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A purged page must not come back from grace.
    set beresp.grace = 0s;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for this cache; readers and the next cache down need none of them.
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
