package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;

/** Give a running canary another share of the traffic. */
public final class WeightParameters extends RolloutParameters {

    private static final long serialVersionUID = 1L;

    private Integer weight;

    /** The canary's share of the traffic in percent, 0 to 100; required. */
    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        Weights.check(weight, labels);
    }
}
