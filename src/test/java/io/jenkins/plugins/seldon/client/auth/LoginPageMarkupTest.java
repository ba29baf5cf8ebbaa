package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** How the login page reader reads markup that real login pages use, field by field and character by character. */
class LoginPageMarkupTest {

    private static final HttpUrl PAGE = HttpUrl.get("https://login.example.com/dex/auth/local?req=r1");

    private static LoginPage.Form onlyForm(String html) {
        List<LoginPage.Form> forms = LoginPage.parse(html, PAGE).forms();
        assertEquals(1, forms.size(), html);
        return forms.get(0);
    }

    private static List<Map.Entry<String, String>> submitted(String fields) {
        LoginPage.Form form = onlyForm("<form method=post>" + fields + "</form>");
        return form.submission(form.userField(), "alice", SecretText.of("pw"));
    }

    @Test
    void aBrowsersSubmissionOfEachKindOfField() {
        assertEquals(List.of(Map.entry("u", "alice"), Map.entry("p", "pw"), Map.entry("keep", "on"),
                Map.entry("color", "blue"), Map.entry("h", "v"), Map.entry("go", "Go")),
                submitted("<input name=u><input type=password name=p>"
                        + "<input type=checkbox name=keep checked><input type=checkbox name=no value=x>"
                        + "<input type=radio name=color value=red><input type=radio name=color value=blue checked>"
                        + "<input type=hidden name=h value=v><input type=hidden name=off value=x disabled>"
                        + "<input type=hidden value=nameless>"
                        + "<input type=image name=img><input type=reset name=r><input type=file name=f>"
                        + "<button type=button name=b>B</button>"
                        + "<input type=submit name=go value=Go><button name=second value=2>Second</button>"));
    }

    @Test
    void withoutAPasswordThePasswordFieldIsLeftOut() {
        LoginPage.Form form = onlyForm("<form method=post><input name=u value=x><input type=password name=p></form>");
        assertEquals(List.of(Map.entry("u", "x")), form.submission(null, null, null));
    }

    @Test
    void typesAndMethodsAreReadWhateverTheirCaseAndSpacing() {
        LoginPage.Form form = onlyForm("<FORM METHOD=' Post ' ACTION='  /dex/login  '><INPUT NAME=User>"
                + "<input type=' PASSWORD ' name=p><Button>Sign in</Button></FORM>");
        assertEquals("post", form.method());
        assertEquals(HttpUrl.get("https://login.example.com/dex/login"), form.action());
        assertEquals(List.of("text", "password", "submit"), form.fields().stream().map(LoginPage.Field::type)
                .toList());
        assertEquals("User", form.userField().name());
    }

    @Test
    void aFormWithoutMethodGetsAndOneWithABlankActionPostsToThePage() {
        LoginPage.Form form = onlyForm("<form action='  '><input type=password name=p></form>");
        assertEquals("get", form.method());
        assertEquals(PAGE, form.action());
    }

    @Test
    void aFormWhoseActionIsNoHttpUrlHasNoAction() {
        assertNull(onlyForm("<form method=post action='javascript:submit()'><input type=password name=p></form>")
                .action());
    }

    @Test
    void fieldsOutsideAFormBelongToNoForm() {
        LoginPage page = LoginPage.parse("<input type=password name=before><form method=post><input name=u>"
                + "</form><input type=password name=after>", PAGE);
        assertEquals(1, page.forms().size());
        assertEquals(List.of("u"), page.forms().get(0).fields().stream().map(LoginPage.Field::name).toList());
        assertNull(page.passwordForm());
    }

    @Test
    void theUserFieldIsTheFirstKnownNameElseTheLastEnabledTextField() {
        assertEquals("username", onlyForm("<form><input name=username><input name=email type=email>"
                + "<input name=p type=password></form>").userField().name());
        assertEquals("USERNAME", onlyForm("<form><input name=USERNAME><input name=other>"
                + "<input name=p type=password></form>").userField().name());
        assertEquals("a", onlyForm("<form><input name=a><input name=b disabled><input name=h type=hidden>"
                + "<input name=c type=checkbox><input type=text><input name=p type=password></form>").userField()
                .name());
        assertEquals("phone", onlyForm("<form><input name=phone type=tel><input name=p type=password></form>")
                .userField().name());
        assertEquals("x", onlyForm("<form><input name=x type=''><input name=p type=password></form>")
                .userField().name());
        assertNull(onlyForm("<form><input name=username disabled><input name=p type=password></form>").userField());
    }

