package com.leadhandoff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** What the figures were measured on: processor, cores, memory, operating system and Java. */
final class Machine {

  private Machine() {
  }

  static String describe() {
    String cpu = line(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    String memory = line(Path.of("/proc/meminfo"), "MemTotal")
        .map(total -> String.format("%.0f GiB", Long.parseLong(total.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)).orElse("?");
    String os = line(Path.of("/etc/os-release"), "PRETTY_NAME").map(name -> name.replace("\"", "")).orElse(System.getProperty("os.name"));
    return "- " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + memory + "\n"
        + "- " + os + ", Linux " + System.getProperty("os.version") + "\n"
        + "- " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (the application: -Xms1g -Xmx2g; the load generator runs on the same machine)";
  }

  private static Optional<String> line(Path file, String key) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(line -> line.startsWith(key)).findFirst().map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).strip());
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
