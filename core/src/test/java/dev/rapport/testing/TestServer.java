package dev.rapport.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server for tests that is also a JUnit 5 extension: registered on a {@code static} field it runs
 * once for the class, on an instance field once per test; or used as a plain {@link AutoCloseable}
 * ({@link #start()}, then {@link #close()}).
 */
public abstract class TestServer
    implements AutoCloseable,
        BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback {

  private boolean startedForClass;
  private boolean startedForTest;

  /** Starts the server; returns once it accepts connections. */
  public abstract TestServer start();

  /** Stops the server for good and frees what it holds. */
  @Override
  public abstract void close();

  @Override
  public void beforeAll(ExtensionContext context) {
    startedForClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (startedForClass) {
      close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!startedForClass) {
      startedForTest = true;
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (startedForTest) {
      close();
    }
  }
}
