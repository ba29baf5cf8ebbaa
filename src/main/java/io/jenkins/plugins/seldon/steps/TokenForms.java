package io.jenkins.plugins.seldon.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * The forms of an exposed token that are cheap to recognise in a build log, beyond those the Credentials Binding
 * plugin's pattern factories add for every secret (its base64 and shell-quoted forms): each part of a JWT long enough
 * to be unguessable, so that a token split at its dots is still masked.
 */
final class TokenForms {

    /** Shorter JWT parts (a small header) could match ordinary log text; 20 characters carry ~120 bits. */
    static final int MIN_PART_LENGTH = 20;

    private TokenForms() {}

    static List<String> of(String token) {
        List<String> forms = new ArrayList<>();
        forms.add(token);
        String[] parts = token.split("\\.");
        if (parts.length > 1) {
            for (String part : parts) {
                if (part.length() >= MIN_PART_LENGTH) {
                    forms.add(part);
                }
            }
        }
        return forms;
    }
}
