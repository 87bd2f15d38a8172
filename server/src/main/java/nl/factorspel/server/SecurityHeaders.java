package nl.factorspel.server;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers that keep a browser to our own origin: scripts, styles, images and connections only from
 * this server (the web client has no inline script or style), no framing by any page, no sniffing of
 * content types, no referrer. SockJS's own pages under {@code /eventbus} (its iframe transport bootstraps
 * with an inline script inside a frame of ours) keep only {@code nosniff}.
 */
final class SecurityHeaders {

    static final String POLICY = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
            "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    /** Adds the headers to every response; mount it before any other route. */
    static void install(Router router) {
        router.route().handler(SecurityHeaders::add);
    }

    private static void add(RoutingContext ctx) {
        var headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        if (!ctx.request().path().startsWith("/eventbus/")) {
            headers.set("Content-Security-Policy", POLICY);
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
        }
        ctx.next();
    }
}
