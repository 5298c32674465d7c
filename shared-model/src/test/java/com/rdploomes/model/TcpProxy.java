package com.rdploomes.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port in front of the real broker, so a test can take the broker away from one
 * application without touching the shared RabbitMQ other tests use. {@link #cut()} is an outage as the
 * application sees it: every open connection is closed and new ones are refused (the port stops listening);
 * {@link #freeze()} is a broker that stops answering: connections stay open but every byte is dropped, so a
 * publish is never confirmed; {@link #restore()} is the broker coming back on the same port (connections
 * that lost bytes while frozen are closed first, as the broker would have dropped them).
 *
 * <p>Plain blocking sockets on virtual threads: two pumps per connection, nothing to configure.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket listener;
    private volatile boolean frozen;

    private TcpProxy(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** Listens on a free loopback port and forwards every connection to host:port. */
    public static TcpProxy to(String host, int port) {
        TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), freePort());
        proxy.restore();
        return proxy;
    }

    /** A proxy in front of the test broker. */
    public static TcpProxy toBroker() {
        TestBroker broker = TestBroker.get();
        return to(broker.host(), broker.port());
    }

    public int port() {
        return port;
    }

    /** Spring Boot properties that point an application at the broker through this proxy. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new HashMap<>(TestBroker.get().springProperties());
        properties.put("spring.rabbitmq.host", "127.0.0.1");
        properties.put("spring.rabbitmq.port", Integer.toString(port));
        return properties;
    }

    /** Environment variables that point a service process at the broker through this proxy. */
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(TestBroker.get().environment());
        environment.put("RABBITMQ_HOST", "127.0.0.1");
        environment.put("RABBITMQ_PORT", Integer.toString(port));
        return environment;
    }

    /** How many client connections the proxy has accepted since it started (reconnects show here). */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections open through the proxy right now. */
    public int openConnections() {
        return open.size() / 2;
    }

    public boolean isCut() {
        return listener == null;
    }

    /** The broker goes away: close every connection, stop listening so new ones are refused. */
    public synchronized void cut() {
        ServerSocket current = listener;
        listener = null;
        closeQuietly(current);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** The broker stops answering: connections stay open, bytes go nowhere in either direction. */
    public void freeze() {
        frozen = true;
    }

    /** The broker is back, on the same port. */
    public synchronized void restore() {
        if (frozen) {
            // the AMQP streams lost bytes: no client could go on with them
            open.forEach(TcpProxy::closeQuietly);
            open.clear();
            frozen = false;
        }
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            // the port's closed connections may sit in TIME_WAIT; they must not stop the rebind
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = socket;
            Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> acceptLoop(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // cut() closed the listener
            }
            accepted.incrementAndGet();
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        if (isCut()) { // cut() ran between accept and here
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!frozen) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (SocketException closed) {
            // one side went away, or cut() closed it
        } catch (IOException e) {
            // same: the pair is done either way
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort: the socket is unusable afterwards anyway
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
