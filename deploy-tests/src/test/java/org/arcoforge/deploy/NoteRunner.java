package org.arcoforge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import scala.collection.JavaConverters;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * Runs a Zeppelin note's enabled %spark paragraphs in order, as Zeppelin's Spark interpreter does:
 * a class-based Scala REPL whose classes the SparkContext serves to executors, with {@code sc}
 * bound. Exits 1 at the first paragraph that does not compile or throws. Started in its own JVM
 * with the Spark runtime and the application jar on the classpath (ZeppelinNoteTest).
 */
public final class NoteRunner {
    private NoteRunner() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode note = new ObjectMapper().readTree(new File(args[0]));
        Path classes = Files.createDirectories(Path.of(args[1]).resolve("repl-classes"));
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("zeppelin-note-test")
                .set("spark.ui.enabled", "false")
                .set("spark.repl.class.outputDir", classes.toString());
        SparkContext sc = new SparkContext(conf);
        sc.setLogLevel("WARN");

        Settings settings = new Settings();
        settings.processArguments(JavaConverters.asScalaBuffer(List.of("-usejavacp", "-Yrepl-class-based",
                "-Yrepl-outdir", classes.toString())).toList(), true);
        PrintWriter out = new PrintWriter(System.out, true);
        IMain repl = new IMain(settings, out);
        // @transient as in spark-shell and Zeppelin: closures that reach a line object must not drag sc along
        check(repl.bind("sc", "org.apache.spark.SparkContext", sc,
                JavaConverters.asScalaBuffer(List.of("@transient")).toList()), "bind sc");
        int ran = 0;
        for (JsonNode p : note.get("paragraphs")) {
            String text = p.path("text").asText();
            String title = p.path("title").asText("?");
            if (!text.startsWith("%spark")) {
                continue;
            }
            if (!p.path("config").path("enabled").asBoolean(true)) {
                System.out.println("=== skipped (disabled): " + title);
                continue;
            }
            System.out.println("=== paragraph: " + title);
            String code = text.substring(text.indexOf('\n') + 1);
            check(repl.interpret(code), title);
            ran++;
        }
        System.out.println("=== ran " + ran + " paragraphs");
        sc.stop();
        System.exit(0);
    }

    private static void check(Results.Result r, String what) {
        if (r != Results.Success$.MODULE$) {
            System.out.println("=== FAILED (" + r + "): " + what);
            System.exit(1);
        }
    }
}
