package cores.api.notify;

/** A notification could not be delivered. */
public class DeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
