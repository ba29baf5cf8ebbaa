package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who am I against answers the stateful fake never gives: fields null or blank, no groups, versions without a release
 * ({@link ApiCallsTest} has the usual answers).
 */
class ServerInfoTest {

    private final CannedApi api = new CannedApi();
    private final RecordingLog log = new RecordingLog();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void missingNullOrBlankFieldsFallBackAndAVersionWithoutAReleaseIsNoWarning() throws Exception {
        api.answer("GET", "/user", 200, "{'Id': 'u-1', 'Name': null, 'Email': ' ', 'Groups': [null, 'ops', {}]}");
        api.answer("GET", "/version", 200, "{'BuildVersion': 'dev-build'}");

        Map<String, Object> me = ServerInfo.whoAmI(api.client, log, "prod");

        Map<String, Object> user = new java.util.HashMap<>();
        user.put("id", "u-1");
        user.put("name", null);
        user.put("email", null);
        user.put("groups", List.of("ops"));
        assertEquals(user, me.get("user"));
        assertNull(me.get("release"));
        assertNull(me.get("supported"));
        assertEquals(List.of("Server prod (" + api.client.apiUrl() + ") runs Seldon Enterprise Platform dev-build;"
                + " this build acts as u-1 (groups: ops)"), log.lines);
    }

    @Test
    void anAnswerWithoutNamesOrVersionSaysSo() throws Exception {
        api.answer("GET", "/user", 200, "{'Name': ''}");
        api.answer("GET", "/version", 200, "{}");

        Map<String, Object> me = ServerInfo.whoAmI(api.client, log, "prod");

        assertNull(me.get("release"));
        assertEquals(List.of("Server prod (" + api.client.apiUrl() + ") runs Seldon Enterprise Platform of an unknown"
                + " version; this build acts as ?"), log.lines);
    }
}
