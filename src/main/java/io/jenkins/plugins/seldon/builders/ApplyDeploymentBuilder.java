package io.jenkins.plugins.seldon.builders;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import io.jenkins.plugins.seldon.steps.SeldonCalls;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Creates or updates a SeldonDeployment from a workspace file or inline YAML/JSON. */
public final class ApplyDeploymentBuilder extends SeldonBuilder {

    private final String namespace;
    private String file;
    private String manifest;
    private String message;

    @DataBoundConstructor
    public ApplyDeploymentBuilder(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    public String getNamespace() {
        return namespace;
    }

    @CheckForNull
    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = Util.fixEmptyAndTrim(file);
    }

    @CheckForNull
    public String getManifest() {
        return manifest;
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        this.manifest = Util.fixEmpty(manifest);
    }

    @CheckForNull
    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    @Override
    protected void perform(SeldonCalls calls, FilePath workspace, EnvVars env) throws IOException, InterruptedException {
        // The manifest text is not expanded: ${...} in it belongs to the manifest.
        String f = env.expand(file);
        calls.apply(env.expand(namespace), SeldonCalls.readManifest(f, manifest, workspace), f != null ? f : "manifest",
                env.expand(message));
    }

    @Extension
    @Symbol("seldonApply")
    public static final class DescriptorImpl extends SeldonBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Seldon: create or update a deployment";
        }
    }
}
