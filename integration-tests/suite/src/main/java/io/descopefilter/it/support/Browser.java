package io.descopefilter.it.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated browser for one app: its own cookie jar, no automatic redirects (tests look at every hop), and the
 * headers a real browser adds to a same-origin form POST ({@code Origin}, {@code Sec-Fetch-Site}).
 */
public final class Browser {

    private final TestApp app;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    Browser(TestApp app) {
        this(app, false);
    }

    /**
     * @param secureContext send {@code Secure} cookies over plain http too, as a browser does for a page served
     *                      over https: the test servers speak http only, and an app with {@code cookieSecure=true}
     *                      sets nothing but {@code Secure} cookies
     */
    Browser(TestApp app, boolean secureContext) {
        this.app = app;
        this.client = HttpClient.newBuilder()
                .cookieHandler(secureContext ? new SecureContext(cookies) : cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public TestApp app() {
        return app;
    }

    /** A request to a path inside the app ({@code /app/me}) or to an absolute URL. */
    public Request request(String method, String pathOrUrl) {
        return new Request(this, method, resolve(pathOrUrl));
    }

    public Page get(String pathOrUrl) {
        return request("GET", pathOrUrl).send();
    }

    public Page head(String pathOrUrl) {
        return request("HEAD", pathOrUrl).send();
    }

    /** A same-origin form POST, as the browser sends it when the user presses a button. */
    public Page post(String pathOrUrl, Map<String, String> fields) {
        return request("POST", pathOrUrl).sameOrigin().form(fields).send();
    }

    /** Submits a form read from a page, with its hidden fields, as a user pressing its button would. */
    public Page submit(HtmlForm form) {
        return request(form.method(), form.action()).sameOrigin().form(form.fields()).send();
    }

    /** Follows a redirect once (GET), as a browser does after 302 or 303. */
    public Page follow(Page redirect) {
        return get(redirect.location().orElseThrow(() -> new AssertionError("not a redirect: " + redirect)));
    }

    /** The value of a cookie the browser would send to the app, if any. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(URI.create(app.baseUrl() + "/")).stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Replaces (or plants) a cookie, as if the server or an attacker had set it. */
    public void setCookie(String name, String value) {
        removeCookie(name);
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setDomain(Nodes.HOST);
        cookie.setPath(app.contextPath());
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(app.baseUrl() + "/"), cookie);
    }

    public void removeCookie(String name) {
        URI uri = URI.create(app.baseUrl() + "/");
        for (HttpCookie cookie : List.copyOf(cookies.getCookieStore().get(uri))) {
            if (cookie.getName().equals(name)) {
                cookies.getCookieStore().remove(uri, cookie);
            }
        }
    }

    /** Copies the app's cookies into another browser, e.g. one pointed at the second server. */
    public void copyCookiesTo(Browser other) {
        for (HttpCookie cookie : cookies.getCookieStore().get(URI.create(app.baseUrl() + "/"))) {
            other.setCookie(cookie.getName(), cookie.getValue());
        }
    }

    HttpClient client() {
        return client;
    }

    /** Looks cookies up as for the https form of each URL, so that {@code Secure} cookies are sent over http. */
    private static final class SecureContext extends CookieHandler {
        private final CookieManager cookies;

        SecureContext(CookieManager cookies) {
            this.cookies = cookies;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(URI.create(uri.toString().replaceFirst("^http:", "https:")), requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            cookies.put(uri, responseHeaders);
        }
    }

    private String resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl : app.url(pathOrUrl);
    }
}
