package cores.persistence;

import cores.api.changes.Actor;
import cores.api.persistence.Transactions;
import cores.api.persistence.Work;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Transactions of one persistence unit. Each outermost call gets its own EntityManager and
 * transaction; calls made from inside the work on the same thread join it. A read-write transaction
 * first tells the change log's trigger who acts (transaction-local settings, gone at its end).
 */
public final class UnitTransactions implements Transactions {

  private final EntityManagerFactory factory;

  /** The EntityManager of the transaction this thread is in, for this unit only. */
  private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

  /**
   * The user acting on this thread (the change log's binding), asked per read-write transaction.
   */
  private final Supplier<Optional<Actor>> acting;

  public UnitTransactions(EntityManagerFactory factory, Supplier<Optional<Actor>> acting) {
    this.factory = factory;
    this.acting = acting;
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

  private <T> T run(Work<T> work, boolean readOnly) {
    EntityManager joined = current.get();
    if (joined != null) {
      return join(joined, work);
    }
    // resolved before a connection is taken: finding an impersonator is a query of its own
    Optional<Actor> actor = readOnly ? Optional.empty() : acting.get();
    EntityManager em = factory.createEntityManager();
    current.set(em);
    EntityTransaction transaction = em.getTransaction();
    try {
      transaction.begin();
      if (readOnly) {
        // Must be the transaction's first statement; EclipseLink begins the database
        // transaction for it, and later queries of this EntityManager use that connection.
        em.createNativeQuery("SET TRANSACTION READ ONLY").executeUpdate();
      }
      actor.ifPresent(a -> actAs(em, a));
      T result = work.run(em);
      transaction.commit();
      return result;
    } catch (RuntimeException | Error e) {
      rollback(transaction, e);
      throw e;
    } catch (Exception e) {
      rollback(transaction, e);
      throw new PersistenceException(e);
    } finally {
      current.remove();
      em.close();
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
