package io.descopefilter.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * nginx (Debian {@code nginx-light}) as the load balancer: plain round-robin over the nodes, nothing sticky (no
 * {@code ip_hash}, no {@code hash}, no cookie), a node that refuses connections marked failed for 30 s and the
 * request passed to the next one (nginx retries only idempotent requests). It passes what the filter expects of a
 * proxy: the browser's {@code Host}, {@code X-Forwarded-For} set to the peer's address (an edge proxy overwrites,
 * never appends to, what a client sent), {@code X-Forwarded-Proto}. The filter builds its links from
 * {@code publicBaseUrl} only and counts limits per {@code X-Forwarded-For} because nginx's address is in
 * {@code trustedProxies}. Its answers carry {@code X-Upstream}: the node address that answered.
 */
final class Nginx implements AutoCloseable {

    final int port;
    final String baseUrl;
    private final ManagedProcess process;

    private Nginx(int port, ManagedProcess process) {
        this.port = port;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.process = process;
    }

    /** nginx on {@code port}, its configuration, pid file, logs and temporary files under {@code directory}. */
    static Nginx start(Path directory, int port, List<Integer> nodePorts) {
        String executable = System.getProperty("cluster.nginx", "/usr/sbin/nginx");
        if (!Files.isExecutable(Path.of(executable))) {
            throw new AssertionError("nginx is needed at " + executable + " (Debian: apt-get install nginx-light; "
                    + "elsewhere -Dcluster.nginx=<path>)");
        }
        Path config = directory.resolve("nginx.conf");
        try {
            Files.createDirectories(directory.resolve("temp"));
            Files.writeString(config, config(directory, port, nodePorts), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("nginx", List.of(executable, "-p", directory.toString(),
                "-e", directory.resolve("error.log").toString(), "-c", config.toString()),
                directory.resolve("nginx.out"));
        Nginx nginx = new Nginx(port, process);
        try {
            process.await("listening socket on " + port, Duration.ofSeconds(20), nginx::accepts);
        } catch (AssertionError e) {
            process.close();
            throw new AssertionError(e.getMessage() + "\n" + read(directory.resolve("error.log")), e);
        }
        return nginx;
    }

    static String config(Path directory, int port, List<Integer> nodePorts) {
        String servers = nodePorts.stream()
                .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=30s;")
                .collect(Collectors.joining("\n"));
        Path temp = directory.resolve("temp");
        // As root, nginx would run its worker as 'nobody', which cannot write under target/.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  log_format cluster '$remote_addr "$request_method $uri" $status $upstream_addr $request_time';
                  access_log %1$s/access.log cluster;
                  client_body_temp_path %2$s/client;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  upstream nodes {
                %3$s
                    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:%4$d;
                    location / {
                      proxy_pass http://nodes;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_set_header X-Forwarded-For $remote_addr;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header X-Forwarded-Host $http_host;
                      proxy_connect_timeout 2s;
                      proxy_read_timeout 30s;
                      proxy_next_upstream error timeout;
                      add_header X-Upstream $upstream_addr always;
                    }
                  }
                }
                """.formatted(directory, temp, servers, port);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String accessLog() {
        return read(process.log.getParent().resolve("access.log"));
    }

    String errorLog() {
        return read(process.log.getParent().resolve("error.log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
