package dev.rapport.imap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A TLS socket factory that lets its delegate do all TLS work (trust, host name checks, ciphers)
 * and hands every socket it makes to {@link #made}. Angus layers TLS over a connected plain socket
 * (STARTTLS, or a plain factory's socket) with {@code createSocket(socket, host, port, autoClose)}:
 * that plain socket is first shown to {@link #beforeLayering}, and the TLS socket over it goes to
 * {@link #layered}.
 */
abstract class ForwardingSslSocketFactory extends SSLSocketFactory {

  private final SSLSocketFactory delegate;

  /**
   * @param delegate the factory that does TLS, or {@code null} for the JVM's default
   */
  ForwardingSslSocketFactory(@Nullable SSLSocketFactory delegate) {
    this.delegate = delegate != null ? delegate : (SSLSocketFactory) SSLSocketFactory.getDefault();
  }

  /** Returns what to hand out for a socket the delegate made. */
  abstract Socket made(Socket socket) throws IOException;

  /** Called with the plain socket TLS is about to be layered over. */
  void beforeLayering(Socket plain) throws IOException {}

  /**
   * Returns what to hand out for a TLS socket layered over a plain one; by default {@link #made}'s
   * answer.
   */
  Socket layered(Socket tls) throws IOException {
    return made(tls);
  }

  @Override
  public final String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public final String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public final Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws IOException {
    beforeLayering(s);
    return layered(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public final Socket createSocket() throws IOException {
    return made(delegate.createSocket());
  }

  @Override
  public final Socket createSocket(String host, int port) throws IOException {
    return made(delegate.createSocket(host, port));
  }

  @Override
  public final Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return made(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public final Socket createSocket(InetAddress host, int port) throws IOException {
    return made(delegate.createSocket(host, port));
  }

  @Override
  public final Socket createSocket(
      InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return made(delegate.createSocket(address, port, localAddress, localPort));
  }
}
