package dev.rapport.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The host's loop: reads a frame, answers it, until standard input closes (Thunderbird closes it
 * when the add-on's port disconnects). Every frame gets exactly one reply, in order; a frame that
 * is too large, not JSON or of an unknown type gets an error reply and the loop goes on. Only
 * frames are written to {@code out}. Not thread-safe: one loop per pair of streams.
 */
final class BridgeHost {

  /** The largest request read: a 25 MB draft, JSON-escaped, with room for the other fields. */
  static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

  private final RequestHandler handler;
  private final int maxRequestBytes;
  private final int maxReplyBytes;
  private final Logger log;

  BridgeHost(RequestHandler handler, int maxRequestBytes, int maxReplyBytes, Logger log) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.maxRequestBytes = maxRequestBytes;
    this.maxReplyBytes = Math.min(maxReplyBytes, FrameWriter.MAX_REPLY_BYTES);
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * Serves requests until the input ends.
   *
   * @return 0 when the input ended between frames, 1 when it ended inside one or the output broke
   */
  int serve(InputStream in, OutputStream out) {
    FrameReader reader = new FrameReader(in, maxRequestBytes);
    FrameWriter writer = new FrameWriter(out);
    int served = 0;
    try {
      while (true) {
        FrameReader.Result next = reader.next();
        ObjectNode reply;
        if (next instanceof FrameReader.End) {
          boolean torn = ((FrameReader.End) next).midFrame();
          int count = served;
          log.info(
              () ->
                  "input closed"
                      + (torn ? " inside a frame" : "")
                      + "; served "
                      + count
                      + " requests");
          return torn ? 1 : 0;
        } else if (next instanceof FrameReader.Oversized) {
          long length = ((FrameReader.Oversized) next).length();
          log.warning(() -> "refused a request of " + length + " bytes");
          reply =
              RequestHandler.error(
                  null,
                  "too-large",
                  "the request of "
                      + length
                      + " bytes is over the host's limit of "
                      + maxRequestBytes
                      + " bytes");
        } else {
          byte[] payload = ((FrameReader.Frame) next).payload();
          long t0 = System.nanoTime();
          reply = handler.handle(payload);
          long micros = (System.nanoTime() - t0) / 1000;
          ObjectNode r = reply;
          log.fine(
              () ->
                  "answered "
                      + r.path("type").asText()
                      + " ("
                      + payload.length
                      + " bytes in) in "
                      + micros
                      + " µs");
          if ("error".equals(reply.path("type").asText())) {
            log.warning(
                () -> "error reply " + r.path("code").asText() + ": " + r.path("error").asText());
          }
        }
        writer.write(Replies.encode(reply, maxReplyBytes));
        served++;
      }
    } catch (IOException e) {
      log.log(Level.WARNING, "the pipe to Thunderbird broke: " + e.getMessage());
      return 1;
    }
  }
}
