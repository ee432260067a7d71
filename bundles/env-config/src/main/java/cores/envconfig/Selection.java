package cores.envconfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which declarations the environment switches on: every one without a switch, every one whose
 * switch is on, except that of those filling the same slot only the highest ranked is (the others
 * are reported, not an error: the original Cores ignored them too).
 *
 * @param chosen in the order given
 * @param warnings one line per switch that is on but loses its slot
 */
public record Selection(List<Declaration> chosen, List<String> warnings) {

  public Selection {
    chosen = List.copyOf(chosen);
    warnings = List.copyOf(warnings);
  }

  /**
   * @throws SwitchException for the first switch with a value that is neither on nor off; every
   *     switch is read, so that a malformed one is reported even when another wins its slot
   */
  public static Selection of(List<Declaration> declarations, Map<String, String> env)
      throws SwitchException {
    List<Declaration> on = new ArrayList<>();
    for (Declaration d : declarations) {
      if (d.switchedBy().isEmpty() || d.switchedBy().get().isOn(env)) {
        on.add(d);
      }
    }
    Map<String, Declaration> winners = new LinkedHashMap<>();
    for (Declaration d : on) {
      Optional<String> slot = d.switchedBy().flatMap(Switch::slot);
      slot.ifPresent(
          s ->
              winners.merge(
                  s,
                  d,
                  (a, b) ->
                      Comparator.comparingInt((Declaration x) -> x.switchedBy().get().rank())
                                  .compare(a, b)
                              >= 0
                          ? a
                          : b));
    }
    List<Declaration> chosen = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Declaration d : on) {
      Optional<String> slot = d.switchedBy().flatMap(Switch::slot);
      Declaration winner = slot.map(winners::get).orElse(d);
      if (winner == d) {
        chosen.add(d);
      } else {
        warnings.add(
            d.switchedBy().get().variable()
                + " is ignored because "
                + winner.switchedBy().get().condition());
      }
    }
    return new Selection(chosen, warnings);
  }
}
