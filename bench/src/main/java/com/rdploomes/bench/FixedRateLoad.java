package com.rdploomes.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate whatever earlier requests do, and its
 * latency counts from when it was due, so a slow server cannot hide its queueing (no coordinated omission).
 *
 * <p>It speaks plain HTTP/1.1 over kept-alive sockets, one virtual thread per request, instead of using the
 * JDK's HttpClient: the generator shares the two cores with the service it measures, and the HttpClient
 * spent about as much CPU per request as the receiver itself (wrk2, which would do this, is not packaged).
 * It also reports its own CPU per request, so the report shows what the measuring costs.
 */
final class FixedRateLoad {

    record Result(int rate, int sent, int ok, int failed, List<Long> latenciesNanos, double seconds,
                  double generatorCpuMsPerRequest) {
    }

    Result run(URI uri, int rate, Duration duration, IntFunction<byte[]> body, String token) {
        int total = (int) (rate * duration.toMillis() / 1000);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nX-Webhook-Token: " + token + "\r\nContent-Length: ";
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                byte[] request = request(head, body.apply(i));
                threads.submit(() -> {
                    Connection connection = idle.pollFirst();
                    try {
                        Connection.Answer answer;
                        try {
                            connection = connection == null ? new Connection(uri.getHost(), uri.getPort()) : connection;
                            answer = connection.exchange(request);
                        } catch (Connection.StaleException stale) {
                            // the server had closed a kept-alive connection before this request reached it
                            connection = new Connection(uri.getHost(), uri.getPort());
                            answer = connection.exchange(request);
                        }
                        latencies.add(System.nanoTime() - due);
                        (answer.status() / 100 == 2 ? ok : failed).incrementAndGet();
                        if (answer.keepAlive()) {
                            idle.offerFirst(connection);
                        } else {
                            connection.close();
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        if (connection != null) {
                            connection.close();
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMsPerRequest = (processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, total);
        idle.forEach(Connection::close);
        return new Result(rate, total, ok.get(), failed.get(), List.copyOf(latencies), seconds,
                Math.round(cpuMsPerRequest * 1000) / 1000.0);
    }

    private static byte[] request(String head, byte[] body) {
        byte[] headBytes = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One kept-alive HTTP/1.1 connection: write a request, read the status and skip the body. */
    private static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        record Answer(int status, boolean keepAlive) {
        }

        /** Nothing came back on a reused connection: the request never reached the server, sending it again is safe. */
        static final class StaleException extends IOException {
            StaleException(Throwable cause) {
                super(cause);
            }
        }

        private int exchanges;

        Answer exchange(byte[] request) throws IOException {
            String statusLine;
            try {
                out.write(request);
                out.flush();
                statusLine = line();
            } catch (IOException e) {
                throw exchanges > 0 && !(e instanceof java.net.SocketTimeoutException) ? new StaleException(e) : e;
            }
            exchanges++;
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else {
                skip(length);
            }
            return new Answer(status, !close);
        }

        private long chunkSize() throws IOException {
            String size = line();
            int extension = size.indexOf(';');
            return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        }

        private void skip(long bytes) throws IOException {
            in.skipNBytes(bytes); // EOFException when the connection ends inside a body
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new IOException("the connection ended inside a response");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection the benchmark no longer needs
            }
        }
    }
}
