package io.jenkins.plugins.seldon.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.seldon.build.Failures;
import io.jenkins.plugins.seldon.build.OperationForms;
import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.parameters.FieldLabels;
import io.jenkins.plugins.seldon.operations.parameters.MonitorParameters;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * The monitors that ship with a model, of a SeldonDeployment ({@code deployment:}) or a Pipeline ({@code pipeline:}),
 * by {@code type:} {@code drift-detector}, {@code outlier-detector} or {@code metrics-server} (SeldonDeployments only):
 * {@code seldonCreateDetector} creates one named {@code detector:} from its configuration (nothing is sent when the
 * same exists; another of that name fails, since the API cannot change one), {@code seldonListDetectors} lists them,
 * {@code seldonDeleteDetector} deletes one.
 */
public abstract class DetectorStep extends ServingStep<MonitorParameters> {

    protected DetectorStep(String namespace, String type) {
        super(new MonitorParameters(), namespace);
        parameters().setType(type);
    }

    /** {@code drift-detector}, {@code outlier-detector} or {@code metrics-server}. */
    public String getType() {
        return parameters().getType();
    }

    final void checkStart(StepContext context, boolean named) throws Exception {
        checkAtStart(parameters(), context);
        if (named) {
            try {
                parameters().validateNamed(FieldLabels.PIPELINE);
            } catch (InvalidInputException e) {
                throw Failures.abort(e);
            }
        }
    }

    /** The descriptors of the monitor steps. */
    abstract static class DetectorDescriptor extends ServingDescriptor {
        @POST
        public ListBoxModel doFillTypeItems(@AncestorInPath Item item) {
            ListBoxModel model = new ListBoxModel();
            if (OperationForms.mayRead(item)) {
                for (Monitor m : Monitor.values()) {
                    model.add(m.segment(), m.segment());
                }
            }
            return model;
        }
    }

    /** {@code seldonCreateDetector}: the monitor, as a map. */
    public static final class Create extends DetectorStep {
        @DataBoundConstructor
        public Create(String namespace, String type, String detector) {
            super(namespace, type);
            parameters().setDetector(detector);
        }

        public String getDetector() {
            return parameters().getDetector();
        }

        @CheckForNull
        public Map<String, Object> getConfig() {
            return parameters().getConfig();
        }

        @DataBoundSetter
        public void setConfig(Map<String, Object> config) {
            parameters().setConfig(config);
        }

        @CheckForNull
        public String getJson() {
            return parameters().getJson();
        }

        @DataBoundSetter
        public void setJson(String json) {
            parameters().setJson(json);
        }

        @CheckForNull
        public String getFile() {
            return parameters().getFile();
        }

        @DataBoundSetter
        public void setFile(String file) {
            parameters().setFile(file);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkStart(context, true);
            return new OperationExecution<MonitorParameters, Map<String, Object>>(context, parameters(),
                    (p, session, ctx) -> session.createMonitor(p, FieldLabels.PIPELINE, ctx.get(FilePath.class)));
        }

        @Extension
        public static final class DescriptorImpl extends DetectorDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonCreateDetector";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.DetectorStep_Create_displayName();
            }
        }
    }

    /** {@code seldonListDetectors}: the monitors of one type, as a list of maps. */
    public static final class List extends DetectorStep {
        @DataBoundConstructor
        public List(String namespace, String type) {
            super(namespace, type);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkStart(context, false);
            return new OperationExecution<MonitorParameters, java.util.List<Object>>(context, parameters(),
                    (p, session, ctx) -> session.listMonitors(p, FieldLabels.PIPELINE));
        }

        @Extension
        public static final class DescriptorImpl extends DetectorDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonListDetectors";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.DetectorStep_List_displayName();
            }
        }
    }

    /** {@code seldonDeleteDetector}: whether it existed. */
    public static final class Delete extends DetectorStep {
        @DataBoundConstructor
        public Delete(String namespace, String type, String detector) {
            super(namespace, type);
            parameters().setDetector(detector);
        }

        public String getDetector() {
            return parameters().getDetector();
        }

        public boolean isAllowMissing() {
            return parameters().isAllowMissing();
        }

        @DataBoundSetter
        public void setAllowMissing(boolean allowMissing) {
            parameters().setAllowMissing(allowMissing);
        }

        @Override
        public StepExecution start(StepContext context) throws Exception {
            checkStart(context, true);
            return new OperationExecution<MonitorParameters, Boolean>(context, parameters(),
                    (p, session, ctx) -> session.deleteMonitor(p, FieldLabels.PIPELINE));
        }

        @Extension
        public static final class DescriptorImpl extends DetectorDescriptor {
            @Override
            public String getFunctionName() {
                return "seldonDeleteDetector";
            }

            @NonNull
            @Override
            public String getDisplayName() {
                return Messages.DetectorStep_Delete_displayName();
            }
        }
    }
}
