package io.jenkins.plugins.seldon.operations.parameters;

/**
 * How messages name a field: a Pipeline user knows {@code namespace:}, a freestyle user the form's "Namespace". The
 * same check then speaks the words of the screen the user is on.
 */
@FunctionalInterface
public interface FieldLabels {

    /** Pipeline step parameters: {@code file:}. */
    FieldLabels PIPELINE = field -> field + ":";

    /**
     * @param field the property name, e.g. {@code file}
     * @return the label, or null when the field does not exist on this screen (a form has no map field)
     */
    String of(String field);
}
