package io.jenkins.plugins.seldon.operations.parameters;

/** How a SeldonDeployment in a GitOps namespace is rolled back: a form's choice. */
public enum RollbackAction {
    /** Undo one commit with a new one. */
    REVERT,
    /** Bring back the deployment as it was after a commit, with a new one. */
    RESTORE
}
