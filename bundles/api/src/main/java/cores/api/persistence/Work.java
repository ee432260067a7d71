package cores.api.persistence;

import jakarta.persistence.EntityManager;

/** A unit of work against the database. */
@FunctionalInterface
public interface Work<T> {
  T run(EntityManager em) throws Exception;
}
