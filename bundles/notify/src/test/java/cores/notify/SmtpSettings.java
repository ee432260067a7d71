package cores.notify;

import cores.notify.smtp.SmtpConfig;
import java.lang.annotation.Annotation;

/** The SMTP channel's configuration for a local test server, as Config Admin would pass it. */
record SmtpSettings(int portNumber, long idleCloseMillis) implements SmtpConfig {

  @Override
  public Class<? extends Annotation> annotationType() {
    return SmtpConfig.class;
  }

  @Override
  public String port() {
    return Integer.toString(portNumber);
  }

  @Override
  public String server() {
    return "127.0.0.1";
  }

  @Override
  public String from() {
    return "cores@example.org";
  }

  @Override
  public String user() {
    return "";
  }

  @Override
  public String password() {
    return "";
  }

  @Override
  public String starttls() {
    return "False";
  }

  @Override
  public String ssl() {
    return "False";
  }

  @Override
  public int timeoutMillis() {
    return 10_000;
  }
}
