package jenkins.model;

import hudson.ProxyConfiguration;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.DescriptorExtensionList;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.TopLevelItem;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import hudson.security.SecurityRealm;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;

public class Jenkins implements AccessControlled, DirectlyModifiableTopLevelItemGroup, ModelObjectWithChildren {
    public static final Permission ADMINISTER = standIn();
    public static final Permission READ = standIn();

    private static <T> T standIn() {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends TopLevelItem> T createProject(@NonNull Class<T> type, @NonNull String name) throws IOException {
        throw new UnsupportedOperationException("stand-in");
    }

    public @CheckForNull <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type)
            throws AccessDeniedException {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setSecurityRealm(@CheckForNull SecurityRealm securityRealm) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setAuthorizationStrategy(@CheckForNull AuthorizationStrategy a) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void setProxy(ProxyConfiguration proxy) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static @NonNull org.springframework.security.core.Authentication getAuthentication2() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("stand-in");
    }

    public boolean isTerminating() {
        throw new UnsupportedOperationException("stand-in");
    }

    public @Nullable String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    @SuppressWarnings("rawtypes")
    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    public <T extends Describable<T>, D extends Descriptor<T>> DescriptorExtensionList<T, D> getDescriptorList(Class<T> type) {
        throw new UnsupportedOperationException("stand-in");
    }
}
