package io.trantor.runtime.api.repository;

import java.util.Comparator;

/**
 * The one order of model versions, oldest first: numeric versions compare as numbers (Triton's
 * {@code 2} before {@code 10}), and come before non-numeric ones (MLServer allows any string),
 * which compare as text. "The newest version" is the last one in this order.
 */
public final class VersionOrder implements Comparator<String> {

  public static final VersionOrder INSTANCE = new VersionOrder();

  private VersionOrder() {}

  @Override
  public int compare(String a, String b) {
    boolean aNumeric = isNumeric(a);
    boolean bNumeric = isNumeric(b);
    if (aNumeric && bNumeric) {
      String x = stripLeadingZeros(a);
      String y = stripLeadingZeros(b);
      // Compare by length first so versions beyond the range of long still order numerically.
      int byLength = Integer.compare(x.length(), y.length());
      return byLength != 0 ? byLength : x.compareTo(y);
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** True for a non-empty string of ASCII digits, the names of Triton version folders. */
  public static boolean isNumeric(String version) {
    if (version.isEmpty()) {
      return false;
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
