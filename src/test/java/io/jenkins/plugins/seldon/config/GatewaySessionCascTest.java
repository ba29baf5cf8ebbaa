package io.jenkins.plugins.seldon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.seldon.client.auth.GatewayKind;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class GatewaySessionCascTest {

    @Test
    @ConfiguredWithCode("gateway-session-casc.yml")
    void configuresAndExportsGatewaySessions(JenkinsConfiguredWithCodeRule j) throws Exception {
        SeldonGlobalConfiguration config = SeldonGlobalConfiguration.get();
        GatewaySessionAuthentication kubeflow = assertInstanceOf(GatewaySessionAuthentication.class,
                config.findServer("kubeflow").getAuthentication());
        assertEquals(GatewayKind.OAUTH2_PROXY, kubeflow.getGateway());
        assertEquals("kubeflow-user", kubeflow.getCredentialsId());
        assertNull(kubeflow.getSessionCookieName(), "the gateway's default");
        assertNull(kubeflow.getDexConnector());
        assertNull(kubeflow.getLoginOrigin());

        GatewaySessionAuthentication apache = assertInstanceOf(GatewaySessionAuthentication.class,
                config.findServer("apache").getAuthentication());
        assertEquals(GatewayKind.MOD_AUTH_OPENIDC, apache.getGateway());
        assertEquals("seldon_session", apache.getSessionCookieName());
        assertEquals("local", apache.getDexConnector());
        assertEquals("https://login.example.com", apache.getLoginOrigin());
        assertEquals("seldon-user", apache.overridableCredentialsId());

        // What JCasC exports is what it reads back.
        String exported = j.exportToString(false);
        for (String line : new String[] {"gatewaySession:", "gateway: \"OAUTH2_PROXY\"", "gateway: \"MOD_AUTH_OPENIDC\"",
                "credentialsId: \"kubeflow-user\"", "sessionCookieName: \"seldon_session\"", "dexConnector: \"local\"",
                "loginOrigin: \"https://login.example.com\""}) {
            assertTrue(exported.contains(line), line + " in\n" + exported);
        }
    }
}
