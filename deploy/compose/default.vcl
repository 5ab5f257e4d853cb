vcl 4.1;
# The front: where every request arrives. It keeps anonymous pages, one copy per address and
# normalised language, purged by the site (digital_lm/front_cache.py), and static files and
# public images, which nginx reads from disk behind it. It balances pages over the web nodes,
# each reached through its own port on nginx (which sends offloaded downloads from disk).
# Rendered by configs.py: names in @@ are its parameters.
#
# A page is kept 6h past its lifetime: while every node is sick (the database away, so
# /health/ answers 503) or a fetch fails (a 5xx, no node answering), visitors get that last
# copy instead of an error. While a node is healthy an expired copy is served for at most
# 10s (while it is fetched again). A purge bans the page: a banned copy is
# dropped at its next lookup, never served stale.

import std;
import directors;

probe app_health {
    .request =
        "GET /health/ HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .expected_response = 200;
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend node0 {
    .host = "files";
    .port = "8081";
    .probe = app_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

backend node1 {
    .host = "files";
    .port = "8082";
    .probe = app_health;
    .connect_timeout = 1s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

# nginx's static files and public images.
backend files {
    .host = "files";
    .port = "8080";
    .connect_timeout = 1s;
}

# Who may purge: the app nodes (and loopback).
acl purgers {
    "127.0.0.1";
    "::1";
    "web-1";
    "web-2";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(node0);
    app.add_backend(node1);
    # After a node failed a fetch: the next healthy node after it (itself last).
    new after_node0 = directors.fallback();
    after_node0.add_backend(node1);
    after_node0.add_backend(node0);
    new after_node1 = directors.fallback();
    after_node1.add_backend(node0);
    after_node1.add_backend(node1);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # Where TLS ends is the operator's (before this port); the site is told which it was.
    set req.http.X-Forwarded-Proto = "http";
    # The x-front-* markers are the front's own, never a client's: x-front-lookup says the
    # request was looked up in the cache, x-front-stale that it is the restart of a lookup
    # whose fetch failed (vcl_synth).
    unset req.http.x-front-lookup;
    if (req.restarts == 0) {
        unset req.http.x-front-stale;
    }
    # (req.grace outlives a restart: set each time.)
    if (!req.http.x-front-stale && std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    } else {
        set req.grace = 6h;
    }

    # A purge forgets an address with every query string and every language variant.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        ban("obj.http.x-front-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged."));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Files whose every fetch is checked and counted by the site, then sent by nginx: piped,
    # byte for byte at the visitor's pace (a pass would read the whole file into memory as
    # fast as nginx sends it, and end a slow download at send_timeout).
    if (req.url ~ "^/(documents|downloads)/") {
        return (pipe);
    }
    # Signed-in work, previews and passwords.
    if (req.url ~ "^/(admin|django-admin)(/|\?|$)" || req.url ~ "^/[a-z-]+/_util/") {
        return (pass);
    }
    # Static files and public images: the same for everyone, whatever the cookies.
    if (req.url ~ "^/(static|media)/") {
        unset req.http.Cookie;
        set req.backend_hint = files;
        return (hash);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous: no cookie reaches the site, so no answer depends on one.
    unset req.http.Cookie;
    call normalise_language;
    set req.http.x-front-lookup = "1";
    return (hash);
}

# Accept-Language becomes the alliance languages it names, best first, each once
# ("th-TH,th;q=0.9,en-US;q=0.8,fr;q=0.5" -> "th,en"); no alliance language: no header (the
# site's default), so a handful of variants per address, each what the site would answer.
sub normalise_language {
    if (req.http.Accept-Language) {
        set req.http.Accept-Language = std.tolower(req.http.Accept-Language);
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, "\s+|;[^,]*", "");
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, "(^|,)zh(-[^,]*)?(?=,|$)", "\1zh-hans");
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, "(^|,)(en|th|vi|lo|km|my)-[^,]*", "\1\2");
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, "(^|,)(?!(zh-hans|en|th|vi|lo|km|my)(,|$))[^,]*", "");
        # Later repeats of a language go (twice: "en,th,en,en").
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, "(^|,)([a-z-]+)((,[a-z-]*)*?),\2(?=,|$)", "\1\2\3");
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, "(^|,)([a-z-]+)((,[a-z-]*)*?),\2(?=,|$)", "\1\2\3");
        set req.http.Accept-Language = regsuball(req.http.Accept-Language, ",{2,}", ",");
        set req.http.Accept-Language = regsub(req.http.Accept-Language, "^,+|,+$", "");
        if (req.http.Accept-Language == "") {
            unset req.http.Accept-Language;
        }
    }
}

