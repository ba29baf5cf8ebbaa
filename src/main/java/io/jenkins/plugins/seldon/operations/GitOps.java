package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitOps side of a namespace whose resources Seldon keeps in git: its status, a resource's history (one commit
 * per write, with the author), what a commit changed, and rolling a SeldonDeployment back, by reverting one commit or
 * by restoring its state at a commit, each a new commit with the build's audit message. Reverts and restores exist for
 * SeldonDeployments only, and need Seldon Enterprise Platform 2.1 or newer, as does the history of Models and
 * Experiments.
 */
public final class GitOps {

    /** A commit hash as git shows it: 4 to 64 hexadecimal digits (abbreviated, SHA-1 or SHA-256). */
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{4,64}");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos);");

    private final SeldonClient client;
    private final LogSink log;
    private final String auditMessage;

    /** @param auditMessage the {@code message} a revert or restore sends, e.g. from {@link AuditMessages#message} */
    public GitOps(SeldonClient client, LogSink log, String auditMessage) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
        this.auditMessage = auditMessage;
    }

    /** The namespace's GitOps status as the API reports it (its shape is not documented). */
    public JsonNode status(String namespace) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        JsonNode status = client.gitOpsStatus(namespace);
        log.info("Read the GitOps status of namespace " + namespace);
        return status;
    }

    /**
     * A resource's commits, as the server orders them (newest first), each logged as one line ({@link #line}).
     *
     * @param name for an Experiment, its own name (the API keeps the history per experiment)
     */
    public ArrayNode log(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(kind, name);
        ArrayNode commits = client.gitLog(kind, namespace, name);
        log.info("Git history of " + kind.kind() + " " + namespace + "/" + name + ": " + commits.size() + " commit"
                + (commits.size() == 1 ? "" : "s"));
        for (JsonNode commit : commits) {
            log.info("  " + line(commit));
        }
        return commits;
    }

    /** {@code 1a2b3c4 2024-05-01T10:00:00Z Jane Doe}: the short hash, the author's time and name. */
    public static String line(JsonNode commit) {
        String hash = commit.path("Hash").asText("");
        String when = commit.path("AuthorWhen").asText(commit.path("CommitterWhen").asText(""));
        String who = commit.path("AuthorName").asText(commit.path("CommitterName").asText(""));
        return Readiness.clean((hash.length() > 7 ? hash.substring(0, 7) : hash) + " " + when + " " + who);
    }

    /**
     * What a commit changed in a resource, with its {@code Diff} as plain text (the API sends it HTML-escaped).
     *
     * @param hash the commit, or {@code null} for the resource's latest
     */
    public ObjectNode diff(ResourceKind kind, String namespace, String name, String hash)
            throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(kind, name);
        if (hash != null) {
            checkHash(hash);
        }
        ObjectNode diff = client.gitDiff(kind, namespace, name, hash);
        if (diff.path("Diff").isTextual()) {
            diff.put("Diff", unescapeHtml(diff.path("Diff").asText()));
        }
        log.info("Read what commit " + diff.path("CommitHash").asText(hash == null ? "(latest)" : hash) + " changed in "
                + kind.kind() + " " + namespace + "/" + name);
        return diff;
    }

    /** Reverts one commit of a SeldonDeployment with a new commit. */
    public Change revert(String namespace, String name, String hash) throws IOException, InterruptedException {
        return rollBack(Change.Action.REVERTED, namespace, name, hash);
    }

    /** Puts a SeldonDeployment back in its state at a commit, with a new commit. */
    public Change restore(String namespace, String name, String hash) throws IOException, InterruptedException {
        return rollBack(Change.Action.RESTORED, namespace, name, hash);
    }

    private Change rollBack(Change.Action action, String namespace, String name, String hash)
            throws IOException, InterruptedException {
        Names.checkNamespace(namespace);
        Names.checkName(ResourceKind.SELDON_DEPLOYMENT, name);
        if (hash == null) {
            throw new InvalidInputException("Give the commit to " + (action == Change.Action.REVERTED ? "revert"
                    : "restore") + " as its hash; the deployment's history lists them");
        }
        checkHash(hash);
        WriteAudit audit = new WriteAudit(AuditMessages.action(ResourceKind.SELDON_DEPLOYMENT, action), auditMessage);
        ObjectNode answer = action == Change.Action.REVERTED ? client.gitRevert(namespace, name, hash, audit)
                : client.gitRestore(namespace, name, hash, audit);
        String said = answer.path("message").asText("");
        Change change = new Change(action, false, ResourceKind.SELDON_DEPLOYMENT, namespace, name, null, null,
                audit.action(), audit.message(), List.of(), "commit " + hash
                        + (said.isBlank() ? "" : ": " + Readiness.clean(said)));
        log.info(change.describe());
        return change;
    }

    private static void checkHash(String hash) throws InvalidInputException {
        if (!HASH.matcher(hash).matches()) {
            throw new InvalidInputException("'" + Readiness.clean(hash) + "' is not a commit hash: 4 to 64 hexadecimal"
                    + " digits, as the history lists them");
        }
    }

    /** HTML character references and the five named ones, as the API escapes a diff. */
    static String unescapeHtml(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
                            ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
                    yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
