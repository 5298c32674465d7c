package com.rdploomes.simulator.gate;

import java.util.regex.Pattern;

/** Which requests are Ploomes calls, and how they are named in the stats. */
final class PloomesPaths {

  private static final Pattern KEYS = Pattern.compile("\\([^)]*\\)");

  private PloomesPaths() {}

  /** Everything but the simulator's controls and the actuator is a Ploomes call, unknown paths too. */
  static boolean isPloomesCall(String path) {
    return !(under(path, "/_simulator") || under(path, "/actuator"));
  }

  /** {@code PATCH /Contacts(5)} counts as {@code PATCH /Contacts}; the query string is never part of it. */
  static String statsKey(String method, String path) {
    return method + " " + KEYS.matcher(path).replaceAll("");
  }

  private static boolean under(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }
}
