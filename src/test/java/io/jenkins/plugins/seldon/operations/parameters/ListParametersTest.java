package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.ListProjection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a list keeps, as the list steps and the freestyle list build step give it. */
class ListParametersTest {

    private static final FieldLabels FORM = field -> switch (field) {
        case "fields" -> "Fields to keep";
        case "namesOnly" -> "Names only";
        case "labelSelector" -> "Label selector";
        default -> null;
    };

    private static ListParameters list() {
        ListParameters p = new ListParameters();
        p.setNamespace("staging");
        return p;
    }

    @Test
    void fieldsAreTrimmedAndDeduplicatedFromAListOrAForm() throws Exception {
        ListParameters p = list();
        p.setFields(Arrays.asList(" metadata.name ", null, "", "status.state", "metadata.name"));
        assertEquals(List.of("metadata.name", "status.state"), p.getFields());
        p.setFieldsText("metadata.name, status.state\n\nspec.predictors.name\n");
        assertEquals(List.of("metadata.name", "status.state", "spec.predictors.name"), p.getFields());
        assertEquals("metadata.name\nstatus.state\nspec.predictors.name", p.getFieldsText());
        p.setLabelSelector("  ");
        assertNull(p.getLabelSelector());
        p.validate(FieldLabels.PIPELINE);
        ListProjection projection = p.projection();
        assertTrue(projection.reduces());
        assertNull(projection.selector());
        assertFalse(list().projection().reduces());
    }

    @Test
    void invalidProjectionsAreRefusedInTheWordsOfTheScreen() {
        ListParameters both = list();
        both.setNamesOnly(true);
        both.setFields(List.of("metadata.name"));
        assertEquals("namesOnly: and fields: exclude each other: give one of them",
                assertThrows(InvalidInputException.class, () -> both.validate(FieldLabels.PIPELINE)).getMessage());

        ListParameters badPath = list();
        badPath.setFields(List.of("metadata..name"));
        assertEquals("'metadata..name' is not a field path such as metadata.name (in Fields to keep)",
                assertThrows(InvalidInputException.class, () -> badPath.validate(FORM)).getMessage());
        assertEquals("'metadata..name' is not a field path such as metadata.name (in fields:)",
                assertThrows(InvalidInputException.class, () -> badPath.validate(FieldLabels.PIPELINE)).getMessage());

        ListParameters badSelector = list();
        badSelector.setLabelSelector("app in iris");
        assertTrue(assertThrows(InvalidInputException.class, () -> badSelector.validate(FORM)).getMessage()
                .startsWith("'app in iris' is not a label selector requirement"));
        assertTrue(assertThrows(InvalidInputException.class, () -> badSelector.validate(FieldLabels.PIPELINE))
                .getMessage().endsWith(" (in labelSelector:)"));
    }

    @Test
    void buildVariablesAreExpandedInTheSelectorAndFields() throws Exception {
        ListParameters p = list();
        p.setLabelSelector("app=${APP}");
        p.setFields(List.of("${FIELD}"));
        ListParameters e = p.expanded(t -> t == null ? null
                : t.replace("${APP}", "iris").replace("${FIELD}", "status.state"));
        assertEquals("app=iris", e.getLabelSelector());
        assertEquals(List.of("status.state"), e.getFields());
        assertEquals("app=${APP}", p.getLabelSelector());
        assertTrue(e.projection().selector().matches(Map.of("app", "iris")));
    }

    @Test
    void theKindDefaultsToSeldonDeploymentsAndNoFieldsMeansAll() {
        ListParameters p = list();
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind());
        p.setKind(ResourceKind.PIPELINE);
        assertEquals(ResourceKind.PIPELINE, p.getKind());
        p.setKind(null);
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, p.getKind(), "no kind means the default kind");
        p.setFields(List.of("metadata.name"));
        p.setFields(null);
        assertEquals(List.of(), p.getFields());
        p.setFieldsText("metadata.name");
        p.setFieldsText(null);
        assertEquals(List.of(), p.getFields());
        assertEquals("", p.getFieldsText());
    }

    @Test
    void namesOnlyAloneIsValidAndKeepsOnlyTheNames() throws Exception {
        ListParameters p = list();
        assertFalse(p.isNamesOnly());
        p.setNamesOnly(true);
        assertTrue(p.isNamesOnly());
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
        assertTrue(p.projection().reduces());
    }

    @Test
    void theNamespaceIsRequiredAndExpanded() {
        ListParameters p = new ListParameters();
        assertEquals("The namespace is missing",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setNamespace("${ENV}");
        p.setServer("${ENV}");
        ListParameters e = p.expanded(t -> t == null ? null : t.replace("${ENV}", "prod"));
        assertEquals("prod", e.getNamespace());
        assertEquals("prod", e.getServer());
    }
}
