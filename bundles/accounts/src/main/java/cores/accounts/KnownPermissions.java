package cores.accounts;

import cores.api.admin.AdminDesk;
import cores.api.admin.AdminModel;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The permissions that exist, the ones users and groups may be given: those of the models the
 * bundles register with the admin ({@link AdminModel#permissions}), a plugin's as soon as it
 * starts. The desks are taken only when asked, not when bound: this bundle's own desk needs this
 * component, and a desk bound at once would make a circle.
 */
@Component(service = KnownPermissions.class)
public final class KnownPermissions {
  @Reference(
      service = AdminDesk.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC)
  private volatile List<ComponentServiceObjects<AdminDesk>> desks = List.of();

  /** Every model's permissions, of the desks registered now. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (ComponentServiceObjects<AdminDesk> objects : desks) {
      AdminDesk desk = objects.getService();
      if (desk == null) {
        continue; // unregistered since the list was read
      }
      try {
        desk.models().forEach(model -> names.addAll(model.permissions()));
      } finally {
        objects.ungetService(desk);
      }
    }
    return names;
  }
}
