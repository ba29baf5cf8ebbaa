package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers larger than the client reads: refused with a typed error naming the server, the limit and the system
 * property, after reading at most the limit; never an OutOfMemoryError, never a caller waiting for good.
 */
class AnswerLimitsTest {

    private static final String IRIS = "/seldon-deploy/api/v1alpha1/namespaces/staging/seldondeployments/iris";
    // Far more than a test JVM's heap: only a client that stops reading at its limit gets through.
    private static final Duration GUARD = Duration.ofSeconds(90);

    private final LocalHttpServer server = LocalHttpServer.http();
    private final AtomicLong written = new AtomicLong();

    private final RequestAuthenticator fixedToken = new RequestAuthenticator() {
        @Override
        public AuthHeader authenticate() {
            return AuthHeader.bearer(SecretText.of("token"), null);
        }

        @Override
        public void invalidate(AuthHeader rejected) {
        }

        @Override
        public String describe() {
            return "test";
        }
    };

    @AfterEach
    void stop() {
        server.close();
    }

    private void endless(String path) {
        server.on(path, (ex, r) -> written.set(TestHttp.endlessJson(ex)));
    }

    @Test
    void anEndlessApiAnswerIsRefusedAtTheDefaultLimit() {
        endless(IRIS);
        SeldonClient client = new SeldonClient(new ServerSettings(server.url()), fixedToken, TestHttp.factory());
        AnswerTooLargeException e = assertTimeoutPreemptively(GUARD, () -> assertThrows(AnswerTooLargeException.class,
                () -> client.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        assertEquals(AnswerLimits.DEFAULT_API_BYTES, e.limitBytes());
        assertEquals("io.jenkins.plugins.seldon.maxApiAnswerBytes", e.property());
        assertTrue(e.getMessage().startsWith("The answer of the Seldon API to GET " + server.url() + IRIS
                + " is larger than 64 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("system property io.jenkins.plugins.seldon.maxApiAnswerBytes"),
                e.getMessage());
        // Not retried: the same answer would come again.
        assertEquals(1, server.hits(IRIS));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() {
        server.on(IRIS, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"" + "x".repeat(2000) + "\"}}"));
        SeldonClient client = new SeldonClient(new ServerSettings(server.url()), fixedToken,
                TestHttp.factory(AnswerLimits.of(1000, 1000)));
        AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class,
                () -> client.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertTrue(e.getMessage().contains("larger than 1000 bytes"), e.getMessage());
        server.on(IRIS, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\"}}"));
        assertEquals("iris", assertDoesNotFail(() -> client.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"))
                .at("/metadata/name").asText());
    }

    @Test
    void anEndlessTokenAnswerIsRefusedAtTheProviderLimit() {
        endless("/token");
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(URI.create(server.url() + "/token")).clientSecret(SecretText.of("s")).build();
        OidcAuthenticator auth = new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), TestHttp.factory(), null);
        AnswerTooLargeException e = assertTimeoutPreemptively(GUARD,
                () -> assertThrows(AnswerTooLargeException.class, auth::authenticate));
        assertEquals(AnswerLimits.DEFAULT_PROVIDER_BYTES, e.limitBytes());
        assertTrue(e.getMessage().startsWith("The answer of the OIDC token endpoint to POST " + server.url()
                + "/token is larger than 1 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("io.jenkins.plugins.seldon.maxProviderAnswerBytes"), e.getMessage());
        assertTrue(written.get() < 64L * 1024 * 1024, "stopped reading early, not after " + written.get() + " bytes");
    }

    @Test
    void anEndlessDiscoveryDocumentIsRefusedAtTheProviderLimit() {
        MutableClock clock = new MutableClock(Instant.now());
        FakeOidcProvider provider = new FakeOidcProvider(server, clock);
        endless(FakeOidcProvider.REALM_PATH + "/.well-known/openid-configuration");
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(provider.issuer())
                .clientSecret(SecretText.of(provider.clientSecret)).build();
        OidcAuthenticator auth = new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), TestHttp.factory(), null);
        AnswerTooLargeException e = assertTimeoutPreemptively(GUARD,
                () -> assertThrows(AnswerTooLargeException.class, auth::authenticate));
        assertTrue(e.getMessage().startsWith("The answer of the OIDC provider to GET " + provider.issuer()
                + "/.well-known/openid-configuration is larger than 1 MiB"), e.getMessage());
        assertEquals(0, provider.tokenRequests().size());
    }

    @Test
    void theLimitsComeFromSystemProperties() {
        System.setProperty(AnswerLimits.API_PROPERTY, "123456");
        System.setProperty(AnswerLimits.PROVIDER_PROPERTY, "not a number");
        try {
            AnswerLimits limits = AnswerLimits.fromSystemProperties();
            assertEquals(123456, limits.api().bytes());
            assertEquals(AnswerLimits.DEFAULT_PROVIDER_BYTES, limits.provider().bytes());
        } finally {
            System.clearProperty(AnswerLimits.API_PROPERTY);
            System.clearProperty(AnswerLimits.PROVIDER_PROPERTY);
        }
    }

    @Test
    void theCapCountsEveryByteAndAllowsExactlyTheLimit() throws Exception {
        byte[] ten = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        AnswerTooLargeException tooLarge = new AnswerTooLargeException("too large", 10, "p");
        try (InputStream exact = new CappedInputStream(new ByteArrayInputStream(ten), 10, () -> tooLarge)) {
            assertEquals(10, exact.readAllBytes().length);
        }
        try (InputStream over = new CappedInputStream(new ByteArrayInputStream(ten), 9, () -> tooLarge)) {
            assertEquals('0', over.read());
            assertEquals(3, over.skip(3));
            assertThrows(AnswerTooLargeException.class, over::readAllBytes);
        }
    }

    @Test
    void theCapAsksForNoMoreThanOneByteBeyondTheLimitAndCountsOnlyWhatCame() throws Exception {
        AnswerTooLargeException tooLarge = new AnswerTooLargeException("too large", 4, "p");
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        InputStream source = new ByteArrayInputStream(new byte[100]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                asked.add(len);
                return super.read(b, off, Math.min(len, 3));
            }
        };
        CappedInputStream capped = new CappedInputStream(source, 4, () -> tooLarge);
        assertEquals(false, capped.markSupported());
        byte[] buffer = new byte[64];
        assertEquals(3, capped.read(buffer, 0, 64));
        assertEquals(3, capped.count());
        // 4 - 3 + 1: one byte more than the limit allows is all it needs to know.
        assertThrows(AnswerTooLargeException.class, () -> capped.read(buffer, 0, 64));
        assertEquals(java.util.List.of(5, 2), asked);
        assertEquals(5, capped.count());
        assertThrows(AnswerTooLargeException.class, capped::read, "still too large");

        CappedInputStream empty = new CappedInputStream(new ByteArrayInputStream(new byte[0]), 0, () -> tooLarge);
        assertEquals(-1, empty.read());
        assertEquals(-1, empty.read(buffer, 0, 64));
        assertEquals(0, empty.count(), "the end of the stream is not a byte");
        CappedInputStream one = new CappedInputStream(new ByteArrayInputStream(new byte[2]), 1, () -> tooLarge);
        assertEquals(0, one.read());
        assertEquals(1, one.count());
        assertThrows(AnswerTooLargeException.class, one::read);
        CappedInputStream skipping = new CappedInputStream(new ByteArrayInputStream(new byte[10]), 4, () -> tooLarge);
        assertThrows(AnswerTooLargeException.class, () -> skipping.skip(100), "skipped bytes count too");
        assertEquals(5, skipping.count());
    }

