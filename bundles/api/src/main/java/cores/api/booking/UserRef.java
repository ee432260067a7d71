package cores.api.booking;

/** A user as a booking names them: id, username and display name ("First Last" or username). */
public record UserRef(long id, String username, String name) {}
