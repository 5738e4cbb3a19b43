package dev.regnotify.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README and the docs compiles, imports included, against the library: a newcomer can copy
 * it. Blocks of statements are compiled inside a method; several types in one block are compiled as one file (their
 * {@code public} dropped, which a file of several types needs). Every relative link names a file that exists.
 */
class DocSnippetsTest {

    private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public\\s+)?"
            + "(?:final\\s+)?(?:class|record|interface|enum)\\s", Pattern.MULTILINE);
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

    @TempDir
    Path out;

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path document : documents()) {
            Matcher block = JAVA.matcher(Files.readString(document));
            for (int i = 1; block.find(); i++) {
                String code = block.group(1);
                tests.add(DynamicTest.dynamicTest(document + " block " + i, () -> compile(code)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRelativeLinkNamesAFileThatExists() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (!URI.create(target.replace(" ", "%20")).isAbsolute()) {
                    Path file = document.resolveSibling(target).normalize();
                    tests.add(DynamicTest.dynamicTest(document + " -> " + target,
                            () -> assertTrue(Files.exists(file), file + " is missing")));
                }
            }
        }
        return tests.stream();
    }

    private void compile(String code) throws IOException {
        StringBuilder imports = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (String line : code.stripIndent().split("\n", -1)) { // a block in a list item is indented
            (line.startsWith("import ") ? imports : rest).append(line).append('\n');
        }
        String source = TYPE.matcher(rest).find()
                ? imports + rest.toString().replaceAll("(?m)^((?:@\\w+(?:\\([^)]*\\))?\\s+)*)public\\s+", "$1")
                : imports + "class Snippet {\n    void run() throws Exception {\n" + rest + "    }\n}\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = compiler.getTask(errors, null, null, List.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none"), null, List.of(file)).call();
        assertTrue(compiled, () -> errors + "\n" + source);
    }
}
