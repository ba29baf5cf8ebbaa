package io.jenkins.plugins.seldon.client.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Seldon Enterprise Platform release, as {@code GET /version} reports it in {@code BuildVersion} (e.g.
 * {@code 2.4.0}, {@code v2.1.0-rc1}); ordered by major, minor and patch.
 */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    /** The first release with Seldon Core v2 (Pipelines, Models, Experiments). */
    public static final ServerVersion CORE_V2 = new ServerVersion(2, 0, 0);

    /**
     * The oldest release the plugin supports: the first whose GitOps revert and restore are POST (they were GET in
     * 2.0) and that keeps the git history of Models and Experiments.
     */
    public static final ServerVersion MINIMUM_SUPPORTED = new ServerVersion(2, 1, 0);

    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?(?![\\d.]).*");

    public ServerVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("Negative version " + major + "." + minor + "." + patch);
        }
    }

    /**
     * Reads a build version such as {@code 2.4.0}, {@code v2.1} or {@code 2.0.3-rc1} (what follows the numbers is
     * ignored).
     *
     * @return the version, or {@code null} when the text does not start with one (a development build, say)
     */
    public static ServerVersion parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean isAtLeast(ServerVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    /** {@code 2.1} for x.y.0, else {@code 2.0.3}: how release notes name them. */
    @Override
    public String toString() {
        return major + "." + minor + (patch == 0 ? "" : "." + patch);
    }
}
