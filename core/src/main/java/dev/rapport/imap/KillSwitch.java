package dev.rapport.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the TCP sockets of one IMAP connection so that another thread can cut it at once.
 *
 * <p>Why: a thread blocked in Angus's {@code IMAPFolder.idle()} ignores read timeouts, and any
 * other thread that asks the folder for something waits for that IDLE to end, which on a connection
 * a NAT silently dropped is never. Closing the socket underneath is the one thing that always
 * unblocks both: the reader gets an I/O error at once. Angus creates its sockets through the
 * factories given as {@code mail.imap[s].socketFactory} and {@code ssl.socketFactory}; the ones
 * returned here register the plain socket before TLS is layered on it.
 *
 * <p>Thread-safe. Once tripped, it stays tripped: a socket created afterwards is closed at once.
 */
final class KillSwitch {
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean tripped;

  /** Whether {@link #trip()} was called. */
  boolean tripped() {
    return tripped;
  }

  /**
   * Closes every socket of the connection with a reset, so blocked readers and writers fail now.
   */
  void trip() {
    tripped = true;
    for (Socket s : sockets) {
      abort(s);
    }
    sockets.clear();
  }

  private Socket register(Socket s) {
    sockets.add(s);
    if (tripped) {
      abort(s);
    }
    return s;
  }

  private static void abort(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (SocketException | RuntimeException e) {
      // Not connected yet or already closed: close() below is all that is left.
    }
    try {
      s.close();
    } catch (IOException | RuntimeException e) {
      // Already closed.
    }
  }

  /** The factory for plain sockets (Angus connects them itself, then may start TLS on them). */
  SocketFactory plain() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return register(new Socket());
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
          throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localHost, localPort));
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new java.net.InetSocketAddress(host, port));
        return s;
      }

      @Override
      public Socket createSocket(
          InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        Socket s = createSocket();
        s.bind(new java.net.InetSocketAddress(localAddress, localPort));
        s.connect(new java.net.InetSocketAddress(address, port));
        return s;
      }
    };
  }

  /**
   * The TLS factory: Angus layers TLS over a connected plain socket with {@code
   * createSocket(socket, host, port, true)}; that plain socket is registered, and the TLS work is
   * the delegate's, so trust and host name checks stay exactly as configured.
   *
   * @param delegate the factory that does TLS, or {@code null} for the JVM's default
   */
  SSLSocketFactory tls(@Nullable SSLSocketFactory delegate) {
    return new ForwardingSslSocketFactory(delegate) {
      @Override
      Socket made(Socket s) {
        return register(s);
      }

      @Override
      void beforeLayering(Socket plain) {
        register(plain);
      }

      @Override
      Socket layered(Socket tls) {
        return tls;
      }
    };
  }
}
