package dev.coffeeshop.local.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the stack starts JVMs: with the very JDK the launcher runs on, which the script chose as 21 or newer. */
final class JavaCommand {

    private JavaCommand() {}

    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Options that keep newer JDKs quiet about what Kafka and Netty-era libraries still do (native access, Unsafe);
     * older JDKs do not know the second option and would refuse to start with it.
     */
    static List<String> quietOptions(int javaFeatureVersion) {
        var options = new ArrayList<String>();
        options.add("--enable-native-access=ALL-UNNAMED");
        if (javaFeatureVersion >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }

    static List<String> quietOptions() {
        return quietOptions(Runtime.version().feature());
    }
}