    @Test
    void aLimitThatIsNotPositiveFallsBackToTheDefault() {
        for (String notPositive : new String[] {"0", "-5"}) {
            System.setProperty(AnswerLimits.API_PROPERTY, notPositive);
            try {
                assertEquals(AnswerLimits.DEFAULT_API_BYTES, AnswerLimits.fromSystemProperties().api().bytes(),
                        notPositive);
            } finally {
                System.clearProperty(AnswerLimits.API_PROPERTY);
            }
        }
    }

    @Test
    void aLimitGivenInCodeMustBePositive() {
        for (long notPositive : new long[] {0, -1}) {
            assertEquals("A limit must be positive: " + notPositive, assertThrows(IllegalArgumentException.class,
                    () -> new AnswerLimits.Limit(notPositive, "p")).getMessage());
        }
        assertEquals(1, new AnswerLimits.Limit(1, "p").bytes());
    }

    @Test
    void limitsAreDescribedInTheLargestWholeUnit() {
        assertEquals("64 MiB", AnswerLimits.describe(AnswerLimits.DEFAULT_API_BYTES));
        assertEquals("3 KiB", AnswerLimits.describe(3 * 1024));
        assertEquals("1536 KiB", AnswerLimits.describe(1536 * 1024));
        assertEquals("1500 bytes", AnswerLimits.describe(1500));
    }

