package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.util.regex.Pattern;

/**
 * Kubernetes name checks run before any request, so that a typo fails with a clear message instead of a 404 or a
 * malformed URL.
 *
 * <ul>
 *   <li>Namespaces are DNS-1123 labels: lower-case alphanumerics and {@code -}, starting and ending with an
 *       alphanumeric, at most 63 characters.</li>
 *   <li>SeldonDeployment names are DNS-1123 labels too. Kubernetes itself would accept any DNS-1123 subdomain (dots,
 *       up to 253 characters), but Seldon Core v1 derives the names of the Kubernetes Services and Deployments it
 *       creates from it, and Service names must be labels of at most 63 characters; such a deployment would be
 *       accepted by the API and then only show up as {@code Failed} while reconciling. Rejecting it up front is the
 *       more useful behaviour.</li>
 *   <li>Pipeline, Model and Experiment names (Seldon Core v2) may be as long as any Kubernetes name (253 characters:
 *       Core v2 creates no Service or Deployment per resource), but Seldon reserves the dot: it routes requests by
 *       names such as {@code <pipeline>.pipeline}. So they are DNS-1123 subdomains without dots.</li>
 * </ul>
 */
public final class Names {

    static final int MAX_LABEL_LENGTH = 63;
    static final int MAX_SUBDOMAIN_LENGTH = 253;
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Names() {}

    /** @throws InvalidInputException if {@code namespace} is missing or not a DNS-1123 label */
    public static String checkNamespace(String namespace) throws InvalidInputException {
        return check(namespace, "namespace", MAX_LABEL_LENGTH);
    }

    /**
     * @param name for an Experiment, the name of the experiment or of its main pipeline: both follow the same rule
     * @throws InvalidInputException if {@code name} is missing or not valid for {@code kind} (see the class comment)
     */
    public static String checkName(ResourceKind kind, String name) throws InvalidInputException {
        return check(name, kind.kind() + " name", kind.isCoreV2() ? MAX_SUBDOMAIN_LENGTH : MAX_LABEL_LENGTH);
    }

    /**
     * A predictor of a SeldonDeployment: a DNS-1123 label, as Seldon Core v1 names the Kubernetes Services and
     * Deployments of each predictor after it.
     *
     * @throws InvalidInputException if {@code name} is missing or not a DNS-1123 label
     */
    public static String checkPredictorName(String name) throws InvalidInputException {
        return check(name, "predictor name", MAX_LABEL_LENGTH);
    }

    private static String check(String value, String what, int maxLength) throws InvalidInputException {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("The " + what + " is missing");
        }
        if (value.length() > maxLength) {
            throw new InvalidInputException("The " + what + " " + quote(value) + " is longer than " + maxLength
                    + " characters (" + value.length() + ")");
        }
        if (!DNS_1123_LABEL.matcher(value).matches()) {
            throw new InvalidInputException("The " + what + " " + quote(value) + " is not a valid name: use"
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit"
                    + (value.contains(".") && maxLength == MAX_SUBDOMAIN_LENGTH
                            ? " (Seldon Core v2 reserves '.' for routing, e.g. <name>.pipeline)" : ""));
        }
        return value;
    }

    /**
     * Quotes user input for a message: control characters are escaped and long values are shortened, so that a bad
     * value cannot forge log lines or flood the log.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > limit) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
