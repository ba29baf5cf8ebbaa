package io.jenkins.plugins.seldon.operations.parameters;

/** List the deployments of a namespace. */
public final class ListParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;
}
