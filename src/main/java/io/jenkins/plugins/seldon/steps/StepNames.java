package io.jenkins.plugins.seldon.steps;

import io.jenkins.plugins.seldon.client.api.ResourceKind;

/** How the steps' display names call each kind. */
final class StepNames {

    private StepNames() {}

    /** E.g. "SeldonDeployment", "Seldon Pipeline". */
    static String label(ResourceKind kind) {
        return switch (kind) {
            case SELDON_DEPLOYMENT -> Messages.Kind_SELDON_DEPLOYMENT();
            case PIPELINE -> Messages.Kind_PIPELINE();
            case MODEL -> Messages.Kind_MODEL();
            case EXPERIMENT -> Messages.Kind_EXPERIMENT();
        };
    }
}
