package dev.regnotify.testing;

import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import dev.regnotify.wire.CdEventsFormat;

/**
 * The CDEvents 0.5.1 artifact events' JSON schemas ({@code src/test/resources/cdevents-0.5.1}, copied unchanged from
 * the specification with its license), as an oracle: a CDEvent is checked against the schema its {@code context.type}
 * names, with formats ({@code uri-reference}, {@code date-time}) asserted, not only annotated. Nothing is fetched: the
 * schemas' {@code $id}s and {@code $ref}s resolve to the copies on the class path.
 */
public final class CdEventsSchemas {

    private static final String ID_PREFIX = "https://cdevents.dev/" + CdEventsFormat.SPEC_VERSION + "/schema/";
    private static final String COPY = "classpath:cdevents-" + CdEventsFormat.SPEC_VERSION + "/";
    /** The schema file of each event type. */
    public static final Map<String, String> FILES = Map.of(
            "dev.cdevents.artifact.published.0.3.0", "artifactpublished.json",
            "dev.cdevents.artifact.downloaded.0.2.0", "artifactdownloaded.json",
            "dev.cdevents.artifact.deleted.0.2.0", "artifactdeleted.json",
            "dev.cdevents.artifact.signed.0.3.0", "artifactsigned.json",
            "dev.cdevents.artifact.packaged.0.3.0", "artifactpackaged.json");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(ids -> ids.mappings(id -> id.startsWith(ID_PREFIX)
                            ? COPY + id.substring(ID_PREFIX.length()) + ".json" : null))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private CdEventsSchemas() {
    }

    /**
     * @param type a CDEvents type, such as {@code dev.cdevents.artifact.published.0.3.0}
     * @param cdevent a CDEvent: {@code context} and {@code subject}
     * @return what its type's schema finds wrong with it, empty if nothing
     */
    public static List<String> errors(String type, String cdevent) {
        String file = FILES.get(type);
        if (file == null) {
            return List.of("no CDEvents 0.5.1 artifact schema has the type " + type);
        }
        return schema(file).validate(cdevent, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of(COPY + file));
    }
}
