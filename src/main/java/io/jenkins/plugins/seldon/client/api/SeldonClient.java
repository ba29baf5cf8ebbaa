package io.jenkins.plugins.seldon.client.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** The Seldon Enterprise Platform API for one server and one principal. Thread-safe. */
public final class SeldonClient {

    private final ServerSettings server;
    private final RequestAuthenticator auth;
    private final HttpClientFactory http;

    public SeldonClient(ServerSettings server, RequestAuthenticator auth, HttpClientFactory http) {
        this.server = server;
        this.auth = auth;
        this.http = http;
    }

    public URI apiUrl() {
        return server.apiUrl();
    }

    public ArrayNode list(ResourceKind kind, String namespace) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public ObjectNode get(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public ObjectNode create(ResourceKind kind, String namespace, ObjectNode resource, WriteAudit audit)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public ObjectNode update(ResourceKind kind, String namespace, String name, ObjectNode resource, WriteAudit audit)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public void delete(ResourceKind kind, String namespace, String name, WriteAudit audit)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public CompletableFuture<ObjectNode> getAsync(ResourceKind kind, String namespace, String name) {
        throw new UnsupportedOperationException();
    }

    public ObjectNode user() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public ObjectNode version() throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }
}
