package cores.api.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model staff administer.
 *
 * @param app the app of its permissions ({@code app.view_name}, add, change, delete)
 * @param name the model's name, e.g. {@code host}
 * @param plural how a list of them is titled, e.g. {@code Hosts}
 * @param fields its fields besides {@code id}
 * @param columns the fields the list shows
 * @param filters the fields the list filters by (references, choices, yes/no)
 * @param search what the list's search looks in, for the page to say
 * @param actions the bulk actions of its list besides delete: name to label (e.g. {@code bookable →
 *     Make bookable})
 * @param inlines models whose objects are shown (and added) on this one's change page: their one
 *     reference field to this model (e.g. a host's NICs, a lab's racks)
 * @param writes the generic writes it takes, of {@code add}, {@code change} and {@code delete}
 *     (none: read-only, a log; add and delete: objects only added and deleted, an API token). Its
 *     bulk actions are not among them: they need the change permission whatever this says.
 * @param forms forms of their own on each object, written through {@link AdminDesk#submit} (a
 *     user's password)
 * @param buttons per-object actions of other pages: label to the path they are posted to, {@code
 *     {id}} standing for the object's id (a user's "Impersonate")
 * @param notWhileImpersonating what the model's writes are refused as while the visitor
 *     impersonates someone (e.g. {@code change users}), or null when they are allowed
 * @param done what each bulk action did, in the past tense, for the sentence that says so after it
 *     ran: name to phrase, declared with the action (e.g. {@code bookable → made bookable}: "2
 *     hosts were made bookable."), said the same of one object or several; an action without one is
 *     said by its label ({@link #did}). Since 1.12.0.
 */
public record AdminModel(
    String app,
    String name,
    String plural,
    List<AdminField> fields,
    List<String> columns,
    List<String> filters,
    String search,
    Map<String, String> actions,
    List<String> inlines,
    Set<String> writes,
    List<AdminForm> forms,
    Map<String, String> buttons,
    String notWhileImpersonating,
    Map<String, String> done) {
  /** Every generic write: add, change and delete. */
  public static final Set<String> ALL_WRITES = Set.of("add", "change", "delete");

  public AdminModel {
    fields = List.copyOf(fields);
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    inlines = List.copyOf(inlines);
    writes = Set.copyOf(writes);
    forms = List.copyOf(forms);
    buttons = Collections.unmodifiableMap(new LinkedHashMap<>(buttons));
    done = Map.copyOf(done);
    for (String action : done.keySet()) {
      if (!actions.containsKey(action)) {
        throw new IllegalArgumentException("No bulk action " + action + " of " + name);
      }
    }
  }

  /** A model whose bulk actions declare no past tense: each is said by its label. */
  public AdminModel(
      String app,
      String name,
      String plural,
      List<AdminField> fields,
      List<String> columns,
      List<String> filters,
      String search,
      Map<String, String> actions,
      List<String> inlines,
      Set<String> writes,
      List<AdminForm> forms,
      Map<String, String> buttons,
      String notWhileImpersonating) {
    this(
        app,
        name,
        plural,
        fields,
        columns,
        filters,
        search,
        actions,
        inlines,
        writes,
        forms,
        buttons,
        notWhileImpersonating,
        Map.of());
  }

  /** A model with the given generic writes and nothing besides. */
  public AdminModel(
      String app,
      String name,
      String plural,
      List<AdminField> fields,
      List<String> columns,
      List<String> filters,
      String search,
      Map<String, String> actions,
      List<String> inlines,
      Set<String> writes) {
    this(
        app, name, plural, fields, columns, filters, search, actions, inlines, writes, List.of(),
        Map.of(), null);
  }

  /** A model with add, change and delete and nothing besides. */
  public AdminModel(
      String app,
      String name,
      String plural,
      List<AdminField> fields,
      List<String> columns,
      List<String> filters,
      String search,
      Map<String, String> actions,
      List<String> inlines) {
    this(app, name, plural, fields, columns, filters, search, actions, inlines, ALL_WRITES);
  }

  /**
   * Whether the model takes an action at all (view always; add, change or delete if among its
   * {@link #writes}); its permission decides who may.
   */
  public boolean allows(String action) {
    return "view".equals(action) || writes.contains(action);
  }

  /** Whether its objects are only listed and read (a log). */
  public boolean readOnly() {
    return writes.isEmpty();
  }

  /** Whether an object's fields may be changed (not for objects only added and deleted). */
  public boolean editable() {
    return writes.contains("change");
  }

  /**
   * The permissions it has, the ones that may be granted: view; add, change and delete where it
   * takes them; and change where it has bulk actions, which need it (a scan conflict's). Since
   * 1.6.0.
   */
  public List<String> permissions() {
    List<String> names = new ArrayList<>();
    for (String action : List.of("view", "add", "change", "delete")) {
      if (allows(action) || ("change".equals(action) && !actions.isEmpty())) {
        names.add(permission(action));
      }
    }
    return names;
  }

  /** The permission for an action: view, add, change or delete. */
  public String permission(String action) {
    return app + "." + action + "_" + name;
  }

  /**
   * What one of them is called in a sentence, from its {@link #plural}: "Host types" is {@code host
   * type}, "NICs" {@code NIC}, "API tokens" {@code API token}, "Host hardware" {@code host
   * hardware} (a trailing "s" dropped, not "ss"; the first letter lowered unless the first word is
   * an abbreviation, its second letter a capital). Since 1.9.0.
   */
  public String singular() {
    String one =
        plural.endsWith("s") && !plural.endsWith("ss")
            ? plural.substring(0, plural.length() - 1)
            : plural;
    return inSentence(one);
  }

  /**
   * What several of them are called in a sentence, from its {@link #plural} as {@link #singular}
   * does: "Host types" is {@code host types}, "NICs" stays {@code NICs} ("nics" was no word). Since
   * 1.11.0.
   */
  public String pluralInSentence() {
    return inSentence(plural);
  }

  /** The first letter lowered unless the first word is an abbreviation, its second a capital. */
  private static String inSentence(String words) {
    boolean abbreviation = words.length() > 1 && Character.isUpperCase(words.charAt(1));
    return abbreviation ? words : Character.toLowerCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * What a bulk action did, as a sentence says it after "2 hosts were": its declared phrase ({@link
   * #done}: {@code made bookable}), else {@code changed by "Label"} for one declaring none (a
   * plugin's), else {@code changed} for no action of the model. Since 1.12.0.
   */
  public String did(String action) {
    String phrase = action == null ? null : done.get(action);
    if (phrase != null) {
      return phrase;
    }
    String label = action == null ? null : actions.get(action);
    return label == null ? "changed" : "changed by \"" + label + "\"";
  }

  public Optional<AdminField> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  public Optional<AdminForm> form(String formName) {
    return forms.stream().filter(f -> f.name().equals(formName)).findFirst();
  }

  /**
   * A form of its own on one object, e.g. a user's password.
   *
   * @param name its name in the page's path
   * @param label its title and its link's text, e.g. {@code Set password}
   * @param action the model's permission it needs: view, add, change or delete
   * @param fields what it asks for
   */
  public record AdminForm(String name, String label, String action, List<AdminField> fields) {
    public AdminForm {
      fields = List.copyOf(fields);
    }
  }
}
