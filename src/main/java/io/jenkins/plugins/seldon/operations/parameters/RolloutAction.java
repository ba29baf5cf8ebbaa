package io.jenkins.plugins.seldon.operations.parameters;

/** What a freestyle build step does to a running canary or shadow. */
public enum RolloutAction {
    PROMOTE_CANARY,
    REMOVE_CANARY,
    PROMOTE_SHADOW,
    REMOVE_SHADOW
}
