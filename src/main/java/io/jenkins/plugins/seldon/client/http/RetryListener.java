package io.jenkins.plugins.seldon.client.http;

import java.time.Duration;
import java.util.Locale;

/**
 * Told about each retry before the client waits for it, so that a build log can show why a step takes longer.
 * Called on the client's threads; must not block.
 */
@FunctionalInterface
public interface RetryListener {

    /** Ignores retries. */
    RetryListener NONE = retry -> {};

    void retrying(Retry retry);

    /**
     * One retry about to happen.
     *
     * @param what who failed, e.g. {@code the Seldon API}
     * @param where {@code METHOD url} without query
     * @param reason why the attempt failed, e.g. {@code answered HTTP 503}
     * @param attempt the number of the attempt about to be made (2 for the first retry)
     * @param maxAttempts the attempts the client makes at most
     * @param delay how long the client waits before it
     */
    record Retry(String what, String where, String reason, int attempt, int maxAttempts, Duration delay) {

        /** One line for a build log. */
        public String message() {
            return HttpCalls.capitalise(what) + " " + reason + " (" + where + "); retrying in "
                    + String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0) + " s (attempt " + attempt + " of "
                    + maxAttempts + ")";
        }
    }
}
