package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.ServerVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a build is to a server and what the server runs, for diagnostics: {@code GET /user} (id, name, e-mail, groups)
 * and {@code GET /version}, read now, with the release compared with the oldest the plugin supports
 * ({@link ServerVersion#MINIMUM_SUPPORTED}).
 */
public final class ServerInfo {

    private ServerInfo() {}

    /**
     * @param server the server's name in Jenkins, for the log and the result
     * @return {@code server}, {@code apiUrl}, {@code user} ({@code id}, {@code name}, {@code email}, {@code groups}),
     *     {@code version} (the API's {@code VersionInfo}), {@code release} (e.g. {@code 2.4}, or null when the version
     *     says none) and {@code supported} (whether the release is 2.1 or newer; null when unknown)
     */
    public static Map<String, Object> whoAmI(SeldonClient client, LogSink log, String server)
            throws IOException, InterruptedException {
        ObjectNode user = client.user();
        ObjectNode version = client.version();
        String buildVersion = version.path("BuildVersion").asText(null);
        ServerVersion release = ServerVersion.parse(buildVersion);
        List<String> groups = new ArrayList<>();
        user.path("Groups").forEach(g -> {
            if (g.isTextual()) {
                groups.add(g.asText());
            }
        });
        String who = text(user.path("Name"), text(user.path("Id"), "?"));

        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", text(user.path("Id"), null));
        u.put("name", text(user.path("Name"), null));
        u.put("email", text(user.path("Email"), null));
        u.put("groups", groups);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", server);
        result.put("apiUrl", client.apiUrl().toString());
        result.put("user", u);
        result.put("version", PlainJson.toPlain(version));
        result.put("release", release == null ? null : release.toString());
        result.put("supported", release == null ? null : release.isAtLeast(ServerVersion.MINIMUM_SUPPORTED));

        log.info("Server " + server + " (" + client.apiUrl() + ") runs Seldon Enterprise Platform "
                + (buildVersion == null ? "of an unknown version" : Readiness.clean(buildVersion)) + "; this build acts"
                + " as " + Readiness.clean(who) + (groups.isEmpty() ? "" : " (groups: " + Readiness.clean(
                        String.join(", ", groups)) + ")"));
        if (release != null && !release.isAtLeast(ServerVersion.MINIMUM_SUPPORTED)) {
            log.warn("Server " + server + " runs " + release + "; the plugin supports Seldon Enterprise Platform "
                    + ServerVersion.MINIMUM_SUPPORTED + " and newer: reverts, restores and the git history of Models"
                    + " and Experiments are refused there");
        }
        return result;
    }

    /** The value as text; {@code fallback} when it is missing, null, blank or not a value (which read as blank). */
    private static String text(JsonNode node, String fallback) {
        return node.isNull() || node.asText().isBlank() ? fallback : node.asText();
    }
}
