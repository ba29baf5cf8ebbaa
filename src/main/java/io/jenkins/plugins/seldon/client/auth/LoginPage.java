package io.jenkins.plugins.seldon.client.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * What a session login reads in an HTML page: its forms with their fields, its links, and the text of an error
 * message shown on it. A small lenient tokenizer, not a DOM: it reads tags and attributes (quoted or not, with
 * character references), skips comments, scripts and styles, and never fails on malformed markup; whatever it cannot
 * read is simply not found. Nothing on the page is run.
 */
final class LoginPage {

    /** Names that identify the user name field of a login form (Dex: {@code login}; Keycloak: {@code username}). */
    private static final Set<String> USER_FIELD_NAMES =
            Set.of("login", "username", "user", "email", "j_username", "userid", "user_name", "uname");
    private static final Set<String> TEXT_TYPES = Set.of("text", "email", "tel", "");
    /** The elements whose content is not markup, each with the start of the tag that ends it, in any case. */
    private static final Map<String, Pattern> RAW_TEXT = Map.of(
            "script", endTag("script"), "style", endTag("style"), "textarea", endTag("textarea"),
            "title", endTag("title"));
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Set<String> VOID = Set.of("input", "br", "img", "meta", "link", "hr", "source", "wbr");
    private static final int MAX_ERROR_TEXT = 300;

    /** One form control: an input or a button. */
    record Field(String name, String type, String value, boolean checked, boolean disabled) {}

    /** One form: its method (lower case), its action resolved against the page ({@code null} when not http(s)). */
    record Form(String method, HttpUrl action, List<Field> fields) {

        List<Field> passwordFields() {
            return fields.stream().filter(f -> f.type().equals("password")).toList();
        }

        /** The field the user name goes in: a known name before the password field, else the text field before it. */
        Field userField() {
            Field named = null;
            Field last = null;
            for (Field f : fields) {
                if (f.type().equals("password")) {
                    break;
                }
                if (TEXT_TYPES.contains(f.type()) && !f.name().isEmpty() && !f.disabled()) {
                    last = f;
                    if (named == null && USER_FIELD_NAMES.contains(f.name().toLowerCase(Locale.ROOT))) {
                        named = f;
                    }
                }
            }
            return named != null ? named : last;
        }

        /** Whether the form holds {@code name=value} (a hidden input or a button), as Dex's approval form does. */
        boolean holds(String name, String value) {
            return fields.stream().anyMatch(f -> f.name().equals(name) && f.value().equals(value)
                    && !f.type().equals("password"));
        }

        /**
         * What a browser submits: every named, enabled field with its value, checked boxes only, the first named
         * submit button as if clicked, and the user name and password in their fields when given.
         */
        List<Map.Entry<String, String>> submission(Field user, String username, SecretText password) {
            List<Map.Entry<String, String>> values = new ArrayList<>();
            boolean clicked = false;
            for (Field f : fields) {
                if (f.name().isEmpty() || f.disabled()) {
                    continue;
                }
                switch (f.type()) {
                    case "password" -> {
                        if (password != null) {
                            values.add(Map.entry(f.name(), password.reveal()));
                        }
                    }
                    case "checkbox", "radio" -> {
                        if (f.checked()) {
                            values.add(Map.entry(f.name(), f.value().isEmpty() ? "on" : f.value()));
                        }
                    }
                    case "submit" -> {
                        if (!clicked) {
                            clicked = true;
                            values.add(Map.entry(f.name(), f.value()));
                        }
                    }
                    case "image", "reset", "button", "file" -> {
                        // Not submitted, or only when clicked.
                    }
                    default -> values.add(Map.entry(f.name(), f == user ? username : f.value()));
                }
            }
            return values;
        }
    }

    private final List<Form> forms;
    private final List<HttpUrl> links;
    private final String errorText;

    private LoginPage(List<Form> forms, List<HttpUrl> links, String errorText) {
        this.forms = forms;
        this.links = links;
        this.errorText = errorText;
    }

    List<Form> forms() {
        return forms;
    }

    /** The http(s) links of the page, resolved against it. */
    List<HttpUrl> links() {
        return links;
    }

