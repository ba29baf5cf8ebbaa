package io.jenkins.plugins.seldon.operations.parameters;

/** An operation about the server itself or the build's principal there: only which server, and whose credential. */
public final class ServerParameters extends OperationParameters {

    private static final long serialVersionUID = 1L;
}
