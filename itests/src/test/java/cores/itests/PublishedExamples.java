package cores.itests;

import java.util.List;

/**
 * The collections that can be filled from the examples {@code /api/docs} publishes with their input
 * schemas, in an order in which each example's references exist (in a fresh database every id is
 * 1).
 */
final class PublishedExamples {
  /** Pairs of a collection path and the name of its input schema. */
  static final List<String[]> CREATION_ORDER =
      List.of(
          new String[] {"/api/inventory/building", "building_input"},
          new String[] {"/api/inventory/lab", "lab_input"},
          new String[] {"/api/inventory/rack", "rack_input"},
          new String[] {"/api/inventory/hosttype", "hosttype_input"},
          new String[] {"/api/inventory/hosthardware", "hosthardware_input"},
          new String[] {"/api/inventory/hdvendor", "hdvendor_input"},
          new String[] {"/api/inventory/cardtype", "cardtype_input"},
          new String[] {"/api/inventory/host", "host_input"},
          new String[] {"/api/inventory/card", "card_input"},
          new String[] {"/api/inventory/nic", "nic_input"},
          new String[] {"/api/booking/bookable", "bookable_input"},
          new String[] {"/api/notices/notice", "notice_input"},
          new String[] {"/api/loans/customer", "customer_input"});

  private PublishedExamples() {}
}
