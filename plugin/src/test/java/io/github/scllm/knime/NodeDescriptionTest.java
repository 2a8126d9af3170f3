package io.github.scllm.knime;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;

/** Every node description in the plugin is valid against KNIME's node description schema v5.3. */
class NodeDescriptionTest {

    static List<Path> descriptions() throws Exception {
        try (Stream<Path> files = Files.walk(TestPaths.pluginRoot().resolve("src/main/java"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("NodeFactory.xml")).sorted().toList();
        }
    }

    @Test
    void everyDescriptionValidatesAgainstTheV53Schema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(TestPaths.knimeReference("Node_v5.3.xsd").toFile());
        List<Path> files = descriptions();
        assertFalse(files.isEmpty(), "no node descriptions found");
        for (Path xml : files) {
            // throws SAXParseException naming the line on the first violation
            schema.newValidator().validate(new StreamSource(xml.toFile()));
        }
    }

    @Test
    void theSchemaRejectsADescriptionWithoutAName() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema = factory.newSchema(TestPaths.knimeReference("Node_v5.3.xsd").toFile());
        String broken = Files.readString(descriptions().get(0)).replaceFirst("<name>[^<]*</name>", "");
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class,
            () -> schema.newValidator().validate(new StreamSource(new java.io.StringReader(broken))));
    }
}
