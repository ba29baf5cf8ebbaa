package io.jenkins.plugins.seldon.operations.parameters;

import java.util.Map;

/**
 * Where an operation's manifest comes from: a workspace file, text, or (Pipeline only) one resource as a map; at
 * most one of them is set.
 */
public interface ManifestSource {

    /** A workspace-relative path, or null. */
    String getFile();

    /** YAML or JSON text, one or more documents, or null. */
    String getManifest();

    /** One resource as a map, or null. */
    Map<String, Object> getResource();

    /** Whether any of the three is set. */
    default boolean hasManifest() {
        return getFile() != null || getManifest() != null || getResource() != null;
    }
}
