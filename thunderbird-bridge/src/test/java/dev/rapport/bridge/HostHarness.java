package dev.rapport.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link BridgeHost} on its own thread behind a pair of pipes, as Thunderbird talks to it.
 */
final class HostHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final PipedOutputStream toHost = new PipedOutputStream();
  private final PipedInputStream fromHost = new PipedInputStream(2 * 1024 * 1024);
  private final CompletableFuture<Integer> exit;

  HostHarness(BridgeHost host) throws IOException {
    PipedInputStream hostIn = new PipedInputStream(toHost, 1024 * 1024);
    PipedOutputStream hostOut = new PipedOutputStream(fromHost);
    exit =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = hostIn;
                  OutputStream out = hostOut) {
                return host.serve(in, out);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  void send(String json) throws IOException {
    sendRaw(frame(json.getBytes(StandardCharsets.UTF_8)));
  }

  void sendRaw(byte[] bytes) throws IOException {
    toHost.write(bytes);
    toHost.flush();
  }

  JsonNode receive() throws IOException {
    byte[] header = fromHost.readNBytes(4);
    if (header.length < 4) {
      throw new IOException("the host closed its output");
    }
    int length = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt();
    return JSON.readTree(fromHost.readNBytes(length));
  }

  /** Closes the host's input and returns its exit code. */
  int closeInput() throws Exception {
    toHost.close();
    return exit.get(10, TimeUnit.SECONDS);
  }

  /** Returns whether the host wrote anything that has not been read. */
  boolean hostOutputIsDrained() throws IOException {
    return fromHost.read() < 0;
  }

  @Override
  public void close() throws IOException {
    toHost.close();
  }

  static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length)
        .order(ByteOrder.nativeOrder())
        .putInt(payload.length)
        .put(payload)
        .array();
  }

  static String lint(int id, String to, String subject, String plainBody) {
    var r = JSON.createObjectNode().put("id", id).put("type", "lint");
    var d = r.putObject("draft");
    d.putArray("to").add(to);
    d.put("subject", subject).put("isPlainText", true).put("plainTextBody", plainBody);
    d.put("body", "<html><body>" + plainBody.replace("\n", "<br>") + "</body></html>");
    return r.toString();
  }
}
