/**
 * The models staff administer, described generically (fields, list columns, filters, search) and
 * written through the domain's own rules, so that one set of admin pages serves every model; a
 * field's initial value on the add form since 1.2.0; a list page with its filters' options at once
 * ({@code AdminDesk.listPage}) since 1.3.0; several objects' labels in one call ({@code
 * AdminDesk.labels}) since 1.4.0; the permissions a model has ({@code AdminModel.permissions}, what
 * may be granted) and what stops a deletion ({@code AdminDesk.obstacles}) since 1.6.0; fields fixed
 * once an object is added ({@code AdminField.fixed}, with {@code choiceLabels}), what a bulk action
 * did ({@code AdminDesk.act}), the actions a user may run ({@code AdminDesk.actions}), whether an
 * object's form is offered ({@code AdminDesk.offers}) and the bookings a change form's edit affects
 * ({@code AdminDesk.affected} of one object's values) since 1.7.0; what applies to one object
 * ({@code AdminDesk.applicable}), the ids of every object a list finds at once ({@code
 * AdminDesk.ids}) and the objects of one desk that stop deleting another's, named ({@code
 * AdminDesk.referrers}) since 1.8.0; a refusal naming objects at its fields, which the admin links
 * ({@code NamingProblem}) since 1.9.0; fields labelled as Django's verbose names ({@code
 * AdminField.label}: "Last seen", "MAC") since 1.10.0; what deleting another desk's objects does to
 * a desk's own ({@code AdminDesk.dependents}) and what a bulk action did, in the past tense ({@code
 * AdminModel.done}, {@code AdminModel.did}: "2 hosts were made bookable.") since 1.12.0; which of
 * some ids still exist ({@code AdminDesk.existing}) since 1.13.0; a field's own name and help text
 * ({@code AdminField.verboseName}, {@code AdminField.helpText}, Django's) since 1.14.0; the objects
 * of a reference whose label holds a term ({@code AdminDesk.options} with a term and a limit: a
 * form's suggestions and typed references) since 1.15.0; the models whose objects belong to a
 * model's, whose changes its objects' histories show ({@code AdminDesk.parts}) since 1.16.0; an
 * inline change's slot among a form's new rows ({@code AdminDesk.InlineChange.slot}, {@code
 * InlineChange.newField}) since 1.17.0; a reference filter's objects that tell when there are more
 * than it offers ({@code AdminDesk.FILTER_OPTIONS}) since 1.18.0, as many as a form's select lists
 * (200, before 1,000) since 1.19.0.
 */
@Export
@Version("1.19.0")
package cores.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
