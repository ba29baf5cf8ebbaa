package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.function.UnaryOperator;

/**
 * Roll a SeldonDeployment back in its GitOps namespace: revert the commit {@code hash} or restore the state at it, each
 * a new commit with the audit message. The Pipeline steps are one per action; a form chooses it. The kind is
 * {@link ResourceParameters}'s default, a SeldonDeployment.
 */
public final class RollbackParameters extends ResourceParameters {

    private static final long serialVersionUID = 1L;

    private String hash;
    private String message;
    private RollbackAction action;

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = text(hash);
    }

    /** The audit message recorded with the commit; null for the build's default. */
    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = text(message);
    }

    /** For a form: revert or restore; none by default, so that nothing is rolled back by omission. */
    public RollbackAction getAction() {
        return action;
    }

    public void setAction(RollbackAction action) {
        this.action = action;
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        if (hash == null) {
            throw new InvalidInputException("Give the commit as " + labels.of("hash") + " (its hash, as the"
                    + " deployment's git history lists it)");
        }
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        hash = text(variables.apply(hash));
        message = text(variables.apply(message));
    }
}
