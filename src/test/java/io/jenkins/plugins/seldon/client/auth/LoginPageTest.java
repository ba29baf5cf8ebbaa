package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class LoginPageTest {

    private static final HttpUrl PAGE = HttpUrl.get("https://login.example.com/realms/r/protocol/openid-connect/auth"
            + "?client_id=gw&state=s");

    /** A login page shaped as Keycloak renders one: the form's action on its own path, with entities in it. */
    private static final String KEYCLOAK_LIKE = """
            <!DOCTYPE html>
            <html><head><title>Sign in to deploy-realm</title>
            <script type="module">const f = "<form><input type=password></form>";</script></head>
            <body>
            <!-- <form action="https://evil.example.com"><input type="password" name="x"></form> -->
            <form id="kc-form-login" onsubmit="login.disabled = true; return true;"
                  action="https://login.example.com/realms/r/login-actions/authenticate?session_code=a&amp;execution=b&amp;client_id=gw"
                  method="post" novalidate="novalidate">
              <input tabindex="2" id="username" class="pf-c-form-control" name="username" value="" type="text"
                     autocomplete="username" autofocus aria-invalid="true"/>
              <span id="input-error" class="pf-c-form__helper-text pf-m-error" aria-live="polite">
                  Invalid username or password.
              </span>
              <input tabindex="3" id="password" class="pf-c-form-control" name="password" type="password"/>
              <input type="checkbox" id="rememberMe" name="rememberMe">
              <input type="hidden" id="id-hidden-input" name="credentialId"/>
              <input tabindex="7" class="pf-c-button" name=login id=kc-login type=submit value="Sign In"/>
            </form></body></html>
            """;

    @Test
    void readsAKeycloakLikeLoginForm() {
        LoginPage page = LoginPage.parse(KEYCLOAK_LIKE, PAGE);
        assertEquals(1, page.forms().size(), "forms in comments and scripts are not forms");
        LoginPage.Form form = page.passwordForm();
        assertEquals("post", form.method());
        assertEquals("https://login.example.com/realms/r/login-actions/authenticate?session_code=a&execution=b"
                + "&client_id=gw", form.action().toString());
        assertEquals("username", form.userField().name());
        assertEquals(List.of(Map.entry("username", "alice"), Map.entry("password", "pw"), Map.entry("credentialId", ""),
                Map.entry("login", "Sign In")), form.submission(form.userField(), "alice", SecretText.of("pw")));
        assertEquals("Invalid username or password.", page.errorText());
        assertNull(page.approvalForm());
    }

    @Test
    void aFormWithoutActionPostsToThePageAndDexsApprovalIsFound() {
        String html = "<form method=post><input type=hidden name=req value=r1><input type=hidden name=approval "
                + "value=rejected><button>Cancel</button></form>"
                + "<form method=POST><input type=hidden name=req value=r1><input type=hidden name=approval value=approve>"
                + "<button type=submit>Grant Access</button></form>";
        LoginPage page = LoginPage.parse(html, PAGE);
        LoginPage.Form approval = page.approvalForm();
        assertNotNull(approval);
        assertEquals(PAGE, approval.action());
        assertEquals(List.of(Map.entry("req", "r1"), Map.entry("approval", "approve")),
                approval.submission(null, null, null));
        assertNull(page.passwordForm());
    }

    @Test
    void choosesTheUserFieldByNameElseTheTextFieldBeforeThePassword() {
        LoginPage.Form named = LoginPage.parse("<form method=post><input name=email type=email><input name=login>"
                + "<input name=password type=password></form>", PAGE).passwordForm();
        assertEquals("email", named.userField().name());
        LoginPage.Form unnamed = LoginPage.parse("<form method=post><input name=a><input name=b>"
                + "<input name=pw type=password><input name=c></form>", PAGE).passwordForm();
        assertEquals("b", unnamed.userField().name());
        LoginPage.Form none = LoginPage.parse("<form method=post><input name=pw type=password></form>", PAGE)
                .passwordForm();
        assertNull(none.userField());
    }

    @Test
    void decodesCharacterReferencesAndResolvesLinks() {
        LoginPage page = LoginPage.parse("<a href='/dex/auth/local?x=1&amp;y=&#50;'>local</a><a href=javascript:x()>j"
                + "</a><div class='alert alert-error'>Bad &lt;input&gt; &#x263A; &unknown; &amp</div>", PAGE);
        assertEquals(List.of(HttpUrl.get("https://login.example.com/dex/auth/local?x=1&y=2")), page.links());
        assertEquals("Bad <input> \u263A &unknown; &amp", page.errorText());
    }

    @Test
    void malformedMarkupIsReadAsFarAsItGoes() {
        for (String html : new String[] {"", "<", "</", "<form", "<form method='post", "<input name=\"a",
                "<!--", "<!DOCTYPE html", "<script>", "<<>>", "< form>", "<a href=>",
                "<form><input type=password name=p value=\"", "<div class=error><div>nested</div>",
                "&#xFFFFFFFF; &#0; &#;"}) {
            LoginPage page = LoginPage.parse(html, PAGE);
            assertNotNull(page.forms(), html);
        }
        LoginPage cut = LoginPage.parse("<form method=post><input name=u><input type=password name=p", PAGE);
        assertEquals("p", cut.passwordForm().passwordFields().get(0).name());
        for (String end : new String[] {" autofocus", " autofocus ", " value=", " value= ", " /"}) {
            LoginPage cutInTag = LoginPage.parse("<form method=post><input type=password name=p" + end, PAGE);
            assertEquals(new LoginPage.Field("p", "password", "", false, false),
                    cutInTag.passwordForm().passwordFields().get(0), "cut after \"" + end + "\"");
        }
        assertTrue(LoginPage.parse("<textarea><form><input type=password></form></textarea>", PAGE).forms()
                .isEmpty(), "a textarea's content is text");
    }
}
