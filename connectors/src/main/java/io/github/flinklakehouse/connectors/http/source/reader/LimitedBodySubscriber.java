package io.github.flinklakehouse.connectors.http.source.reader;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a response body as text (in the charset its {@code Content-Type} names, UTF-8 by default) up to a byte limit:
 * a body whose {@code Content-Length} exceeds it is refused before its first byte, one without a length as soon as
 * the bytes received exceed it; then the subscription is cancelled (the connection is dropped) and the body completes
 * with {@link TooLarge}.
 */
final class LimitedBodySubscriber implements BodySubscriber<String> {

    /** The body exceeded the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private final long maxBytes;
    private final long declaredLength;
    private final Charset charset;
    private final BodySubscriber<byte[]> bytes = BodySubscribers.ofByteArray();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    private LimitedBodySubscriber(long maxBytes, long declaredLength, Charset charset) {
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.charset = charset;
        bytes.getBody().whenComplete((content, error) -> {
            if (error != null) {
                body.completeExceptionally(error);
            } else {
                body.complete(new String(content, charset));
            }
        });
    }

    /** A body handler reading at most {@code maxBytes} bytes of each response. */
    static HttpResponse.BodyHandler<String> handler(long maxBytes) {
        return info -> new LimitedBodySubscriber(maxBytes,
                info.headers().firstValueAsLong("Content-Length").orElse(-1L),
                charsetOf(info.headers().firstValue("Content-Type").orElse("")));
    }

    static Charset charsetOf(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException unknown) {
                // An unknown charset name: read the bytes as UTF-8, the APIs' encoding.
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLength > maxBytes) {
            subscription.cancel();
            body.completeExceptionally(new TooLarge("body of " + declaredLength + " bytes (Content-Length) is larger "
                    + "than the limit of " + maxBytes + " bytes"));
            return;
        }
        bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > maxBytes) {
            subscription.cancel();
            body.completeExceptionally(new TooLarge("body is larger than the limit of " + maxBytes + " bytes ("
                    + received + " bytes received, no Content-Length announced it)"));
            return;
        }
        bytes.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
        bytes.onError(error);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}
