package dev.rapport.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A host started as Thunderbird starts one: a separate process on real pipes. */
final class HostProcess implements AutoCloseable {
  final Process process;
  private final OutputStream toHost;
  private final InputStream fromHost;

  HostProcess(List<String> command, Map<String, String> env, Path stderr) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    pb.environment().putAll(env);
    process = pb.start();
    toHost = process.getOutputStream();
    fromHost = process.getInputStream();
  }

  static List<String> javaCommand(String... rest) {
    List<String> c = new java.util.ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(Installer.jvmOptions());
    c.addAll(List.of(rest));
    return c;
  }

  void send(byte[] payload) throws IOException {
    toHost.write(
        ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(payload.length).array());
    toHost.write(payload);
    toHost.flush();
  }

  void send(String json) throws IOException {
    send(json.getBytes(StandardCharsets.UTF_8));
  }

  void sendRaw(byte[] bytes) throws IOException {
    toHost.write(bytes);
    toHost.flush();
  }

  /** Reads one reply frame; null if the host closed its output. */
  byte[] receive() throws IOException {
    byte[] header = fromHost.readNBytes(4);
    if (header.length < 4) {
      return null;
    }
    int n = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt();
    return fromHost.readNBytes(n);
  }

  /**
   * Closes the host's stdin and waits for it to exit; returns the exit code, or -1 if it did not.
   */
  int closeAndWait(long seconds) throws IOException, InterruptedException {
    toHost.close();
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  byte[] rest() throws IOException {
    return fromHost.readAllBytes();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
