package cores.notify.smtp;

import jakarta.activation.ActivationDataFlavor;
import jakarta.activation.CommandInfo;
import jakarta.activation.CommandMap;
import jakarta.activation.DataContentHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message's multipart content without Jakarta Activation's mailcap lookup. That lookup
 * goes through the thread context class loader and {@code META-INF/mailcap} resources, which in
 * OSGi are invisible across bundles: inside the platform it found no handler for {@code
 * multipart/alternative} and every send failed with "IOException while sending message". The body
 * parts themselves are byte data sources and need no handler.
 */
final class MultipartCommandMap extends CommandMap {
  static final MultipartCommandMap INSTANCE = new MultipartCommandMap();

  private static final CommandInfo[] NONE = new CommandInfo[0];

  @Override
  public CommandInfo[] getPreferredCommands(String mimeType) {
    return NONE;
  }

  @Override
  public CommandInfo[] getAllCommands(String mimeType) {
    return NONE;
  }

  @Override
  public CommandInfo getCommand(String mimeType, String cmdName) {
    return null;
  }

  @Override
  public DataContentHandler createDataContentHandler(String mimeType) {
    return mimeType != null && mimeType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
        ? new MultipartHandler()
        : null;
  }

  private static final class MultipartHandler implements DataContentHandler {
    @Override
    public ActivationDataFlavor[] getTransferDataFlavors() {
      return new ActivationDataFlavor[0];
    }

    @Override
    public Object getTransferData(ActivationDataFlavor df, DataSource ds) {
      return null;
    }

    @Override
    public Object getContent(DataSource ds) {
      return null;
    }

    @Override
    public void writeTo(Object obj, String mimeType, OutputStream os) throws IOException {
      if (!(obj instanceof Multipart multipart)) {
        throw new IOException("not a multipart: " + obj.getClass().getName());
      }
      try {
        multipart.writeTo(os);
      } catch (MessagingException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }
}
