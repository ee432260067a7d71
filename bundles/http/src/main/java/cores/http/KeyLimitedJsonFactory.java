package cores.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * JSON parsers that stop at an object's {@value #MAX_KEYS}th key. No body of the API has nearly as
 * many fields, and its answer names only the first {@code ProblemException.LISTED} unknown ones:
 * without the limit a 10 MiB body of unknown keys is parsed into a map to its end (about half a
 * second of CPU) only to be refused. Stopping there, it costs what its first keys cost.
 */
final class KeyLimitedJsonFactory extends JsonFactory {
  static final int MAX_KEYS = 1000;

  private static final long serialVersionUID = 1L;

  KeyLimitedJsonFactory() {
    super();
  }

  private KeyLimitedJsonFactory(KeyLimitedJsonFactory source, ObjectCodec codec) {
    super(source, codec);
  }

  @Override
  public JsonFactory copy() {
    return new KeyLimitedJsonFactory(this, null);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
    return new Limited(super._createParser(in, context));
  }

  @Override
  protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
    return new Limited(super._createParser(reader, context));
  }

  @Override
  protected JsonParser _createParser(
      char[] data, int offset, int length, IOContext context, boolean recyclable)
      throws IOException {
    return new Limited(super._createParser(data, offset, length, context, recyclable));
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
      throws IOException {
    return new Limited(super._createParser(data, offset, length, context));
  }

  @Override
  protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
    return new Limited(super._createParser(input, context));
  }

  /**
   * Checks the object being read after each step. The other ways to step on (next field name, next
   * text value and so on) go through {@link #nextToken()}.
   */
  private static final class Limited extends JsonParserDelegate {
    Limited(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      return checked(super.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
      return checked(super.nextValue());
    }

    private JsonToken checked(JsonToken token) throws IOException {
      // an object's context counts its entries from 0: the index is that of the key just read
      JsonStreamContext object = delegate.getParsingContext();
      if (object != null && object.inObject() && object.getCurrentIndex() >= MAX_KEYS) {
        throw new StreamConstraintsException(
            "an object has more than "
                + String.format("%,d", MAX_KEYS)
                + " keys (stopped at \""
                + object.getCurrentName()
                + "\")",
            delegate.currentLocation());
      }
      return token;
    }
  }
}