    /** The first form with a password field, or {@code null}. */
    Form passwordForm() {
        return forms.stream().filter(f -> !f.passwordFields().isEmpty()).findFirst().orElse(null);
    }

    /** Dex's approval form: the one that posts {@code approval=approve}, or {@code null}. */
    Form approvalForm() {
        return forms.stream().filter(f -> f.holds("approval", "approve")).findFirst().orElse(null);
    }

    /**
     * The text of the first non-empty element whose id or class names an error or alert (Dex's {@code login-error},
     * Keycloak's {@code input-error}), white space collapsed and cut to a few hundred characters; or {@code null}.
     */
    String errorText() {
        return errorText;
    }

    private static Pattern endTag(String tag) {
        return Pattern.compile("</" + tag, Pattern.CASE_INSENSITIVE);
    }

    /** Reads {@code html}, resolving URLs against {@code base}, the page's own URL. */
    static LoginPage parse(String html, HttpUrl base) {
        Parser p = new Parser(html, base);
        p.run();
        return new LoginPage(List.copyOf(p.forms), List.copyOf(p.links), p.error);
    }

    private static final class Parser {
        private final String html;
        private final HttpUrl base;
        private final List<Form> forms = new ArrayList<>();
        private final List<HttpUrl> links = new ArrayList<>();
        private List<Field> fields;
        private String error;
        // The element whose text is being read as an error message, how deep inside it the parser is, and its text
        // so far, white space collapsed; all three only while such an element is open.
        private String capturing;
        private int depth;
        private StringBuilder captured;

        Parser(String html, HttpUrl base) {
            this.html = html;
            this.base = base;
        }

        void run() {
            int n = html.length();
            int i = 0;
            // Text after the last tag is left unread: no element that closes holds it, so it is no error message.
            for (int lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', i)) {
                text(html.substring(i, lt));
                if (html.startsWith("<!--", lt)) {
                    i = past("-->", lt + 4);
                    continue;
                }
                int j = lt + 1;
                boolean closing = j < n && html.charAt(j) == '/';
                if (closing) {
                    j++;
                }
                if (j >= n || !Character.isLetter(html.charAt(j))) {
                    if (html.startsWith("<!", lt) || html.startsWith("<?", lt)) {
                        i = past(">", lt);
                    } else {
                        text("<");
                        i = lt + 1;
                    }
                    continue;
                }
                int start = j;
                while (j < n && (Character.isLetterOrDigit(html.charAt(j)) || html.charAt(j) == '-'
                        || html.charAt(j) == ':')) {
                    j++;
                }
                String tag = html.substring(start, j).toLowerCase(Locale.ROOT);
                Map<String, String> attributes = new LinkedHashMap<>();
                i = attributes(j, attributes);
                if (closing) {
                    close(tag);
                } else {
                    open(tag, attributes);
                    if (RAW_TEXT.containsKey(tag)) {
                        i = endOfRawText(i, tag);
                    }
                }
            }
        }

        /** The index just after the first {@code end} from {@code from} on, or the end of the page. */
        private int past(String end, int from) {
            int at = html.indexOf(end, from);
            return at < 0 ? html.length() : at + end.length();
        }

        /** Reads attributes from {@code j} to the end of the tag; returns the index after the tag. */
        private int attributes(int j, Map<String, String> attributes) {
            int n = html.length();
            while (true) {
                if (j >= n) {
                    return n;
                }
                if (html.charAt(j) == '>') {
                    return j + 1;
                }
                int start = j;
                while (j < n && !Character.isWhitespace(html.charAt(j)) && "=>/".indexOf(html.charAt(j)) < 0) {
                    j++;
                }
                if (j == start) {
                    // White space or a '/' between attributes, or a stray '=' where a name should be: skip it.
                    j++;
                    continue;
                }
                String name = html.substring(start, j).toLowerCase(Locale.ROOT);
                while (j < n && Character.isWhitespace(html.charAt(j))) {
                    j++;
                }
                String value = "";
                if (j < n && html.charAt(j) == '=') {
                    j++;
                    while (j < n && Character.isWhitespace(html.charAt(j))) {
                        j++;
                    }
                    if (j < n && (html.charAt(j) == '"' || html.charAt(j) == '\'')) {
                        char quote = html.charAt(j);
                        int end = html.indexOf(quote, j + 1);
                        end = end < 0 ? n : end;
                        value = html.substring(j + 1, end);
                        j = Math.min(n, end + 1);
                    } else {
                        int vs = j;
                        while (j < n && !Character.isWhitespace(html.charAt(j)) && html.charAt(j) != '>') {
                            j++;
                        }
                        value = html.substring(vs, j);
                    }
                }
                attributes.putIfAbsent(name, decode(value));
            }
        }

