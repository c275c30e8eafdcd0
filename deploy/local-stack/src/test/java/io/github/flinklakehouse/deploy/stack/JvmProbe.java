package io.github.flinklakehouse.deploy.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks one of the stack's JVMs about its metaspace and class loaders with the JDK's {@code jcmd}. */
final class JvmProbe {
    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");
    /** The class loader Flink gives each job's code (and each jar's main()). */
    private static final String JOB_CLASS_LOADER = "ChildFirstClassLoader";

    /** Used metaspace and the number of live job class loaders. */
    record Metaspace(long usedKib, long jobClassLoaders) {
        @Override
        public String toString() {
            return usedKib / 1024 + " MiB, " + jobClassLoaders + " job class loaders";
        }
    }

    private JvmProbe() {
    }

    /** The figures after a full GC, which unloads the classes of every class loader nothing refers to. */
    static Metaspace afterFullGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = METASPACE_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info of pid " + pid + " shows no metaspace figure");
        }
        long loaders = jcmd(pid, "VM.classloader_stats").lines().filter(line -> line.contains(JOB_CLASS_LOADER))
                .count();
        return new Metaspace(Long.parseLong(used.group(1)), loaders);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
