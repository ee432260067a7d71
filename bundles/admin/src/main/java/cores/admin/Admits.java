package cores.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may use an admin page resource's methods: {@link Gate} sends anonymous visitors to log in and
 * refuses the others outside the audience before a method runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Admits {
  Operations.Audience value();
}