        /** The index of the tag that ends a script, style, textarea or title, whose content is not markup. */
        private int endOfRawText(int from, String tag) {
            Matcher endTag = RAW_TEXT.get(tag).matcher(html);
            int end = endTag.find(from) ? endTag.start() : html.length();
            if (tag.equals("title") || tag.equals("textarea")) {
                text(html.substring(from, end));
            }
            return end;
        }

        private void open(String tag, Map<String, String> a) {
            if (tag.equals(capturing)) {
                depth++;
            }
            switch (tag) {
                case "form" -> {
                    // No action, or a blank one, resolves to the page itself.
                    HttpUrl target = base.resolve(a.getOrDefault("action", "").strip());
                    fields = new ArrayList<>();
                    forms.add(new Form(a.getOrDefault("method", "get").strip().toLowerCase(Locale.ROOT), target,
                            fields));
                }
                case "input" -> field(a, a.getOrDefault("type", "text"));
                case "button" -> field(a, a.getOrDefault("type", "submit"));
                case "a" -> {
                    String href = a.get("href");
                    HttpUrl url = href == null ? null : base.resolve(href.strip());
                    if (url != null) {
                        links.add(url);
                    }
                }
                default -> {
                    // Only the elements above carry what a login needs.
                }
            }
            if (capturing == null && error == null && !VOID.contains(tag) && namesAnError(a)) {
                capturing = tag;
                depth = 1;
                captured = new StringBuilder();
            }
        }

        private void field(Map<String, String> a, String type) {
            if (fields != null) {
                fields.add(new Field(a.getOrDefault("name", ""), type.strip().toLowerCase(Locale.ROOT),
                        a.getOrDefault("value", ""), a.containsKey("checked"), a.containsKey("disabled")));
            }
        }

        private void close(String tag) {
            if (tag.equals("form")) {
                fields = null;
            }
            if (tag.equals(capturing) && --depth == 0) {
                if (!captured.isEmpty()) {
                    error = captured.length() > MAX_ERROR_TEXT ? captured.substring(0, MAX_ERROR_TEXT) + "..."
                            : captured.toString();
                }
                capturing = null;
                captured = null;
            }
        }

        /**
         * Adds a run of text to the error message being read, its white space collapsed as it comes, so that the
         * limit, just enough to know where to cut, counts only what will be shown.
         */
        private void text(String s) {
            if (capturing != null && captured.length() <= MAX_ERROR_TEXT) {
                String words = WHITE_SPACE.matcher(decode(s)).replaceAll(" ").strip();
                if (!words.isEmpty()) {
                    if (!captured.isEmpty()) {
                        captured.append(' ');
                    }
                    captured.append(words);
                }
            }
        }

        private static boolean namesAnError(Map<String, String> a) {
            String names = (a.getOrDefault("id", "") + " " + a.getOrDefault("class", "")).toLowerCase(Locale.ROOT);
            return names.contains("error") || names.contains("alert");
        }
    }

    /** Decodes the character references that login pages use in attribute values and text. */
    static String decode(String s) {
        int amp = s.indexOf('&');
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            out.append(s, i, amp);
            int semi = s.indexOf(';', amp);
            String ref = semi < 0 || semi - amp > 10 ? null : s.substring(amp + 1, semi);
            String decoded = ref == null ? null : reference(ref);
            if (decoded == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(decoded);
                i = semi + 1;
            }
            amp = s.indexOf('&', i);
        }
        return out.append(s, i, s.length()).toString();
    }

    private static String reference(String ref) {
        switch (ref) {
            case "amp":
                return "&";
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return " ";
            default:
                break;
        }
        if (ref.length() < 2 || ref.charAt(0) != '#') {
            return null;
        }
        try {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            int cp = Integer.parseInt(ref.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
