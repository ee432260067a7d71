package cores.itests;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Bodies read as strings, as {@link HttpResponse.BodyHandlers#ofString()}, but a body that ends
 * short (the connection closed mid-body: "chunked transfer encoding, state: READING_DATA") fails
 * saying what came of it: the request, the status and headers, the bytes of the body received and
 * how long after the headers. The JDK's message said none of it. Nothing is retried: an answer cut
 * off is a failure to look into (Cores logs a warning naming the request, "cut off").
 */
final class ShortBodies {
  private ShortBodies() {}

  /** The body of the answer to {@code request} as a string (UTF-8). */
  static HttpResponse.BodyHandler<String> ofString(HttpRequest request) {
    return info -> new Counted(request, info);
  }

  private static final class Counted implements HttpResponse.BodySubscriber<String> {
    private final HttpResponse.BodySubscriber<String> whole =
        HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    private final HttpRequest request;
    private final HttpResponse.ResponseInfo info;
    private final long headersAt = System.nanoTime();
    private long received;

    Counted(HttpRequest request, HttpResponse.ResponseInfo info) {
      this.request = request;
      this.info = info;
    }

    @Override
    public CompletionStage<String> getBody() {
      return whole.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      whole.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      for (ByteBuffer buffer : item) {
        received += buffer.remaining();
      }
      whole.onNext(item);
    }

    @Override
    public void onError(Throwable failure) {
      whole.onError(
          new IOException(
              request.method()
                  + " "
                  + request.uri()
                  + ": the answer "
                  + info.statusCode()
                  + " ended after "
                  + received
                  + " bytes of its body, "
                  + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headersAt)
                  + " ms after its headers "
                  + info.headers().map(),
              failure));
    }

    @Override
    public void onComplete() {
      whole.onComplete();
    }
  }
}
