package io.descopefilter.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
}
