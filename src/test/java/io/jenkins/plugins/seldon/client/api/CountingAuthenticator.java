package io.jenkins.plugins.seldon.client.api;

import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out {@code token-1}, {@code token-2}... and records which were invalidated. */
final class CountingAuthenticator implements RequestAuthenticator {

    private final AtomicInteger issued = new AtomicInteger();
    private volatile AuthHeader current;
    final List<String> invalidated = new CopyOnWriteArrayList<>();

    @Override
    public synchronized AuthHeader authenticate() {
        if (current == null) {
            current = AuthHeader.bearer(SecretText.of("token-" + issued.incrementAndGet()), null);
        }
        return current;
    }

    @Override
    public synchronized void invalidate(AuthHeader rejected) {
        invalidated.add(rejected.bearerToken().reveal());
        if (current != null && current.value().equals(rejected.value())) {
            current = null;
        }
    }

    @Override
    public String describe() {
        return "test principal";
    }

    int issued() {
        return issued.get();
    }
}
