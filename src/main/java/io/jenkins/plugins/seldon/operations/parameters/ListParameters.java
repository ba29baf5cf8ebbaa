package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.Fields;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.LabelSelector;
import io.jenkins.plugins.seldon.operations.ListProjection;
import io.jenkins.plugins.seldon.operations.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * List the resources of a kind in a namespace: SeldonDeployments or Pipelines, or the Models of one pipeline (the API
 * lists no other Models, and no Experiments); optionally only some fields of each ({@code fields}), or its name
 * ({@code namesOnly}), and only those a label selector selects ({@code labelSelector}), applied as the list arrives
 * ({@link ListProjection}).
 */
public final class ListParameters extends NamespaceParameters {

    private static final long serialVersionUID = 1L;

    private ResourceKind kind = ResourceKind.SELDON_DEPLOYMENT;
    private String pipeline;
    private ArrayList<String> fields = new ArrayList<>();
    private boolean namesOnly;
    private String labelSelector;

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

    /** Dotted paths of the fields kept of each item, e.g. {@code metadata.name}; empty for all. */
    public List<String> getFields() {
        return List.copyOf(fields);
    }

    public void setFields(List<String> fields) {
        this.fields = new ArrayList<>();
        if (fields != null) {
            for (String field : fields) {
                String f = text(field);
                if (f != null && !this.fields.contains(f)) {
                    this.fields.add(f);
                }
            }
        }
    }

    /** {@link #setFields(List)} from text, one path per line or separated by commas, as a form has it. */
    public void setFieldsText(String fields) {
        setFields(fields == null ? null : List.of(fields.split("[,\\n]")));
    }

    /** {@link #getFields()} as {@link #setFieldsText} takes them, one per line. */
    public String getFieldsText() {
        return String.join("\n", fields);
    }

    /** Whether each item is only its name. */
    public boolean isNamesOnly() {
        return namesOnly;
    }

    public void setNamesOnly(boolean namesOnly) {
        this.namesOnly = namesOnly;
    }

    /** A Kubernetes label selector, e.g. {@code app=iris,env in (staging,prod)}; {@code null} for every item. */
    public String getLabelSelector() {
        return labelSelector;
    }

    public void setLabelSelector(String labelSelector) {
        this.labelSelector = text(labelSelector);
    }

    /** What the list keeps of each item; call after {@link #validate}. */
    public ListProjection projection() {
        return new ListProjection(fields.isEmpty() ? Fields.ALL : Fields.of(fields), namesOnly,
                labelSelector == null ? null : LabelSelector.parse(labelSelector));
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
        if (namesOnly && !fields.isEmpty()) {
            throw new InvalidInputException(labels.of("namesOnly") + " and " + labels.of("fields")
                    + " exclude each other: give one of them");
        }
        try {
            Fields.of(fields);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() + " (in " + labels.of("fields") + ")");
        }
        if (labelSelector != null) {
            try {
                LabelSelector.parse(labelSelector);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage() + " (in " + labels.of("labelSelector") + ")");
            }
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        pipeline = text(variables.apply(pipeline));
        labelSelector = text(variables.apply(labelSelector));
        setFields(fields.stream().map(variables).toList());
    }
}
