package com.leadhandoff.intake;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of work in its own transaction and runs it again, a few times with a short random
 * pause, when it lost a race: a unique key another request claimed first, a row lock that timed
 * out, a deadlock, or an optimistic-locking conflict in the engine. Any other failure is not a
 * race and is not retried. The second run sees what the
 * winner committed, so callers get an answer instead of an error.
 */
@Component
public class Retries {

  static final int ATTEMPTS = 10;

  private final TransactionTemplate transaction;

  public Retries(TransactionTemplate transaction) {
    this.transaction = transaction;
  }

  public <T> T inTransaction(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (RuntimeException failure) {
        if (attempt >= ATTEMPTS || !lostARace(failure)) {
          throw failure;
        }
        pause(attempt);
      }
    }
  }

  static boolean lostARace(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DuplicateKeyException || cause instanceof TransientDataAccessException
          || cause instanceof OptimisticLockingException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().equals("23505") || sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while retrying", interrupted);
    }
  }
}
