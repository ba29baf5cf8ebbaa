package io.jenkins.plugins.seldon.operations;

import static io.jenkins.plugins.seldon.operations.Readiness.join;
import static io.jenkins.plugins.seldon.operations.Readiness.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A short account of the Kubernetes resources behind a SeldonDeployment ({@code GET .../resources}), for the message
 * of a failed wait: how many pods are ready, and for those that are not, their phase and the containers that are not
 * ready with their state ({@code ImagePullBackOff}, {@code CrashLoopBackOff}...), its message and the reason they last
 * terminated; Kubernetes Deployments short of replicas with their conditions that are not {@code True} (such as a
 * quota that forbids the pods).
 *
 * <p>Bounded: at most {@value #MAX_ITEMS} pods and Deployments are described (then how many more), each server text
 * is cut to {@value #MAX_TEXT} characters and the whole to {@value #MAX_LENGTH}. Pods and Deployments are read in the
 * Kubernetes shape ({@code metadata.name}) and in the flat one of the spec's schemas ({@code name}).
 */
final class DeploymentResources {

    static final int MAX_ITEMS = 5;
    static final int MAX_TEXT = 200;
    static final int MAX_LENGTH = 1500;

    private DeploymentResources() {}

    /** @param components the API's answer: one element per component, with {@code pods} and {@code deployments} */
    static String summarize(JsonNode components) {
        int pods = 0;
        int readyPods = 0;
        List<String> problems = new ArrayList<>();
        int undescribed = 0;
        for (JsonNode component : components) {
            String name = text(component.path("component"));
            for (JsonNode pod : component.path("pods").path("items")) {
                pods++;
                if (isReady(pod)) {
                    readyPods++;
                } else if (problems.size() < MAX_ITEMS) {
                    problems.add(describePod(pod, name));
                } else {
                    undescribed++;
                }
            }
            for (JsonNode deployment : component.path("deployments").path("items")) {
                String problem = describeDeployment(deployment);
                if (problem == null) {
                    continue;
                }
                if (problems.size() < MAX_ITEMS) {
                    problems.add(problem);
                } else {
                    undescribed++;
                }
            }
        }
        StringBuilder out = new StringBuilder(pods == 0 ? "no pods" : readyPods + " of " + pods + " pods ready");
        for (String problem : problems) {
            out.append("; ").append(problem);
        }
        if (undescribed > 0) {
            out.append("; and ").append(undescribed).append(" more not ready");
        }
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH) + "...";
    }

    private static boolean isReady(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (text(condition.path("type")).equals("Ready")) {
                return text(condition.path("status")).equals("True");
            }
        }
        JsonNode containers = pod.path("status").path("containerStatuses");
        if (!containers.isArray() || containers.isEmpty()) {
            return false;
        }
        for (JsonNode container : containers) {
            if (!container.path("ready").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    private static String describePod(JsonNode pod, String component) {
        JsonNode status = pod.path("status");
        StringBuilder out = new StringBuilder("pod ").append(name(pod));
        if (!component.isEmpty()) {
            out.append(" (").append(component).append(')');
        }
        String phase = text(status.path("phase"));
        out.append(' ').append(phase.isEmpty() ? "not ready" : phase);
        String reason = cut(join(text(status.path("reason")), text(status.path("message"))));
        if (!reason.isEmpty()) {
            out.append(": ").append(reason);
        }
        for (String field : List.of("initContainerStatuses", "containerStatuses")) {
            for (JsonNode container : status.path(field)) {
                if (!container.path("ready").asBoolean(false)) {
                    String state = describeContainer(container);
                    if (!state.isEmpty()) {
                        out.append(", container ").append(text(container.path("name"))).append(' ').append(state);
                    }
                }
            }
        }
        return out.toString();
    }

    /** E.g. {@code waiting: ImagePullBackOff: Back-off pulling image "x" (3 restarts; last terminated: OOMKilled)}. */
    private static String describeContainer(JsonNode container) {
        JsonNode state = container.path("state");
        String now = "";
        for (String kind : List.of("waiting", "terminated")) {
            JsonNode s = state.path(kind);
            if (s.isObject()) {
                String detail = cut(join(text(s.path("reason")), text(s.path("message"))));
                now = kind + (detail.isEmpty() ? "" : ": " + detail);
                break;
            }
        }
        if (now.isEmpty() && state.path("running").isObject()) {
            now = "running, not ready";
        }
        List<String> extra = new ArrayList<>();
        int restarts = container.path("restartCount").asInt(0);
        if (restarts > 0) {
            extra.add(restarts + " restart" + (restarts == 1 ? "" : "s"));
        }
        JsonNode last = container.path("lastState").path("terminated");
        if (last.isObject()) {
            String lastReason = text(last.path("reason"));
            String exit = last.path("exitCode").isNumber() ? "exit code " + last.path("exitCode").asInt() : "";
            extra.add("last terminated: " + join(lastReason, exit));
        }
        return now + (extra.isEmpty() ? "" : " (" + String.join("; ", extra) + ")");
    }

    /** A Deployment with fewer available replicas than wanted, and its conditions that are not True; else null. */
    private static String describeDeployment(JsonNode deployment) {
        JsonNode status = deployment.path("status");
        int wanted = deployment.path("spec").path("replicas").asInt(status.path("replicas").asInt(0));
        int available = status.path("availableReplicas").asInt(0);
        if (available >= wanted) {
            return null;
        }
        StringBuilder out = new StringBuilder("deployment ").append(name(deployment)).append(": ").append(available)
                .append('/').append(wanted).append(" replicas available");
        for (JsonNode condition : status.path("conditions")) {
            if (!text(condition.path("status")).equals("True")) {
                String detail = cut(join(text(condition.path("reason")), text(condition.path("message"))));
                out.append(", ").append(text(condition.path("type"))).append(detail.isEmpty() ? "" : ": " + detail);
            }
        }
        return out.toString();
    }

    private static String name(JsonNode resource) {
        String name = text(resource.path("metadata").path("name"));
        return name.isEmpty() ? text(resource.path("name")) : name;
    }

    private static String cut(String text) {
        String clean = Readiness.clean(text);
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT) + "...";
    }
}
