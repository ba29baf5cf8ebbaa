package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

public class URIRequirementBuilder {
    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException("stand-in");
    }
}