    @Test
    void onlyAnApproveValueOutsideAPasswordFieldIsDexsApproval() {
        assertNull(LoginPage.parse("<form method=post><input type=password name=approval value=approve></form>",
                PAGE).approvalForm());
        assertNull(LoginPage.parse("<form method=post><input type=hidden name=approved value=approve></form>",
                PAGE).approvalForm());
        assertNotNull(LoginPage.parse("<form method=post><button name=approval value=approve>Grant</button></form>",
                PAGE).approvalForm());
    }

    @Test
    void attributesQuotedOrNotWithSpacesAroundTheirEqualSign() {
        LoginPage.Form form = onlyForm("<form><input name = \"a b\" value='x\"y' type=hidden>"
                + "<input =stray name=second name=ignored value=v2 type=hidden disabled>"
                + "<input name=third value=\"unterminated></form>");
        List<LoginPage.Field> fields = form.fields();
        assertEquals(new LoginPage.Field("a b", "hidden", "x\"y", false, false), fields.get(0));
        assertEquals(new LoginPage.Field("second", "hidden", "v2", false, true), fields.get(1));
        assertEquals("third", fields.get(2).name());
        assertEquals("unterminated></form>", fields.get(2).value());
    }

    @Test
    void aQuotedValueEndingInAGreaterThanSignDoesNotEndItsTag() {
        LoginPage.Form form = onlyForm("<form><input type=submit value=\"Next >\" name=next></form>");
        assertEquals(List.of(Map.entry("next", "Next >")), form.submission(null, null, null));
    }

    @Test
    void elementsWhoseNameOnlyStartsLikeAFormAreNoForms() {
        assertTrue(LoginPage.parse("<form-like method=post><input type=password name=p></form-like>"
                + "<form:x method=post><input type=password name=q></form:x><formx></formx>", PAGE).forms()
                .isEmpty());
    }

    @Test
    void declarationsCommentsAndScriptsAreNoMarkup() {
        LoginPage page = LoginPage.parse("<?xml version='1.0'?><!DOCTYPE html><!-- <form></form> -->"
                + "<!-- a > b <form method=post><input type=password name=x></form> --><!-- right after -->"
                + "<SCRIPT>if (a</b) { x = '<form>'; }</Script><style>p</style>"
                + "<script>document.write('<b>bold</b><form method=post><input type=password name=y></form>')"
                + "</script><form method=post><input type=password name=p></form><script>never ended <form>", PAGE);
        assertEquals(List.of("p"), page.forms().stream().map(f -> f.fields().get(0).name()).toList());
        assertTrue(LoginPage.parse("<!-- never ended <form>", PAGE).forms().isEmpty());
    }

    @Test
    void commentsDeclarationsAndProcessingInstructionsInAnErrorAreNotItsText() {
        assertEquals("Wrong password, try again now", LoginPage.parse("<p class=error>Wrong<!-- message -->"
                + "password,<![CDATA[x]]>try again<?php echo ?>now</p>", PAGE).errorText());
    }

    @Test
    void linksAreResolvedAndOnlyHttpOnesKept() {
        LoginPage page = LoginPage.parse("<a>none</a><a href='  /dex/auth/ldap  '>ldap</a>"
                + "<a href=mailto:x@example.com>mail</a><A HREF=local>local</A>", PAGE);
        assertEquals(List.of(HttpUrl.get("https://login.example.com/dex/auth/ldap"),
                HttpUrl.get("https://login.example.com/dex/auth/local")), page.links());
    }

