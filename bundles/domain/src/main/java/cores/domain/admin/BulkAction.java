package cores.domain.admin;

/**
 * A bulk action of a list as declared with its model: the label the list offers it by and what it
 * did in the past tense, said after "2 hosts were" or "1 host was" (the admin's message after it
 * ran: "2 hosts were made bookable.", as Django's admin).
 */
record BulkAction(String label, String done) {
  static BulkAction of(String label, String done) {
    return new BulkAction(label, done);
  }
}
