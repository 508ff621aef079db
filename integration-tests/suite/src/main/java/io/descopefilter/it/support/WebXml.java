package io.descopefilter.it.support;

import io.descopefilter.it.app.AccountServlet;
import io.descopefilter.it.app.CdiLoginServlet;
import io.descopefilter.it.app.DispatchServlet;
import io.descopefilter.it.app.LoginPageServlet;
import io.descopefilter.it.app.PublicServlet;
import io.descopefilter.it.app.WhoAmIServlet;
import java.util.Map;

/**
 * The test WAR's deployment descriptor: the filter mapped to every path and every dispatcher type (REQUEST,
 * FORWARD, INCLUDE, ERROR, ASYNC) as README documents, cookie-only session tracking, and the test servlets.
 */
final class WebXml {

    private WebXml() {
    }

    static String withFilter(Map<String, String> initParams) {
        StringBuilder params = new StringBuilder();
        initParams.forEach((name, value) -> params.append("      <init-param><param-name>").append(escape(name))
                .append("</param-name><param-value>").append(escape(value)).append("</param-value></init-param>\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <filter>
                    <filter-name>descope</filter-name>
                    <filter-class>io.descopefilter.jakarta.DescopeAuthFilter</filter-class>
                    <async-supported>true</async-supported>
                %s  </filter>
                  <filter-mapping>
                    <filter-name>descope</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>FORWARD</dispatcher>
                    <dispatcher>INCLUDE</dispatcher>
                    <dispatcher>ERROR</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                  </filter-mapping>
                %s
                  <error-page>
                    <error-code>418</error-code>
                    <location>/app/error-target</location>
                  </error-page>
                  <session-config>
                    <cookie-config><http-only>true</http-only></cookie-config>
                    <tracking-mode>COOKIE</tracking-mode>
                  </session-config>
                </web-app>
                """.formatted(params, servlets());
    }

    private static String servlets() {
        return servlet("whoami", WhoAmIServlet.class, false, "/app/*")
                + servlet("account", AccountServlet.class, false, "/app/account", "/app/account/*")
                + servlet("public", PublicServlet.class, false, "/public/*")
                + servlet("dispatch", DispatchServlet.class, true, "/public/dispatch/*")
                + servlet("login", LoginPageServlet.class, false, "/login", "/login/*")
                + servlet("cdi", CdiLoginServlet.class, false, "/cdi/*");
    }

    private static String servlet(String name, Class<?> type, boolean async, String... patterns) {
        StringBuilder xml = new StringBuilder("  <servlet><servlet-name>").append(name)
                .append("</servlet-name><servlet-class>").append(type.getName()).append("</servlet-class>")
                .append(async ? "<async-supported>true</async-supported>" : "").append("</servlet>\n");
        for (String pattern : patterns) {
            xml.append("  <servlet-mapping><servlet-name>").append(name).append("</servlet-name><url-pattern>")
                    .append(pattern).append("</url-pattern></servlet-mapping>\n");
        }
        return xml.toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
