package io.jenkins.plugins.seldon.client.http;

/**
 * How much of an answer the client reads before refusing it, so that no server (or anyone in between) can exhaust the
 * controller's memory. Each limit can be raised with a system property (see {@link #fromSystemProperties()}).
 *
 * @param api answers of the Seldon API; generous, since a list of a large namespace is one answer (10,000
 *     SeldonDeployments of about 3.4 KB each are 34 MB)
 * @param provider answers of the OIDC provider (discovery documents and tokens), which are a few kilobytes
 */
public record AnswerLimits(Limit api, Limit provider) {

    /** The bytes read from one answer at most, and the system property that raises it, for messages. */
    public record Limit(long bytes, String property) {
        public Limit {
            if (bytes <= 0) {
                throw new IllegalArgumentException("A limit must be positive: " + bytes);
            }
        }
    }

    public static final String API_PROPERTY = "io.jenkins.plugins.seldon.maxApiAnswerBytes";
    public static final String PROVIDER_PROPERTY = "io.jenkins.plugins.seldon.maxProviderAnswerBytes";
    public static final long DEFAULT_API_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_PROVIDER_BYTES = 1024L * 1024;

    /** The defaults, or what the system properties {@value #API_PROPERTY} and {@value #PROVIDER_PROPERTY} say. */
    public static AnswerLimits fromSystemProperties() {
        return new AnswerLimits(new Limit(positive(API_PROPERTY, DEFAULT_API_BYTES), API_PROPERTY),
                new Limit(positive(PROVIDER_PROPERTY, DEFAULT_PROVIDER_BYTES), PROVIDER_PROPERTY));
    }

    /** Limits of the given sizes, e.g. for tests. */
    public static AnswerLimits of(long apiBytes, long providerBytes) {
        return new AnswerLimits(new Limit(apiBytes, API_PROPERTY), new Limit(providerBytes, PROVIDER_PROPERTY));
    }

    static long positive(String property, long fallback) {
        Long value = Long.getLong(property);
        return value == null || value <= 0 ? fallback : value;
    }

    /** {@code 64 MiB}, {@code 1 MiB}, {@code 512 bytes}: limits as people read them. */
    public static String describe(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
