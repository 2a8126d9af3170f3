package io.github.scllm.knime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Every node description in the plugin is valid against both copies of KNIME's node description schema v5.3: the
 * current one and the one KNIME 5.5.3 ships, which is stricter ({@code <pre>} holds elements only, no text).
 */
class NodeDescriptionTest {

    static final List<String> SCHEMAS = List.of("Node_v5.3.xsd", "Node_v5.3_knime-5.5.3.xsd");

    static List<Path> descriptions() throws Exception {
        try (Stream<Path> files = Files.walk(TestPaths.pluginRoot().resolve("src/main/java"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("NodeFactory.xml")).sorted().toList();
        }
    }

    static Schema schema(String name) throws Exception {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(TestPaths.knimeReference(name).toFile());
    }

    @Test
    void everyDescriptionValidatesAgainstBothV53Schemas() throws Exception {
        List<Path> files = descriptions();
        assertFalse(files.isEmpty(), "no node descriptions found");
        List<String> problems = new ArrayList<>();
        for (String name : SCHEMAS) {
            Schema schema = schema(name);
            for (Path xml : files) {
                try {
                    schema.newValidator().validate(new StreamSource(xml.toFile()));
                } catch (SAXParseException e) {
                    problems.add(name + ": " + xml.getFileName() + " line " + e.getLineNumber() + ": " + e.getMessage());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theSchemasRejectADescriptionWithoutAName() throws Exception {
        String broken = Files.readString(descriptions().get(0)).replaceFirst("<name>[^<]*</name>", "");
        for (String name : SCHEMAS) {
            Schema schema = schema(name);
            assertThrows(SAXException.class,
                () -> schema.newValidator().validate(new StreamSource(new StringReader(broken))), name);
        }
    }

    /** Text directly inside {@code <pre>} passes the current schema but not the one of KNIME 5.5.3. */
    @Test
    void onlyTheStricterSchemaRejectsTextInPre() throws Exception {
        String withPre = Files.readString(descriptions().get(0))
            .replaceFirst("<intro>", "<intro><p>Example:</p><pre>scllm annotate --demo</pre>");
        schema(SCHEMAS.get(0)).newValidator().validate(new StreamSource(new StringReader(withPre)));
        Schema strict = schema(SCHEMAS.get(1));
        assertThrows(SAXException.class,
            () -> strict.newValidator().validate(new StreamSource(new StringReader(withPre))));
    }
}
