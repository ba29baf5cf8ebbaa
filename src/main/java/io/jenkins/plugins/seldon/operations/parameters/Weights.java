package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;

/** The one check of a canary's weight, before any request. */
final class Weights {

    private Weights() {}

    static void check(Integer weight, FieldLabels labels) throws InvalidInputException {
        if (weight == null) {
            throw new InvalidInputException("Give the canary's share of the traffic as " + labels.of("weight")
                    + ", in percent from 0 to 100");
        }
        if (weight < 0 || weight > 100) {
            throw new InvalidInputException(labels.of("weight") + " is a percentage from 0 to 100, not " + weight);
        }
    }
}
