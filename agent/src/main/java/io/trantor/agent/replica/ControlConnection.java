package io.trantor.agent.replica;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.AgentMessage;
import io.trantor.protocol.control.AgentServiceGrpc;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.Register;
import io.trantor.protocol.control.watch.Backoff;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's stream to the control plane ({@code AgentService.Connect}): registers first, runs
 * each command on a worker thread and answers it with a CommandResult on the stream it came from.
 * When the stream breaks it reconnects forever, with a {@link Backoff} (100 ms to 1 s), and
 * registers again with a fresh {@link Register} (listing the models still held).
 */
final class ControlConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlConnection.class);
  private static final long HEALTHY_NANOS = Duration.ofSeconds(1).toNanos();

  private final String target;
  private final Supplier<Register> registration;
  private final Function<AgentCommand, CommandResult> commands;
  private final ManagedChannel channel;
  private final ScheduledExecutorService reconnects;
  private final ExecutorService workers;
  private final Object lock = new Object();
  private Session current;
  // At most 1 s between attempts (not the watches' 5 s): a restarted control plane is recovering until
  // its replicas are back, so every second an agent waits is a second of ModelProgressing for its models.
  // A reconnect attempt is one TCP connect; once a second per agent costs a control plane nothing.
  static final java.time.Duration MAX_RECONNECT_DELAY = java.time.Duration.ofSeconds(1);
  private final Backoff backoff = new Backoff(Backoff.FIRST, MAX_RECONNECT_DELAY);
  private boolean closed;

  /**
   * @param registration called at every (re)connect for the Register to send
   * @param commands runs one command (on a worker thread) and says how it went; never throws
   */
  ControlConnection(String target, ChannelCredentials credentials, Supplier<Register> registration,
      Function<AgentCommand, CommandResult> commands) {
    this.target = target;
    this.registration = registration;
    this.commands = commands;
    this.channel = Grpc.newChannelBuilder(target, credentials).build();
    this.reconnects = Executors.newSingleThreadScheduledExecutor(daemon("trantor-agent-connect"));
    this.workers = Executors.newCachedThreadPool(daemon("trantor-agent-command"));
  }

  void start() {
    reconnects.execute(this::connect);
  }

  /** True while a registered stream is open and the channel to the control plane is up. */
  boolean connected() {
    synchronized (lock) {
      return current != null && current.alive && channel.getState(false) == ConnectivityState.READY;
    }
  }

  /** Sends on the current stream; dropped (the next Register tells the truth) when there is none. */
  void send(AgentMessage message) {
    Session session;
    synchronized (lock) {
      session = current;
    }
    if (session == null || !session.send(message)) {
      LOG.debug("Not connected to the control plane; dropped a {}", message.getMessageCase());
    }
  }

  private void connect() {
    Session session;
    synchronized (lock) {
      if (closed) {
        return;
      }
      session = new Session();
      current = session;
    }
    // The channel keeps its own, much longer, reconnect backoff; ours decides when to retry.
    channel.resetConnectBackoff();
    try {
      session.open(AgentServiceGrpc.newStub(channel).connect(session));
      session.send(AgentMessage.newBuilder().setRegister(registration.get()).build());
      LOG.info("Registering with the control plane at {}", target);
    } catch (RuntimeException e) {
      session.onError(e);
    }
  }

  private void ended(Session session, Throwable error) {
    long delay;
    synchronized (lock) {
      if (closed || current != session) {
        return;
      }
      // A stream that lived a while (or carried commands) was a healthy one: start over quickly.
      boolean healthy = session.commandsSeen || System.nanoTime() - session.startedNanos >= HEALTHY_NANOS;
      if (healthy) {
        backoff.reset();
      }
      delay = backoff.nextMillis();
    }
    LOG.info("Control-plane stream to {} ended ({}); reconnecting in {} ms", target,
        error == null ? "closed by the control plane" : Status.fromThrowable(error).getCode(), delay);
    try {
      reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public void close() {
    Session session;
    synchronized (lock) {
      closed = true;
      session = current;
      current = null;
    }
    if (session != null) {
      session.cancel();
    }
    reconnects.shutdownNow();
    workers.shutdownNow();
    channel.shutdownNow();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS) || !workers.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The control-plane connection did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One Connect stream. */
  private final class Session implements StreamObserver<AgentCommand> {
    private StreamObserver<AgentMessage> out;
    private volatile boolean alive = true;
    private volatile boolean commandsSeen;
    private final long startedNanos = System.nanoTime();

    synchronized void open(StreamObserver<AgentMessage> requests) {
      this.out = requests;
    }

    /** False when the stream is gone. */
    synchronized boolean send(AgentMessage message) {
      if (!alive || out == null) {
        return false;
      }
      try {
        out.onNext(message);
        return true;
      } catch (RuntimeException e) {
        LOG.debug("Sending to the control plane failed", e);
        return false;
      }
    }

    synchronized void cancel() {
      alive = false;
      if (out instanceof ClientCallStreamObserver<AgentMessage> call) {
        call.cancel("agent closing", null);
      }
    }

    @Override
    public void onNext(AgentCommand command) {
      commandsSeen = true;
      try {
        workers.execute(() -> {
          CommandResult result = commands.apply(command);
          if (!send(AgentMessage.newBuilder().setResult(result).build())) {
            LOG.info("Command {} finished after its stream ended; the next registration reports the outcome",
                command.getCommandId());
          }
        });
      } catch (RejectedExecutionException e) {
        // closing
      }
    }

    @Override
    public void onError(Throwable error) {
      alive = false;
      ended(this, error);
    }

    @Override
    public void onCompleted() {
      synchronized (this) {
        alive = false;
        if (out != null) {
          try {
            out.onCompleted();
          } catch (RuntimeException e) {
            LOG.debug("Half-closing the ended stream failed", e);
          }
        }
      }
      ended(this, null);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
