package cores.persistence;

import cores.api.changes.Actor;
import cores.api.persistence.ConnectionWork;
import cores.api.persistence.Signals;
import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Transactions of one persistence unit. Each outermost call gets its own EntityManager and
 * transaction; calls made from inside the work on the same thread join it. A read-write transaction
 * first tells the change log's trigger who acts (transaction-local settings, gone at its end).
 * Autocommit work takes a connection of the unit's data source directly, without EclipseLink.
 */
public final class UnitTransactions implements Transactions {

  private final EntityManagerFactory factory;

  /** The pool the unit's EntityManagers take their connections from, for autocommit work. */
  private final DataSource dataSource;

  /** The EntityManager of the transaction this thread is in, for this unit only. */
  private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

  /**
   * The user acting on this thread (the change log's binding), asked per read-write transaction.
   */
  private final Supplier<Optional<Actor>> acting;

  /** Told after each read-write transaction committed (the unit's own {@link Signals}). */
  private final Runnable committed;

  /** The database by host and port, for the one line of a failure to reach it. */
  private final String database;

  public UnitTransactions(
      EntityManagerFactory factory,
      DataSource dataSource,
      Supplier<Optional<Actor>> acting,
      Runnable committed) {
    this.factory = factory;
    this.dataSource = dataSource;
    this.acting = acting;
    this.committed = committed;
    this.database = DatabaseFailures.address(dataSource);
  }

  @Override
  public <T> T required(Work<T> work) {
    return run(work, false);
  }

  /**
   * Runs the work in a transaction that PostgreSQL refuses to write in. Inside a read-write
   * transaction it joins that one, which cannot become read-only half way.
   */
  @Override
  public <T> T readOnly(Work<T> work) {
    return run(work, true);
  }

  @Override
  public <T> T autocommit(ConnectionWork<T> work) {
    EntityManager joined = current.get();
    if (joined != null) {
      return join(joined, em -> work.run(em.unwrap(Connection.class)));
    }
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw outage(new PersistenceException(e));
    } catch (RuntimeException e) {
      throw outage(e);
    }
  }

  private <T> T run(Work<T> work, boolean readOnly) {
    EntityManager joined = current.get();
    if (joined != null) {
      return join(joined, work);
    }
    // resolved before a connection is taken: finding an impersonator is a query of its own
    Optional<Actor> actor = readOnly ? Optional.empty() : acting.get();
    EntityManager em;
    try {
      em = factory.createEntityManager();
    } catch (RuntimeException e) {
      // the first one logs the unit in to the database
      throw outage(e);
    }
    current.set(em);
    EntityTransaction transaction = em.getTransaction();
    try {
      transaction.begin();
      readOnly(em, readOnly);
      actor.ifPresent(a -> actAs(em, a));
      T result = work.run(em);
      transaction.commit();
      if (!readOnly) {
        committed.run();
      }
      return result;
    } catch (RuntimeException e) {
      rollback(transaction, e);
      throw outage(e);
    } catch (Error e) {
      rollback(transaction, e);
      throw e;
    } catch (Exception e) {
      rollback(transaction, e);
      throw outage(new PersistenceException(e));
    } finally {
      current.remove();
      em.close();
    }
  }

  /** A failure to reach the database as the one-line exception callers log; others as they are. */
  private RuntimeException outage(RuntimeException e) {
    return DatabaseFailures.unavailable(e, database).<RuntimeException>map(u -> u).orElse(e);
  }

  /**
   * The connection's read-only flag makes the driver open the transaction with {@code BEGIN READ
   * ONLY}, sent together with the first statement: no round trip of its own, as {@code SET
   * TRANSACTION READ ONLY} was. Taking the connection here makes EclipseLink begin the database
   * transaction on it, and the work's queries use it. The flag is set on read-write transactions
   * too: the production pool (Hikari) resets it when a connection comes back, but EclipseLink's own
   * pool (the tests') hands a connection on as it was.
   */
  private static void readOnly(EntityManager em, boolean readOnly) {
    try {
      em.unwrap(Connection.class).setReadOnly(readOnly);
    } catch (SQLException e) {
      throw new PersistenceException(e);
    }
  }

  private static void actAs(EntityManager em, Actor actor) {
    em.createNativeQuery(
            "SELECT set_config('cores.user_id', ?1, true), set_config('cores.username', ?2, true),"
                + " set_config('cores.impersonator_id', ?3, true),"
                + " set_config('cores.impersonator', ?4, true)")
        .setParameter(1, String.valueOf(actor.userId()))
        .setParameter(2, actor.username())
        .setParameter(3, actor.impersonatorId() == null ? "" : actor.impersonatorId().toString())
        .setParameter(4, actor.impersonator() == null ? "" : actor.impersonator())
        .getSingleResult();
  }

  /** Rolls back what is still open without hiding the failure that caused it. */
  private static void rollback(EntityTransaction transaction, Throwable cause) {
    try {
      if (transaction.isActive()) {
        transaction.rollback();
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Nested work: a failure dooms the outer transaction even if the outer work catches it. */
  private static <T> T join(EntityManager em, Work<T> work) {
    boolean completed = false;
    try {
      T result = work.run(em);
      completed = true;
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new PersistenceException(e);
    } finally {
      if (!completed) {
        em.getTransaction().setRollbackOnly();
      }
    }
  }
}
