package io.descopefilter.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * How to run one server distribution: lay out a fresh configuration under {@code work} (the unpacked distribution
 * stays untouched), deploy {@code sample.war} at {@code /sample} and {@code bad.war} at {@code /bad}, and start it
 * bound to 127.0.0.1 on {@code port}.
 */
abstract class Server {

    final String name;
    final Path home;
    final Duration startTimeout;

    Server(String name, Path home, Duration startTimeout) {
        this.name = name;
        this.home = home;
        this.startTimeout = startTimeout;
    }

    /** The HTTP port to use; servers that derive it from an offset pick their own. */
    int choosePort() {
        return ServerProcess.freePort();
    }

    abstract ServerProcess start(Path work, int port, Path sampleWar, Path badWar, Map<String, String> environment);

    /** Log files beyond the console output. */
    List<Path> logs(Path work) {
        return List.of();
    }

    /** The server's own statement that {@code /bad} failed, if it makes one beyond the log (e.g. a marker file). */
    Optional<Path> failureMarker(Path work) {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Apache Tomcat 10.1 or 11 from its distribution zip: a CATALINA_BASE of our own, the JVM started directly. */
    static final class Tomcat extends Server {

        Tomcat(String name, Path home) {
            super(name, home, Duration.ofSeconds(60));
        }

        @Override
        ServerProcess start(Path work, int port, Path sampleWar, Path badWar, Map<String, String> environment) {
            Path base = work.resolve("base");
            for (String file : List.of("web.xml", "logging.properties", "catalina.properties", "context.xml")) {
                copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
            }
            // no shutdown port, no AJP, one HTTP connector on loopback
            write(base.resolve("conf/server.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Server port="-1" shutdown="SHUTDOWN">
                      <Service name="Catalina">
                        <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
                        <Engine name="Catalina" defaultHost="localhost">
                          <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                        </Engine>
                      </Service>
                    </Server>
                    """.formatted(port));
            copy(sampleWar, base.resolve("webapps/sample.war"));
            copy(badWar, base.resolve("webapps/bad.war"));
            for (String dir : List.of("logs", "temp", "work")) {
                write(base.resolve(dir).resolve(".keep"), "");
            }
            List<String> command = new ArrayList<>(List.of(java(),
                    // what catalina.sh adds on Java 17+
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                    "-Xmx512m",
                    "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                    "-Djava.io.tmpdir=" + base.resolve("temp"),
                    "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                    "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                    "-classpath", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator
                            + home.resolve("bin/tomcat-juli.jar"),
                    "org.apache.catalina.startup.Bootstrap", "start"));
            return ServerProcess.start(name, command, work, environment, work.resolve("console.log"));
        }
    }

    /** Open Liberty from its all-features zip: a user directory of our own, servlet-6.0 only. */
    static final class Liberty extends Server {

        Liberty(Path home) {
            super("Open Liberty", home, Duration.ofSeconds(120));
        }

        @Override
        ServerProcess start(Path work, int port, Path sampleWar, Path badWar, Map<String, String> environment) {
            Path server = work.resolve("usr/servers/smoke");
            write(server.resolve("server.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <server description="descope-filter smoke test">
                      <featureManager>
                        <feature>servlet-6.0</feature>
                      </featureManager>
                      <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                      <applicationManager autoExpand="true"/>
                      <applicationMonitor updateTrigger="disabled" dropinsEnabled="false"/>
                      <webApplication id="sample" name="sample" location="%s" contextRoot="/sample"/>
                      <webApplication id="bad" name="bad" location="%s" contextRoot="/bad"/>
                    </server>
                    """.formatted(port, sampleWar.toAbsolutePath(), badWar.toAbsolutePath()));
            Map<String, String> env = new java.util.HashMap<>(environment);
            env.put("WLP_USER_DIR", work.resolve("usr").toString());
            return ServerProcess.start(name, List.of("sh", home.resolve("bin/server").toString(), "run", "smoke"),
                    work, env, work.resolve("console.log"));
        }

        @Override
        List<Path> logs(Path work) {
            return List.of(work.resolve("usr/servers/smoke/logs/messages.log"));
        }
    }

    /** WildFly from wildfly-dist: the distribution's standalone.xml in a base directory of our own. */
    static final class WildFly extends Server {

        private int offset;

        WildFly(Path home) {
            super("WildFly", home, Duration.ofSeconds(120));
        }

        /** WildFly's ports move together by an offset: find one where http, https and management are all free. */
        @Override
        int choosePort() {
            for (int attempt = 0; attempt < 50; attempt++) {
                int candidate = ServerProcess.freePort() - 8080;
                if (candidate > 0 && candidate + 9993 < 65535
                        && Stream.of(8080, 8443, 9990, 9993).allMatch(p -> isFree(candidate + p))) {
                    offset = candidate;
                    return 8080 + offset;
                }
            }
            throw new IllegalStateException("no free port offset for WildFly");
        }

        private static boolean isFree(int port) {
            try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        ServerProcess start(Path work, int port, Path sampleWar, Path badWar, Map<String, String> environment) {
            Path base = work.resolve("base");
            copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
            copy(sampleWar, base.resolve("deployments/sample.war"));
            copy(badWar, base.resolve("deployments/bad.war"));
            return ServerProcess.start(name, List.of("sh", home.resolve("bin/standalone.sh").toString(),
                            "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                            "-Djboss.server.base.dir=" + base,
                            "-Djboss.socket.binding.port-offset=" + offset),
                    work, environment, work.resolve("console.log"));
        }

        @Override
        Optional<Path> failureMarker(Path work) {
            return Optional.of(work.resolve("base/deployments/bad.war.failed"));
        }
    }

    /** Payara Micro 6: Hazelcast off ({@code --nohazelcast}; it binds all interfaces otherwise), HTTP on 127.0.0.1. */
    static final class PayaraMicro extends Server {

        PayaraMicro(Path jar) {
            super("Payara Micro", jar, Duration.ofSeconds(120));
        }

        @Override
        ServerProcess start(Path work, int port, Path sampleWar, Path badWar, Map<String, String> environment) {
            Path preboot = work.resolve("preboot.txt");
            write(preboot, """
                    set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
                    """);
            Path sample = work.resolve("apps/sample.war");
            Path bad = work.resolve("apps/bad.war");
            copy(sampleWar, sample);
            copy(badWar, bad);
            write(work.resolve("root/.keep"), "");
            return ServerProcess.start(name, List.of(java(), "-Xmx768m",
                            "-Djava.io.tmpdir=" + work.resolve("tmp"),
                            "-jar", home.toString(),
                            "--nohazelcast", "--port", Integer.toString(port),
                            "--rootdir", work.resolve("root").toString(),
                            "--unpackdir", work.resolve("unpack").toString(),
                            "--prebootcommandfile", preboot.toString(),
                            "--deploy", sample.toString(), "--deploy", bad.toString()),
                    work, environment, work.resolve("console.log"));
        }
    }

    /**
     * GlassFish 7 from its distribution zip: the distribution's {@code domain1} copied into a domain directory of our
     * own and rewritten before its first start (the distribution's listens on every interface), so that every
     * listener (HTTP, HTTPS, admin, the three IIOP listeners, JMX, the JMS port) is on 127.0.0.1 and on a port of its
     * own. The server's JVM is started directly, in the foreground, with the command {@code asadmin start-domain
     * --dry-run} prints (what {@code bin/startserv} does, without its shell word splitting), so the process is the
     * server and stopping it runs GlassFish's shutdown hook. The WARs are deployed from the domain's
     * {@code autodeploy} directory.
     */
    static final class GlassFish extends Server {

        private static final String DOMAIN = "domain1";
        private static final String DUMP = "Dump of JVM Invocation line";

        GlassFish(Path home) {
            super("GlassFish", home, Duration.ofSeconds(120));
        }

        @Override
        ServerProcess start(Path work, int port, Path sampleWar, Path badWar, Map<String, String> environment) {
            Path domains = work.resolve("domains");
            Path domain = domains.resolve(DOMAIN);
            copyTree(home.resolve("glassfish/domains").resolve(DOMAIN), domain);
            onLoopback(domain.resolve("config/domain.xml"), port, work.resolve("tmp"));
            copy(sampleWar, domain.resolve("autodeploy/sample.war"));
            copy(badWar, domain.resolve("autodeploy/bad.war"));
            return ServerProcess.start(name, serverCommand(work, domains), work, environment,
                    work.resolve("console.log"));
        }

        /** The server's command line, one argument a line after {@value #DUMP}, up to the first empty line. */
        private List<String> serverCommand(Path work, Path domains) {
            Path output = work.resolve("dry-run.log");
            ProcessBuilder builder = new ProcessBuilder(java(), "-jar",
                    home.resolve("glassfish/modules/admin-cli.jar").toString(),
                    "start-domain", "--dry-run", "--domaindir", domains.toString(), DOMAIN)
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            try {
                Process dryRun = builder.start();
                if (!dryRun.waitFor(2, TimeUnit.MINUTES)) {
                    dryRun.destroyForcibly();
                    throw new AssertionError("asadmin start-domain --dry-run did not finish");
                }
                List<String> lines = Files.readAllLines(output);
                int dump = 0;
                while (dump < lines.size() && !lines.get(dump).startsWith(DUMP)) {
                    dump++;
                }
                List<String> command = lines.stream().skip(dump + 1L).takeWhile(line -> !line.isBlank()).toList();
                if (dryRun.exitValue() != 0 || command.isEmpty()) {
                    throw new AssertionError("asadmin start-domain --dry-run failed (" + dryRun.exitValue() + "):\n"
                            + String.join("\n", lines));
                }
                return command;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * Rewrites the configuration the DAS runs ({@code server-config}): each network, IIOP and JMX listener bound
         * to 127.0.0.1 on a free port ({@code http-listener-1} on {@code port}); the JMS host on 127.0.0.1 and a free
         * port, lazy (GlassFish listens on that port itself and starts the broker on the first connection; the
         * distribution's {@code server-config} has no {@code jms-service}, so one is added); the JVM's temporary
         * directory under {@code tmp}. The debugger's port is opened only by {@code --debug}, never used here.
         */
        private static void onLoopback(Path domainXml, int port, Path tmp) {
            try {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document document = factory.newDocumentBuilder().parse(domainXml.toFile());
                Element config = child(document.getDocumentElement(), "configs", "config", "server-config");
                Set<Integer> taken = new HashSet<>(List.of(port));
                for (Element listener : all(config, "network-listener")) {
                    listener.setAttribute("address", "127.0.0.1");
                    listener.setAttribute("port", Integer.toString(
                            listener.getAttribute("name").equals("http-listener-1") ? port : freePort(taken)));
                }
                for (Element listener : all(config, "iiop-listener")) {
                    listener.setAttribute("address", "127.0.0.1");
                    listener.setAttribute("port", Integer.toString(freePort(taken)));
                }
                for (Element connector : all(config, "jmx-connector")) {
                    connector.setAttribute("address", "127.0.0.1");
                    connector.setAttribute("port", Integer.toString(freePort(taken)));
                }
                int jmsPort = freePort(taken);
                for (Element property : all(config, "system-property")) {
                    if (property.getAttribute("name").equals("JMS_PROVIDER_PORT")) {
                        property.setAttribute("value", Integer.toString(jmsPort));
                    }
                }
                if (all(config, "jms-service").isEmpty()) {
                    Element service = document.createElement("jms-service");
                    service.setAttribute("type", "EMBEDDED");
                    service.setAttribute("default-jms-host", "default_JMS_host");
                    Element host = document.createElement("jms-host");
                    host.setAttribute("name", "default_JMS_host");
                    service.appendChild(host);
                    config.appendChild(service);
                }
                for (Element host : all(config, "jms-host")) {
                    host.setAttribute("host", "127.0.0.1");
                    host.setAttribute("port", Integer.toString(jmsPort));
                    host.setAttribute("lazy-init", "true");
                }
                Element javaConfig = all(config, "java-config").get(0);
                Element tmpdir = document.createElement("jvm-options");
                tmpdir.setTextContent("-Djava.io.tmpdir=" + tmp);
                javaConfig.appendChild(tmpdir);
                var transformer = TransformerFactory.newInstance().newTransformer();
                transformer.transform(new DOMSource(document), new StreamResult(domainXml.toFile()));
            } catch (ParserConfigurationException | SAXException | TransformerException e) {
                throw new IllegalStateException("cannot rewrite " + domainXml, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort(Set<Integer> taken) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int candidate = ServerProcess.freePort();
                if (taken.add(candidate)) {
                    return candidate;
                }
            }
            throw new IllegalStateException("no free port for GlassFish");
        }

        private static Element child(Element root, String container, String element, String name) {
            return all(root, element).stream()
                    .filter(e -> e.getAttribute("name").equals(name)
                            && ((Element) e.getParentNode()).getTagName().equals(container))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + element + " " + name));
        }

        private static List<Element> all(Element root, String tag) {
            NodeList nodes = root.getElementsByTagName(tag);
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                elements.add((Element) nodes.item(i));
            }
            return elements;
        }

        @Override
        List<Path> logs(Path work) {
            return List.of(work.resolve("domains").resolve(DOMAIN).resolve("logs/server.log"));
        }

        @Override
        Optional<Path> failureMarker(Path work) {
            return Optional.of(work.resolve("domains").resolve(DOMAIN).resolve("autodeploy/bad.war_deployFailed"));
        }
    }
}
