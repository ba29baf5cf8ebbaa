package io.jenkins.plugins.seldon.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fuzz target: the API client's handling of whatever the API answers (status, headers, body) to each kind of call.
 * The first line of an input names the call ({@code get}, {@code list}, {@code create}, {@code update},
 * {@code delete}, {@code user}); see {@link FuzzAnswer} for the rest. Only {@code SeldonException}s may come out.
 */
public final class ApiAnswerFuzzer {

    private static final List<String> CALLS = List.of("get", "list", "create", "update", "delete", "user");
    private static final AtomicReference<FuzzAnswer> ANSWER = new AtomicReference<>();
    private static final SeldonClient CLIENT;

    static {
        FuzzSupport.SERVER.on("/seldon-deploy/api/v1alpha1/user", (ex, r) -> ANSWER.get().send(ex));
        FuzzSupport.SERVER.on("/seldon-deploy/api/v1alpha1/namespaces/ns/seldondeployments",
                (ex, r) -> ANSWER.get().send(ex));
        FuzzSupport.SERVER.on("/seldon-deploy/api/v1alpha1/namespaces/ns/seldondeployments/sd",
                (ex, r) -> ANSWER.get().send(ex));
        RequestAuthenticator token = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                return AuthHeader.bearer(SecretText.of("fuzz-token"), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {
            }

            @Override
            public String describe() {
                return "the fuzz principal";
            }
        };
        CLIENT = new SeldonClient(new ServerSettings(FuzzSupport.SERVER.url(), TlsSettings.verify(),
                Duration.ofSeconds(2), Duration.ofSeconds(2)), token, FuzzSupport.HTTP).withCallTimeout(Duration.ofSeconds(10));
    }

    private ApiAnswerFuzzer() {
    }

    /** Called by Jazzer before fuzzing: loads what the first input would, outside its timeout. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("get\n200\nContent-Type: application/json\n\n{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        FuzzAnswer answer = FuzzAnswer.parse(data);
        ANSWER.set(answer);
        int call = CALLS.indexOf(answer.first());
        if (call < 0) {
            call = Math.floorMod(answer.first().hashCode(), CALLS.size());
        }
        ResourceKind sd = ResourceKind.SELDON_DEPLOYMENT;
        try {
            switch (CALLS.get(call)) {
                case "get" -> CLIENT.get(sd, "ns", "sd");
                case "list" -> CLIENT.list(sd, "ns");
                case "create" -> CLIENT.create(sd, "ns", manifest(), new WriteAudit("fuzz", "fuzz"));
                case "update" -> CLIENT.update(sd, "ns", "sd", manifest(), WriteAudit.NONE);
                case "delete" -> CLIENT.delete(sd, "ns", "sd", WriteAudit.NONE);
                default -> CLIENT.user();
            }
        } catch (Throwable t) {
            FuzzSupport.expected(t);
        }
        FuzzSupport.assertStayedLocal();
    }

    private static ObjectNode manifest() {
        ObjectNode m = Json.object().put("apiVersion", "machinelearning.seldon.io/v1").put("kind", "SeldonDeployment");
        m.putObject("metadata").put("name", "sd");
        return m;
    }
}