    @Test
    void theErrorIsTheTextOfTheFirstNonEmptyElementNamingAnErrorOrAlert() {
        assertEquals("Second", LoginPage.parse("<div class=error> </div><p ID=Login-ERROR>Second</p>"
                + "<p class=error>Third</p>", PAGE).errorText());
        assertEquals("outer inner tail", LoginPage.parse("<div class='alert'>outer <div>inner</div> tail</div>"
                + "<div>after</div>", PAGE).errorText());
        assertEquals("a < b and c", LoginPage.parse("<span class=error>a < b <script>var s = 'x';</script>"
                + "and\n\t c</span>", PAGE).errorText());
        assertNull(LoginPage.parse("<input class=error value=x><p>plain</p>", PAGE).errorText(),
                "an input has no text");
        assertNull(LoginPage.parse("<p class=info>fine</p>", PAGE).errorText());
        assertEquals("typed", LoginPage.parse("<div class=error><textarea>typed</textarea></div>", PAGE)
                .errorText());
        assertEquals("Error: Invalid password.", LoginPage.parse("<div class='alert alert-error'><svg><title>Error:"
                + "</title></svg> Invalid password.</div>", PAGE).errorText(), "an icon's title is text");
    }

    @Test
    void anErrorElementInsideAnotherIsPartOfItsText() {
        assertEquals("Sign-in failed: invalid password.", LoginPage.parse("<div class=alert>Sign-in failed: "
                + "<span class=error>invalid password.</span></div>", PAGE).errorText());
    }

    @Test
    void anInputMarkedAsInErrorDoesNotHideTheMessageAfterIt() {
        assertEquals("Invalid user name.", LoginPage.parse("<input name=username class='form-control error'>"
                + "<span class=error>Invalid user name.</span>", PAGE).errorText());
    }

    @Test
    void theWhiteSpaceOfAnIndentedErrorCountsForNothing() {
        String indent = "\n" + " ".repeat(40);
        assertEquals("Invalid password.", LoginPage.parse("<div class=error>" + indent.repeat(30) + "<span>"
                + indent.repeat(30) + "Invalid password.</span></div>", PAGE).errorText());
        assertEquals("Second", LoginPage.parse("<div class=error>" + indent.repeat(30) + "<span>" + indent
                + "</span>" + indent + "</div><p class=error>Second</p>", PAGE).errorText());
    }

    @Test
    void aLongErrorIsCutToThreeHundredCharacters() {
        String exact = "x".repeat(300);
        assertEquals(exact, LoginPage.parse("<p class=error>" + exact + "</p>", PAGE).errorText());
        String longer = "y".repeat(2000);
        assertEquals("y".repeat(300) + "...", LoginPage.parse("<p class=error>" + longer + "</p>", PAGE)
                .errorText());
        String words = "word ".repeat(200);
        String error = LoginPage.parse("<p class=error>" + words + "</p>", PAGE).errorText();
        assertEquals(words.substring(0, 300) + "...", error);
        assertEquals(exact + "...", LoginPage.parse("<p class=error>" + exact + "<b>and more</b></p>", PAGE)
                .errorText(), "three hundred characters and more in another element");
    }

    @Test
    void characterReferences() {
        assertEquals("& < > \" '  ", LoginPage.decode("&amp; &lt; &gt; &quot; &apos; &nbsp;"));
        assertEquals("AAA", LoginPage.decode("&#65;&#x41;&#X41;"));
        assertEquals("a\tb", LoginPage.decode("a&#9;b"), "one digit");
        assertEquals("&a65; &x41;", LoginPage.decode("&a65; &x41;"), "a number without '#' is no reference");
        assertEquals("A", LoginPage.decode("&#00000065;"), "nine characters between & and ;");
        assertEquals("&#000000065;", LoginPage.decode("&#000000065;"), "ten are not a reference");
        assertEquals("&#0; &#; &#x110000; &#xFFFFFFFF; &#12a; &bogus; &x", LoginPage.decode(
                "&#0; &#; &#x110000; &#xFFFFFFFF; &#12a; &bogus; &x"));
        assertEquals("a&b &amp c", LoginPage.decode("a&b &amp c"));
        assertEquals("\uD83D\uDE00!", LoginPage.decode("&#x1F600;!"));
        assertEquals("plain", LoginPage.decode("plain"));
    }
}