    @Test
    void onceOverTheLimitEveryFurtherReadFailsEvenAtTheEnd() throws Exception {
        AnswerTooLargeException tooLarge = new AnswerTooLargeException("too large", 2, "p");
        CappedInputStream capped = new CappedInputStream(new ByteArrayInputStream(new byte[3]), 2, () -> tooLarge);
        assertThrows(AnswerTooLargeException.class, capped::readAllBytes);
        // The source has nothing left: only the cap can still say why.
        assertThrows(AnswerTooLargeException.class, capped::read);
        assertThrows(AnswerTooLargeException.class, () -> capped.read(new byte[8], 0, 8));
        assertThrows(AnswerTooLargeException.class, () -> capped.skip(1));
        assertEquals(3, capped.count());
    }

    @Test
    void skippingAfterReadingTakesNoMoreThanOneByteBeyondTheLimit() throws Exception {
        AnswerTooLargeException tooLarge = new AnswerTooLargeException("too large", 4, "p");
        CappedInputStream capped = new CappedInputStream(new ByteArrayInputStream(new byte[100]), 4, () -> tooLarge);
        assertEquals(2, capped.read(new byte[2], 0, 2));
        assertThrows(AnswerTooLargeException.class, () -> capped.skip(100));
        assertEquals(5, capped.count());
    }

    @Test
    void theCountIsEveryByteReadUpToTheEnd() throws Exception {
        AnswerTooLargeException tooLarge = new AnswerTooLargeException("too large", 100, "p");
        CappedInputStream capped = new CappedInputStream(new ByteArrayInputStream(new byte[7]), 100, () -> tooLarge);
        assertEquals(7, capped.readAllBytes().length);
        assertEquals(-1, capped.read(new byte[8], 0, 8));
        assertEquals(7, capped.count(), "the end of the stream is not a byte");
    }

    /** Whatever the reader throws, errors included, completes the future: nobody waits for good. */
    @Test
    void anErrorWhileReadingCompletesTheFuture() throws Exception {
        server.on("/x", (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
        HttpClientFactory http = TestHttp.factory();
        Request request = new Request.Builder().url(server.url() + "/x").build();
        ServerSettings settings = new ServerSettings(server.url());
        CompletableFuture<Object> f = HttpCalls.send(http.forServer(settings.tls(), settings.connectTimeout(),
                settings.readTimeout()), request,
                "the test server", http.limits().api(), answer -> {
                    throw new OutOfMemoryError("simulated");
                });
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        assertInstanceOf(OutOfMemoryError.class, e.getCause());
        assertThrows(OutOfMemoryError.class, () -> HttpCalls.await(f, Duration.ofSeconds(30), "the test server"));
    }

    /** A future that is never completed (a bug) still frees the waiting caller after its bound. */
    @Test
    void aBlockingWaitIsBounded() {
        CompletableFuture<Object> never = new CompletableFuture<>();
        NetworkException e = assertThrows(NetworkException.class,
                () -> HttpCalls.await(never, Duration.ofMillis(100), "the test server"));
        assertEquals(NetworkException.Reason.CALL_TIMEOUT, e.reason());
        assertTrue(never.isCancelled());
    }

    private static <T> T assertDoesNotFail(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }
}
