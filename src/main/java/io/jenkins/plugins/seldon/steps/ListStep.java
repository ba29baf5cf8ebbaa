package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.ListParameters;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code seldonListDeployments}, {@code seldonListPipelines}, {@code seldonListPipelineModels}: resources as a list of
 * plain maps, as the API returns them; or only some fields of each ({@code fields: ['metadata.name']}), or the names
 * ({@code namesOnly: true}), of those a label selector selects ({@code labelSelector: 'app=iris'}). The API lists no
 * other Models and no Experiments, so there are no such steps.
 */
public abstract class ListStep extends NamespaceStep<ListParameters> {

    protected ListStep(ResourceKind kind, String namespace) {
        super(new ListParameters(), namespace);
        parameters().setKind(kind);
    }

    public List<String> getFields() {
        return parameters().getFields();
    }

    @DataBoundSetter
    public void setFields(List<String> fields) {
        parameters().setFields(fields);
    }

    public boolean isNamesOnly() {
        return parameters().isNamesOnly();
    }

    @DataBoundSetter
    public void setNamesOnly(boolean namesOnly) {
        parameters().setNamesOnly(namesOnly);
    }

    public String getLabelSelector() {
        return parameters().getLabelSelector();
    }

    @DataBoundSetter
    public void setLabelSelector(String labelSelector) {
        parameters().setLabelSelector(labelSelector);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new OperationExecution<ListParameters, List<Object>>(context, parameters(),
                (p, session, ctx) -> session.list(p, FieldLabels.PIPELINE));
    }

    public static final class Deployments extends ListStep {
        @DataBoundConstructor
        public Deployments(String namespace) {
            super(ResourceKind.SELDON_DEPLOYMENT, namespace);
        }

        @Extension
        public static final class DescriptorImpl extends SeldonStepDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonListDeployments";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.ListStep_deployments();
            }
        }
    }

    public static final class Pipelines extends ListStep {
        @DataBoundConstructor
        public Pipelines(String namespace) {
            super(ResourceKind.PIPELINE, namespace);
        }

        @Extension
        public static final class DescriptorImpl extends SeldonStepDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonListPipelines";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.ListStep_pipelines();
            }
        }
    }

    /** The Models a pipeline uses. */
    public static final class PipelineModels extends ListStep {
        @DataBoundConstructor
        public PipelineModels(String namespace, String pipeline) {
            super(ResourceKind.MODEL, namespace);
            parameters().setPipeline(pipeline);
        }

        public String getPipeline() {
            return parameters().getPipeline();
        }

        @Extension
        public static final class DescriptorImpl extends SeldonStepDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonListPipelineModels";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.ListStep_pipelineModels();
            }
        }
    }
}
