package cores.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test entity, with the PostgreSQL network and range types mapped as Strings. */
@Entity
@Table(name = "thing")
public class Thing {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String name;

  @Column(name = "address")
  private String address;

  @Column(name = "network")
  private String network;

  @Column(name = "mac")
  private String mac;

  @Column(name = "during")
  private String during;

  protected Thing() {}

  Thing(String name) {
    this.name = name;
  }

  Long id() {
    return id;
  }

  String name() {
    return name;
  }

  String address() {
    return address;
  }

  String network() {
    return network;
  }

  String mac() {
    return mac;
  }

  String during() {
    return during;
  }

  Thing network(String address, String network, String mac) {
    this.address = address;
    this.network = network;
    this.mac = mac;
    return this;
  }

  Thing during(String during) {
    this.during = during;
    return this;
  }
}
