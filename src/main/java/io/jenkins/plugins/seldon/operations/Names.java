package io.jenkins.plugins.seldon.operations;

import java.util.regex.Pattern;

/**
 * Kubernetes name checks run before any request, so that a typo fails with a clear message instead of a 404 or a
 * malformed URL.
 *
 * <p>Both the namespace and the deployment name must be DNS-1123 labels (lower-case alphanumerics and {@code -},
 * starting and ending with an alphanumeric, at most 63 characters). Kubernetes itself would accept any DNS-1123
 * subdomain (dots, up to 253 characters) as a SeldonDeployment name, but Seldon derives the names of the Kubernetes
 * Services and Deployments it creates from it, and Service names must be labels of at most 63 characters; such a
 * deployment would be accepted by the API and then only show up as {@code Failed} while reconciling. Rejecting it up
 * front is the more useful behaviour.
 */
public final class Names {

    static final int MAX_LABEL_LENGTH = 63;
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Names() {}

    /** @throws InvalidInputException if {@code namespace} is missing or not a DNS-1123 label */
    public static String checkNamespace(String namespace) throws InvalidInputException {
        return checkLabel(namespace, "namespace");
    }

    /** @throws InvalidInputException if {@code name} is missing or not a DNS-1123 label (see the class comment) */
    public static String checkName(String name) throws InvalidInputException {
        return checkLabel(name, "deployment name");
    }

    static String checkLabel(String value, String what) throws InvalidInputException {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("The " + what + " is missing");
        }
        if (value.length() > MAX_LABEL_LENGTH) {
            throw new InvalidInputException("The " + what + " " + quote(value) + " is longer than " + MAX_LABEL_LENGTH
                    + " characters (" + value.length() + ")");
        }
        if (!DNS_1123_LABEL.matcher(value).matches()) {
            throw new InvalidInputException("The " + what + " " + quote(value) + " is not a valid Kubernetes name: use"
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit");
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
