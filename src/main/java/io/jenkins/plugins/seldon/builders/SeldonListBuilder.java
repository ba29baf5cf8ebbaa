package io.jenkins.plugins.seldon.builders;

import com.fasterxml.jackson.databind.node.ArrayNode;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.seldon.build.SeldonSession;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.operations.parameters.ListParameters;
import java.io.IOException;
import java.io.OutputStream;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Writes the SeldonDeployments of a namespace as a JSON array to a workspace file, for later build steps. */
public final class SeldonListBuilder extends NamespaceBuilder<ListParameters> {

    private final String outputFile;

    @DataBoundConstructor
    public SeldonListBuilder(String namespace, String outputFile) {
        super(new ListParameters(), namespace);
        this.outputFile = Util.fixEmptyAndTrim(outputFile);
    }

    public String getOutputFile() {
        return outputFile;
    }

    @Override
    protected void perform(ListParameters p, SeldonSession session, FilePath workspace, EnvVars env)
            throws IOException, InterruptedException {
        String out = Util.fixEmptyAndTrim(env.expand(outputFile));
        if (out == null) {
            throw new AbortException(Messages.SeldonListBuilder_noOutputFile());
        }
        ArrayNode deployments = session.list(p);
        FilePath target = workspace.child(out);
        FilePath parent = target.getParent();
        if (parent != null) {
            parent.mkdirs();
        }
        try (OutputStream os = target.write()) {
            Json.writePretty(os, deployments);
        }
        session.log().info(Messages.SeldonListBuilder_wrote(deployments.size(), out));
    }

    @Extension
    public static final class DescriptorImpl extends OperationBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.SeldonListBuilder_displayName();
        }

        @POST
        public FormValidation doCheckOutputFile(@AncestorInPath Item item, @QueryParameter String value) {
            // Users who may only read the configuration get no verdict rather than an access-denied page.
            boolean mayConfigure = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.CONFIGURE);
            return mayConfigure ? FormValidation.validateRequired(value) : FormValidation.ok();
        }
    }
}
