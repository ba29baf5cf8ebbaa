package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider {
    public static final Permission USE_ITEM = standIn();

    private static <T> T standIn() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type, @Nullable Item item,
            @Nullable Authentication authentication, @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(@NonNull Class<C> type,
            @Nullable ItemGroup itemGroup, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public static <C extends IdCredentials> hudson.util.ListBoxModel listCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static <C extends IdCredentials> hudson.util.ListBoxModel listCredentialsInItemGroup(@NonNull Class<C> type,
            @Nullable ItemGroup itemGroup, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialByIdInItemGroup(@NonNull String id, @NonNull Class<C> type,
            @Nullable ItemGroup<?> itemGroup, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("stand-in");
    }

    public static Iterable<CredentialsStore> lookupStores(final ModelObject context) {
        throw new UnsupportedOperationException("stand-in");
    }

    @CheckForNull
    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("stand-in");
    }
}
