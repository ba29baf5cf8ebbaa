package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.function.UnaryOperator;

/**
 * List the resources of a kind in a namespace: SeldonDeployments or Pipelines, or the Models of one pipeline (the API
 * lists no other Models, and no Experiments).
 */
public final class ListParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private ResourceKind kind = ResourceKind.SELDON_DEPLOYMENT;
    private String pipeline;

    public ResourceKind getKind() {
        return kind;
    }

    public void setKind(ResourceKind kind) {
        this.kind = kind == null ? ResourceKind.SELDON_DEPLOYMENT : kind;
    }

    /** For Models, the pipeline whose Models are listed. */
    public String getPipeline() {
        return pipeline;
    }

    public void setPipeline(String pipeline) {
        this.pipeline = text(pipeline);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        switch (kind) {
            case MODEL -> Names.checkName(ResourceKind.PIPELINE, pipeline);
            case EXPERIMENT -> throw new InvalidInputException("The API cannot list Experiments; read the experiment"
                    + " of a pipeline instead");
            default -> {
                if (pipeline != null) {
                    throw new InvalidInputException(labels.of("pipeline") + " applies only to the Models of a pipeline");
                }
            }
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        pipeline = text(variables.apply(pipeline));
    }
}
