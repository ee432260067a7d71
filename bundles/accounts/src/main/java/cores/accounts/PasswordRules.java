package cores.accounts;

import cores.api.web.Characters;
import cores.api.web.FieldErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * What a new password must be, wherever one is set (createsuperuser, the API, the admin's "set
 * password", the user's own change and reset): Django's four default validators, with their
 * messages. Every rule is checked, so that the user learns all that is wrong at once. The list of
 * common passwords is read once, when the rules are made, not for each password set.
 */
@Component(service = PasswordRules.class)
public final class PasswordRules {
  public static final int MIN_LENGTH = 8;

  /** Django's UserAttributeSimilarityValidator's default. */
  static final double MAX_SIMILARITY = 0.7;

  /** Django's list: 20,000 common passwords in lower case, one a line (see the .about beside). */
  static final String COMMON_PASSWORDS = "common-passwords.txt.gz";

  /** Python's {@code \W+}: what separates the parts of a name or an address. */
  private static final Pattern NON_WORD = Pattern.compile("\\W+", Pattern.UNICODE_CHARACTER_CLASS);

  /** The common passwords, sorted (as Strings sort), for a binary search. */
  private final String[] common;

  @Activate
  public PasswordRules() {
    this(() -> PasswordRules.class.getResourceAsStream(COMMON_PASSWORDS));
  }

  /** With the gzipped list that {@code list} opens, read here once. */
  PasswordRules(Supplier<InputStream> list) {
    this.common = read(list);
  }

  private static String[] read(Supplier<InputStream> list) {
    List<String> passwords = new ArrayList<>();
    try (InputStream raw = list.get();
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Objects.requireNonNull(raw, COMMON_PASSWORDS)),
                    StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        passwords.add(line.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + COMMON_PASSWORDS, e);
    }
    String[] sorted = passwords.toArray(new String[0]);
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * What the password is compared with. Blank or null values are left out.
   *
   * @param username the user's name
   * @param firstName given name
   * @param lastName family name
   * @param email the address
   */
  public record Person(String username, String firstName, String lastName, String email) {
    /** The values by what a user calls them, in Django's order. */
    Map<String, String> attributes() {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("username", username);
      attributes.put("first name", firstName);
      attributes.put("last name", lastName);
      attributes.put("email address", email);
      return attributes;
    }
  }

  /**
   * @return what is wrong with the password, every rule's message; empty when it will do
   */
  public List<String> problems(char[] password, Person person) {
    if (password == null || password.length == 0) {
      return List.of("required");
    }
    List<String> problems = new ArrayList<>();
    for (String problem :
        Arrays.asList(
            notSimilarToPersonalInformation(password, person),
            minimumLength(password),
            notCommon(password),
            notEntirelyNumeric(password))) {
      if (problem != null) {
        problems.add(problem);
      }
    }
    return problems;
  }

  /** Records the password's problems at the field. */
  public FieldErrors check(FieldErrors errors, String field, char[] password, Person who) {
    problems(password, who).forEach(problem -> errors.check(field, problem));
    return errors;
  }

  /** Throws the 400 answer with the password's problems at the field, if it has any. */
  public void require(String field, char[] password, Person who) {
    check(new FieldErrors(), field, password, who).throwIfAny();
  }

  /** At least {@value #MIN_LENGTH} characters (as a user counts them: code points). */
  static String minimumLength(char[] password) {
    return Characters.count(password) < MIN_LENGTH
        ? "This password is too short. It must contain at least " + MIN_LENGTH + " characters."
        : null;
  }

  /** Not digits only: a number is guessed as quickly as a short password. */
  static String notEntirelyNumeric(char[] password) {
    for (char c : password) {
      if (!Character.isDigit(c)) {
        return null;
      }
    }
    return "This password is entirely numeric.";
  }

  /**
   * Not on the list of common passwords, in any case and without surrounding blanks. The password
   * is compared with the list as characters, without becoming a String that would outlive the
   * check.
   */
  String notCommon(char[] password) {
    char[] lower = lowerCase(password, true);
    try {
      int low = 0;
      int high = common.length - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        int order = compare(common[middle], lower);
        if (order == 0) {
          return "This password is too common.";
        }
        if (order < 0) {
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return null;
    } finally {
      Arrays.fill(lower, '\0');
    }
  }

  /**
   * Not too like the username, the names or the email address, nor like a part of one (split at
   * what is not a letter, digit or underscore): Python's {@code SequenceMatcher.quick_ratio} of at
   * least {@value #MAX_SIMILARITY}, as Django's UserAttributeSimilarityValidator.
   */
  static String notSimilarToPersonalInformation(char[] password, Person person) {
    if (person == null) {
      return null;
    }
    char[] lower = lowerCase(password, false);
    try {
      for (Map.Entry<String, String> attribute : person.attributes().entrySet()) {
        String value = attribute.getValue();
        if (value == null || value.isBlank()) {
          continue;
        }
        String valueLower = value.toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>(Arrays.asList(NON_WORD.split(valueLower)));
        parts.add(valueLower);
        for (String part : parts) {
          if (!part.isEmpty()
              && !muchLonger(lower, part)
              && quickRatio(lower, part) >= MAX_SIMILARITY) {
            return "The password is too similar to the " + attribute.getKey() + ".";
          }
        }
      }
      return null;
    } finally {
      Arrays.fill(lower, '\0');
    }
  }

  /** A password ten times as long as the value cannot reach the similarity: Django skips it. */
  private static boolean muchLonger(char[] password, String value) {
    return password.length >= 10 * value.length()
        && value.length() < MAX_SIMILARITY / 2 * password.length;
  }

  /**
   * Python's {@code SequenceMatcher(a, b).quick_ratio()}: twice the characters the two have in
   * common (as multisets) over their total length.
   */
  static double quickRatio(char[] a, String b) {
    Map<Character, Integer> available = new HashMap<>();
    for (int i = 0; i < b.length(); i++) {
      available.merge(b.charAt(i), 1, Integer::sum);
    }
    int matches = 0;
    for (char c : a) {
      Integer left = available.get(c);
      if (left != null && left > 0) {
        available.put(c, left - 1);
        matches++;
      }
    }
    return 2.0 * matches / (a.length + b.length());
  }

  /** A lower-case copy, to be wiped; stripped of surrounding blanks when asked. */
  private static char[] lowerCase(char[] password, boolean strip) {
    int start = 0;
    int end = password.length;
    while (strip && start < end && Character.isWhitespace(password[start])) {
      start++;
    }
    while (strip && end > start && Character.isWhitespace(password[end - 1])) {
      end--;
    }
    char[] lower = new char[end - start];
    for (int i = start; i < end; i++) {
      lower[i - start] = Character.toLowerCase(password[i]);
    }
    return lower;
  }

  /** As {@link String#compareTo}, of a String with characters. */
  private static int compare(String line, char[] chars) {
    int shorter = Math.min(line.length(), chars.length);
    for (int i = 0; i < shorter; i++) {
      if (line.charAt(i) != chars[i]) {
        return line.charAt(i) - chars[i];
      }
    }
    return line.length() - chars.length;
  }
}
