package io.jenkins.plugins.seldon.operations.parameters;

/** The GitOps status of one namespace. */
public final class GitOpsStatusParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;
}