# One site: the path and query are the key (a purge may name any host).
sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_fetch {
    # A retry goes to another node than the one that failed: the round robin is shared by
    # every fetch, so its next pick may be that node again.
    if (bereq.backend == files) {
        # Static files and images: nginx itself, never a node.
    } elsif (bereq.retries == 0) {
        set bereq.backend = app.backend();
    } elsif (bereq.http.x-front-failed == "node0") {
        set bereq.backend = after_node0.backend();
    } elsif (bereq.http.x-front-failed == "node1") {
        set bereq.backend = after_node1.backend();
    }
    unset bereq.http.x-front-failed;
    unset bereq.http.x-front-lookup;
}

sub vcl_backend_response {
    # A node going away: try another one, for requests that may be repeated.
    if (beresp.status >= 502 && beresp.status <= 504 && bereq.retries < 2
        && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set bereq.http.x-front-failed = beresp.backend.name;
        return (retry);
    }
    # A 5xx is never kept. For a cache lookup it is dropped (abandon): a refresh in the
    # background leaves the stale copy in place, and a visitor's fetch is looked up again
    # with the whole grace (vcl_synth), getting the last copy if there is one and else,
    # fetching once more, the site's own error page.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || (!bereq.uncacheable && !bereq.http.x-front-stale)) {
            return (abandon);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        return (deliver);
    }
    set beresp.http.x-front-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Content-Type ~ "^(text/|application/([a-z+.-]*json|[a-z+.-]*xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # "public, no-cache" with a validator (sitemaps, feeds): kept only to revalidate, so every
    # reuse asks the site first (If-None-Match), which answers 304 without building it.
    if (beresp.http.Cache-Control ~ "public" && beresp.http.Cache-Control ~ "no-cache"
        && beresp.http.Cache-Control !~ "(private|no-store)" && beresp.http.ETag
        && !beresp.http.Set-Cookie) {
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.keep = 1h;
        return (deliver);
    }
    # Only what the site says anyone may keep: never a cookie, a private or unmarked answer.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)="
        || beresp.http.Vary == "*"
        || beresp.http.X-Accel-Redirect) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    set beresp.grace = 6h;
    set beresp.keep = 1h;
    return (deliver);
}

# A node that refused or dropped the connection (killed, restarting): another node, for
# requests that may be repeated (a POST is never sent twice).
sub vcl_backend_error {
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set bereq.http.x-front-failed = beresp.backend.name;
        return (retry);
    }
    # No node answered: as a 5xx (vcl_backend_response), the last copy if there is one.
    if (bereq.is_bgfetch || (!bereq.uncacheable && !bereq.http.x-front-stale)) {
        return (abandon);
    }
}

# A visitor's fetch failed (abandoned above): once more, taking a copy within the whole grace.
sub vcl_synth {
    if (resp.status == 503 && req.restarts == 0 && !req.http.x-front-stale
        && (req.method == "GET" || req.method == "HEAD") && req.http.x-front-lookup) {
        set req.http.x-front-stale = "1";
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.x-front-path;
    if (obj.hits > 0 && obj.ttl <= 0s) {
        set resp.http.X-Cache = "STALE";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
