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
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.steps.SeldonCalls;
import java.io.IOException;
import java.io.OutputStream;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Writes the SeldonDeployments of a namespace as a JSON array to a workspace file, for later build steps. */
public final class ListDeploymentsBuilder extends SeldonBuilder {


    private final String namespace;
    private final String outputFile;

    @DataBoundConstructor
    public ListDeploymentsBuilder(String namespace, String outputFile) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
        this.outputFile = Util.fixEmptyAndTrim(outputFile);
    }

    public String getNamespace() {
        return namespace;
    }

    public String getOutputFile() {
        return outputFile;
    }

    @Override
    protected void perform(SeldonCalls calls, FilePath workspace, EnvVars env) throws IOException, InterruptedException {
        String out = env.expand(outputFile);
        if (out == null) {
            throw new AbortException("Name the workspace file the deployment list is written to");
        }
        if (workspace == null) {
            throw new AbortException("Writing " + out + " needs a workspace; run this step inside node { }");
        }
        ArrayNode deployments = calls.listResources(env.expand(namespace));
        FilePath target = workspace.child(out);
        FilePath parent = target.getParent();
        if (parent != null) {
            parent.mkdirs();
        }
        try (OutputStream os = target.write()) {
            Json.writePretty(os, deployments);
        }
        calls.log().info("Wrote " + deployments.size() + " SeldonDeployments to " + out);
    }

    @Extension
    @Symbol("seldonListToFile")
    public static final class DescriptorImpl extends SeldonBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Seldon: list deployments to a JSON file";
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
