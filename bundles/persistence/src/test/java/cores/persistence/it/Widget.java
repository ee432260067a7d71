package cores.persistence.it;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity of the test bundle that PersistenceExtenderIT installs into Felix. */
@Entity
@Table(name = "widget")
public class Widget {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  protected Widget() {}

  public Widget(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }
}
