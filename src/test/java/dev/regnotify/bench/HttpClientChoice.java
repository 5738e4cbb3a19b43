package dev.regnotify.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.http.protocol.RequestUserAgent;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;

/**
 * Which HTTP client sends our envelopes fastest, one per POST over a kept-alive connection, as an endpoint does:
 * POSTs a 700-byte envelope N times with each client to an outside receiver and prints requests per second and the
 * process's CPU per request. A warm-up of N/4 requests comes first, unmeasured.
 * {@code mvn -Pbench test-compile exec:exec -Dbench.main=dev.regnotify.bench.HttpClientChoice
 * -Djmh.args="http://127.0.0.1:18080/events 20000 jdk jdk-direct apache core jetty"}
 */
public final class HttpClientChoice {

    private static final byte[] ENVELOPE = ("{\"events\":[{\"id\":\"01a22441-fb79-72f7-b9c6-6c3b3b4e5bc0\","
            + "\"timestamp\":\"2026-11-28T22:23:53.721260151Z\",\"action\":\"push\",\"target\":{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"size\":399,\"digest\":\"sha256:2a99b7f20a20056154f04e"
            + "7b6f4c00b56de2fc64e7a2dca418bd95c3e207cecf\",\"length\":399,\"repository\":\"bench/repo-0\",\"url\":"
            + "\"http://localhost:5000/v2/bench/repo-0/manifests/sha256:2a99b7f20a20056154f04e7b6f4c00b56de2fc64e7a2d"
            + "ca418bd95c3e207cecf\",\"tag\":\"v1\"},\"request\":{\"id\":\"bench\",\"addr\":\"127.0.0.1\",\"host\":"
            + "\"localhost:5000\",\"method\":\"PUT\",\"useragent\":\"regnotify-bench/0.1\"},\"actor\":{\"name\":"
            + "\"bench\"},\"source\":{\"addr\":\"vm\",\"instanceID\":\"c3e19827-7e85-4f5d-8016-cfeb7c6071bb\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
    private static final String TYPE = "application/vnd.docker.distribution.events.v1+json";

    /** One POST, answered 2xx. */
    private interface Post {
        void send() throws Exception;
    }

    private HttpClientChoice() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        for (String client : List.of(args).subList(2, args.length)) {
            Post post = switch (client) {
                case "jdk" -> jdk(url, HttpClient.newBuilder());
                case "jdk-direct" -> jdk(url, HttpClient.newBuilder().executor(Runnable::run));
                case "apache" -> apache(url);
                case "core" -> core(url);
                case "jetty" -> jetty(url);
                default -> throw new IllegalArgumentException("unknown client " + client);
            };
            run(post, count / 4);
            long cpu = cpuNanos();
            long started = System.nanoTime();
            run(post, count);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("client=%s requests=%d requests_per_s=%.0f cpu_us_per_request=%.1f%n", client, count,
                    count / seconds, (cpuNanos() - cpu) / 1e3 / count);
        }
        System.exit(0);
    }

    private static void run(Post post, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            post.send();
        }
    }

    private static Post jdk(URI url, HttpClient.Builder builder) {
        HttpClient client = builder.version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(1)).build();
        return () -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1))
                    .header("Content-Type", TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(ENVELOPE)).build();
            check(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        };
    }

    private static Post apache(URI url) {
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(1)).setSocketTimeout(Timeout.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.ofSeconds(1)).build())
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching().disableContentCompression()
                .build();
        ContentType type = ContentType.create(TYPE);
        return () -> {
            HttpPost post = new HttpPost(url);
            post.setEntity(new ByteArrayEntity(ENVELOPE, type));
            check(client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            }));
        };
    }

    /** HttpCore 5's own classic requester: its connection pool and request executor, without HttpClient's chain. */
    private static Post core(URI url) {
        HttpRequester requester = RequesterBootstrap.bootstrap()
                .setSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(1)).build())
                // no Expect: 100-continue (HttpClient sends none either): it costs a round trip per request
                .setHttpProcessor(HttpProcessorBuilder.create().addAll(new RequestContent(), new RequestTargetHost(),
                        new RequestConnControl(), new RequestUserAgent("regnotify")).build())
                .setMaxTotal(1).setDefaultMaxPerRoute(1).create();
        HttpHost target = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        ContentType type = ContentType.create(TYPE);
        return () -> {
            BasicClassicHttpRequest post = new BasicClassicHttpRequest(Method.POST, target, url.getRawPath());
            post.setEntity(new ByteArrayEntity(ENVELOPE, type));
            check(requester.execute(target, post, Timeout.ofSeconds(1), HttpCoreContext.create(), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            }));
        };
    }

    private static Post jetty(URI url) throws Exception {
        org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient();
        client.setFollowRedirects(false);
        client.start();
        return () -> {
            ContentResponse response = client.newRequest(url).method("POST").timeout(1, TimeUnit.SECONDS)
                    .body(new BytesRequestContent(TYPE, ENVELOPE)).send();
            check(response.getStatus());
        };
    }

    private static void check(int status) {
        if (status / 100 != 2) {
            throw new IllegalStateException("the receiver answered " + status);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
