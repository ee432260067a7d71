package cores.accounts;

import cores.api.auth.AuthenticationProvider;
import cores.api.auth.AuthenticationUnavailableException;
import cores.api.auth.Identity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A provider of our own SPI whose answers the test decides; it records when it was asked. */
final class FakeProvider implements AuthenticationProvider {
  private static final AtomicLong TICKS = new AtomicLong();

  interface Answer {
    Optional<Identity> answer(String username, char[] password)
        throws AuthenticationUnavailableException;
  }

  final List<Long> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final String name;
  private final Answer answer;

  FakeProvider(String name, Answer answer) {
    this.name = name;
    this.answer = answer;
  }

  static FakeProvider accepting(String name, String username) {
    return with(name, Identity.of(name, username));
  }

  static FakeProvider with(String name, Identity identity) {
    return new FakeProvider(name, (u, p) -> Optional.of(identity));
  }

  static FakeProvider refusing(String name) {
    return new FakeProvider(name, (u, p) -> Optional.empty());
  }

  static FakeProvider down(String name) {
    return new FakeProvider(
        name,
        (u, p) -> {
          throw new AuthenticationUnavailableException("connection refused");
        });
  }

  static FakeProvider checking(String name, String username, String password) {
    return new FakeProvider(
        name,
        (u, p) ->
            u.equalsIgnoreCase(username) && password.equals(new String(p))
                ? Optional.of(Identity.of(name, username))
                : Optional.empty());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Identity> authenticate(String username, char[] password)
      throws AuthenticationUnavailableException {
    calls.add(TICKS.incrementAndGet());
    return answer.answer(username, password);
  }
}
