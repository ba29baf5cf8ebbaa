package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON a build sends as it is: parsed whole, its mistakes shown where they are and no longer than a line. */
class PayloadsTest {

    @Test
    void noTextIsNoJson() {
        assertEquals("payload.json: there is no JSON",
                assertThrows(InvalidInputException.class, () -> Payloads.parse(null, "payload.json")).getMessage());
        assertEquals("json: there is no JSON",
                assertThrows(InvalidInputException.class, () -> Payloads.parse(" \n", "json")).getMessage());
    }

    @Test
    void aMistakeIsShownAtItsLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Payloads.parse("{\n  \"a\": [1,\n}", "payload.json"));

        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("payload.json (line 3, column " + e.column() + "): not JSON: "
                + "Unexpected character ('}'"), e.getMessage());
        assertTrue(e.column() > 0);
    }

    @Test
    void aLongReasonIsCutAt200Characters() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Payloads.parse("x".repeat(300), "json"));

        String reason = e.getMessage().substring(e.getMessage().indexOf("not JSON: ") + "not JSON: ".length());
        assertEquals(203, reason.length(), reason);
        assertTrue(reason.startsWith("Unrecognized token 'xxx") && reason.endsWith("..."), reason);
    }

    @Test
    void aWorkspaceFileIsReadAsJson() throws Exception {
        assertEquals(Json.object().put("a", 1), Payloads.read(new ByteArrayInputStream("{\"a\": 1}"
                .getBytes(StandardCharsets.UTF_8)), "payload.json"));
    }
}
