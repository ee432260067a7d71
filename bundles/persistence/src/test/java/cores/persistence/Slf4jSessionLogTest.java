package cores.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.persistence.logging.SessionLog;
import org.junit.jupiter.api.Test;

class Slf4jSessionLogTest {

  @Test
  void aCategoryLevelQuietsOnlyThatCategory() {
    Slf4jSessionLog log = new Slf4jSessionLog();
    assertTrue(log.shouldLog(SessionLog.WARNING, SessionLog.METAMODEL));
    log.setLevel(SessionLog.SEVERE, SessionLog.METAMODEL);
    assertFalse(log.shouldLog(SessionLog.WARNING, SessionLog.METAMODEL));
    assertTrue(log.shouldLog(SessionLog.SEVERE, SessionLog.METAMODEL));
    assertTrue(log.shouldLog(SessionLog.WARNING, SessionLog.SQL));
  }
}
