package cores.accounts.rest;

import cores.accounts.entity.GroupEntity;
import java.util.List;

/** A group as the API shows it. */
public record GroupView(long id, String name, List<String> permissions) {
  static GroupView of(GroupEntity group) {
    return new GroupView(group.id(), group.name(), group.permissions().stream().sorted().toList());
  }
}
