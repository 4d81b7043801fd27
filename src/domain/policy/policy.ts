import {
  canReadAccounts,
  canSee,
  inScope,
  type OwnedRecord,
  type Principal,
  type RecordEntity,
  rightsOf,
  type ScopedRight,
  scopeFor,
} from "@domain/access-policy";
import { conversionBlocker } from "@domain/conversion/conversion-rules";
import { type QuoteAction, type QuoteStatus, quoteActionBlocker } from "@domain/quotes/quote-status";
import { ROLES, type Role } from "@shared/schemas/common";
import {
  OWNED_ENTITIES,
  type OwnedEntity,
  type RolePermissions,
  SCOPE_REACH,
} from "@shared/schemas/permissions";

/**
 * What a user may do (PRODUCT.md "People, rights, data protection"): one table of named actions, each
 * with the roles that may take it at all and, for actions on a record, the rule on the record's
 * state. Services ask it through `authorize` (server/access/authorize.ts) before they act; responses
 * carry its answers as `abilities` (`abilitiesOf`, and `GET /me` for the actions on no record), so
 * the web decides from the same table. The per-role permission matrix (Settings → Permissions,
 * domain/permissions) enters through each rule's `right` (may the role do this at all) and the
 * record scopes of Edit and Delete (`withinScope`). Which records a user sees at all is the permission gate's
 * (access-policy.ts and its SQL twin); an action's rule assumes a record the actor already sees.
 */

/** A lead or deal as far as its rules go. */
export interface StatefulRecord extends OwnedRecord {
  status: string;
}
/** A user someone wants to make a record's owner. */
export interface OwnerCandidate {
  id: string;
  teamId: string | null;
}
/** The team someone wants to put a record into. */
export interface TeamChoice {
  teamId: string | null;
}
/** A quote as far as its rules go (who sees it is its deal's gate). */
export interface QuoteSubject {
  status: QuoteStatus;
  superseded: boolean;
  invoiced: boolean;
}
/** An invoice as far as its rules go. */
export interface InvoiceSubject {
  status: string;
}
/** A user account as the subject of an action. */
export interface Account {
  id: string;
}

/**
 * Why an action is refused: the message code of the sentence the API answers with (the server
 * turns it into its error in `refusalError`). `params` fill the sentence's placeholders.
 */
export type RefusalCode =
  | "role_forbidden"
  | "create_forbidden"
  | "export_forbidden"
  | "owner_change_forbidden"
  | "bulk_delete_forbidden"
  | "users_list_forbidden"
  | "users_change_forbidden"
  | "user_not_found"
  | "lead_not_found"
  | "team_not_allowed"
  | "owner_not_in_team"
  | "lead_converted_edit"
  | "lead_converted_delete"
  | "lead_already_converted"
  | "lead_closed_convert"
  | "deal_closed_move"
  | "deal_closed_already"
  | "deal_open_already"
  | "quote_not_draft"
  | "quote_not_sent"
  | "quote_superseded"
  | "quote_not_accepted"
  | "quote_invoiced"
  | "invoice_paid_already";
export interface Refusal {
  code: RefusalCode;
  params?: Record<string, string>;
}

interface Rule<S> {
  /** Who may take the action at all, for actions the permission matrix does not cover. */
  roles: readonly Role[];
  /** The matrix's answer to whether the actor's role may take the action at all (Settings → Permissions). */
  right?: (rights: RolePermissions) => boolean;
  /** The answer to a role that may not. */
  refusal: RefusalCode;
  /** The rule on the record (its state, its team, the actor's relation to it), for a role that may. */
  on?: (actor: Principal, record: S) => Refusal | null;
}

const rule = <S = never>(r: Rule<S>): Rule<S> => r;
const EVERYONE = ROLES;
const ADMINS = ["admin"] as const satisfies readonly Role[];
const MANAGERS = ["admin", "manager"] as const satisfies readonly Role[];
/** Marketing qualifies and hands over; selling (converting) and removing leads is sales work. */
const SELLERS = ["admin", "manager", "sales"] as const satisfies readonly Role[];
const FORM_MANAGERS = ["admin", "marketing"] as const satisfies readonly Role[];
const INTAKE_VIEWERS = ["admin", "manager", "marketing"] as const satisfies readonly Role[];
/** Who gives records to anyone and puts them into any team. */
const ASSIGN_ANYONE = MANAGERS;

const refuse = (code: RefusalCode, params?: Record<string, string>): Refusal =>
  params ? { code, params } : { code };

/**
 * The matrix's Edit or Delete scope on a record the actor sees: outside it, the action is refused
 * (403, the record stays visible), then the action's own rule on the record applies.
 */
const withinScope =
  <S extends OwnedRecord>(
    entity: RecordEntity,
    right: ScopedRight,
    then?: (actor: Principal, record: S) => Refusal | null,
  ) =>
  (actor: Principal, record: S): Refusal | null => {
    const scope = scopeFor(actor, entity, right);
    // A scope as wide as Read covers every record the actor sees, also those seen another way (an
    // activity's participants): so the defaults change nothing of what was allowed before the matrix.
    const coversRead = SCOPE_REACH[scope] >= SCOPE_REACH[scopeFor(actor, entity)];
    if (!coversRead && !inScope(actor, scope, record)) return refuse("role_forbidden");
    return then ? then(actor, record) : null;
  };
/** The matrix allows some scope of Edit (or Delete) on the entity, i.e. the action on some record. */
const mayEdit = (entity: RecordEntity | "quote") => (r: RolePermissions) => r[entity].edit !== "none";
const mayDelete = (entity: RecordEntity | "quote") => (r: RolePermissions) => r[entity].delete !== "none";
/** Edit and Delete of an owned entity, by the matrix's scopes. */
const editRule = <S extends OwnedRecord>(
  entity: RecordEntity,
  then?: (actor: Principal, record: S) => Refusal | null,
) =>
  rule<S>({
    roles: EVERYONE,
    right: mayEdit(entity),
    refusal: "role_forbidden",
    on: withinScope(entity, "edit", then),
  });
const deleteRule = <S extends OwnedRecord>(entity: RecordEntity) =>
  rule<S>({
    roles: EVERYONE,
    right: mayDelete(entity),
    refusal: "role_forbidden",
    on: withinScope(entity, "delete"),
  });

/** The matrix's yes/no rights of each owned entity: `lead.create`, `lead.export`, `lead.change_owner`… */
type MatrixAction = `${OwnedEntity}.${"create" | "export" | "change_owner"}`;
function matrixRules(): Record<MatrixAction, Rule<never>> {
  const rules: Partial<Record<MatrixAction, Rule<never>>> = {};
  for (const entity of OWNED_ENTITIES) {
    rules[`${entity}.create`] = rule({
      roles: EVERYONE,
      refusal: "create_forbidden",
      right: (r) => r[entity].create,
    });
    rules[`${entity}.export`] = rule({
      roles: EVERYONE,
      refusal: "export_forbidden",
      right: (r) => r[entity].export,
    });
    rules[`${entity}.change_owner`] = rule({
      roles: EVERYONE,
      refusal: "owner_change_forbidden",
      right: (r) => r[entity].changeOwner,
    });
  }
  return rules as Record<MatrixAction, Rule<never>>;
}

/** PRODUCT.md "Lead status": a converted lead is read-only apart from activities and notes. */
const notConverted = (_actor: Principal, lead: StatefulRecord) =>
  lead.status === "converted" ? refuse("lead_converted_edit") : null;
/** A closed (won or lost) deal stays where it closed until someone reopens it. */
const openDeal =
  (code: "deal_closed_move" | "deal_closed_already") => (_a: Principal, deal: StatefulRecord) =>
    deal.status === "open" ? null : refuse(code, { status: deal.status });

/** Sending, accepting, revising, invoicing and paying are the matrix's Edit of quotes. */
const quoteEdit = mayEdit("quote");

/** What a quote's state allows (domain/quotes/quote-status.ts). */
const quoteState = (action: QuoteAction) => (_actor: Principal, quote: QuoteSubject) => {
  const blocker = quoteActionBlocker(quote, action);
  return blocker ? refuse(blocker) : null;
};

/**
 * The table. To add an action: a line here (roles, refusal, the rule on the record), a test in
 * policy.test.ts, `authorize(ctx, "<action>", row)` first in the service; if the web needs to know,
 * add it to RECORD_ABILITIES (a record's action) or ACCOUNT_ABILITIES (any other).
 */
const POLICY = {
  /** The permission gate's rule (canSee), here so a check in memory asks the same table. */
  "lead.read": rule<OwnedRecord>({
    roles: EVERYONE,
    refusal: "lead_not_found",
    // An invisible record is answered as missing, so its existence does not leak.
    on: (actor, lead) => (canSee(actor, "lead", lead) ? null : refuse("lead_not_found")),
  }),
  ...matrixRules(),
  "lead.update": editRule<StatefulRecord>("lead", notConverted),
  /** A converted lead is history the funnel is built from: only an admin may delete it. */
  "lead.delete": rule<StatefulRecord>({
    roles: EVERYONE,
    right: mayDelete("lead"),
    refusal: "role_forbidden",
    on: withinScope("lead", "delete", (actor, lead) =>
      lead.status === "converted" && !ADMINS.some((role) => role === actor.role)
        ? refuse("lead_converted_delete")
        : null,
    ),
  }),
  "lead.bulk_delete": rule({ roles: EVERYONE, right: mayDelete("lead"), refusal: "bulk_delete_forbidden" }),
  /** Deleted leads are the admin's alone: seeing them and bringing them back. */
  "lead.restore": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** A converted lead is final; a closed one is reopened first (conversion-rules.ts says why). */
  "lead.convert": rule<StatefulRecord>({
    roles: SELLERS,
    refusal: "role_forbidden",
    on: (_actor, lead) => {
      const blocker = conversionBlocker(lead);
      if (blocker === "already_converted") return refuse("lead_already_converted");
      if (blocker === "closed") return refuse("lead_closed_convert");
      return null;
    },
  }),
  "contact.update": editRule<OwnedRecord>("contact"),
  "contact.delete": deleteRule<OwnedRecord>("contact"),
  "company.update": editRule<OwnedRecord>("company"),
  "company.delete": deleteRule<OwnedRecord>("company"),
  "activity.update": editRule<OwnedRecord>("activity"),
  "activity.delete": deleteRule<OwnedRecord>("activity"),
  /** Seeing everyone's activities, not just one's team's (the calendar offers "everyone" to these). */
  "activity.read_all": rule({
    roles: EVERYONE,
    right: (r) => r.activity.read === "all",
    refusal: "role_forbidden",
  }),
  "deal.update": editRule<StatefulRecord>("deal"),
  "deal.delete": deleteRule<StatefulRecord>("deal"),
  /** Moving on the board: only an open deal; a closed one is reopened first. */
  "deal.move": editRule<StatefulRecord>("deal", openDeal("deal_closed_move")),
  /** Marking won or lost. */
  "deal.close": editRule<StatefulRecord>("deal", openDeal("deal_closed_already")),
  /** Reopening a won or lost deal undoes a result the forecast counted: managers and admins. */
  "deal.reopen": rule<StatefulRecord>({
    roles: MANAGERS,
    right: mayEdit("deal"),
    refusal: "role_forbidden",
    on: withinScope("deal", "edit", (_actor, deal) =>
      deal.status === "open" ? refuse("deal_open_already") : null,
    ),
  }),
  /**
   * Who may hold a record: admins and managers give records to anyone active and put them into any
   * team; sales and marketing only to themselves or members of their own team, and only into it.
   */
  "record.assign_anyone": rule({ roles: ASSIGN_ANYONE, refusal: "role_forbidden" }),
  "record.set_team": rule<TeamChoice>({
    roles: EVERYONE,
    refusal: "role_forbidden",
    on: (actor, { teamId }) =>
      ASSIGN_ANYONE.some((role) => role === actor.role) || teamId === actor.teamId
        ? null
        : refuse("team_not_allowed"),
  }),
  "record.set_owner": rule<OwnerCandidate>({
    roles: EVERYONE,
    refusal: "role_forbidden",
    on: (actor, owner) =>
      ASSIGN_ANYONE.some((role) => role === actor.role) ||
      owner.id === actor.id ||
      owner.teamId === actor.teamId
        ? null
        : refuse("owner_not_in_team"),
  }),
  "user.list": rule({ roles: MANAGERS, refusal: "users_list_forbidden" }),
  /** One's own account, or anyone's for those who see the user list; others answer 404. */
  "user.read": rule<Account>({
    roles: EVERYONE,
    refusal: "user_not_found",
    on: (actor, user) => (canReadAccounts(actor) || user.id === actor.id ? null : refuse("user_not_found")),
  }),
  "user.create": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  "user.update": rule({ roles: ADMINS, refusal: "users_change_forbidden" }),
  "team.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  "pipeline.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  "settings.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** Webhook subscriptions and their delivery log (#14): they send records out of the CRM. */
  "webhook.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** The permission matrix itself (Settings → Permissions): admins only, whose own row is fixed. */
  "permission.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  "lost_reason.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** Custom field definitions (#20): admins define them; everyone reads them to fill them in. */
  "custom_field.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** The audit trail (every change by everyone, with before and after values) and its export. */
  "audit.read": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** The price list: managers and admins keep it; everyone reads it for quotes. */
  "product.manage": rule({ roles: MANAGERS, refusal: "role_forbidden" }),
  /** Quotes are sales work, like converting: marketing reads them with the deal but does not write them. */
  "quote.create": rule({ roles: EVERYONE, right: (r) => r.quote.create, refusal: "role_forbidden" }),
  "quote.update": rule<QuoteSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: quoteState("edit"),
  }),
  "quote.delete": rule<QuoteSubject>({
    roles: EVERYONE,
    right: mayDelete("quote"),
    refusal: "role_forbidden",
    on: quoteState("delete"),
  }),
  "quote.send": rule<QuoteSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: quoteState("send"),
  }),
  "quote.accept": rule<QuoteSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: quoteState("accept"),
  }),
  "quote.decline": rule<QuoteSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: quoteState("decline"),
  }),
  "quote.revise": rule<QuoteSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: quoteState("revise"),
  }),
  "quote.invoice": rule<QuoteSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: quoteState("invoice"),
  }),
  /** Recording a payment by hand, until the invoice is paid in full. */
  "invoice.pay": rule<InvoiceSubject>({
    roles: EVERYONE,
    right: quoteEdit,
    refusal: "role_forbidden",
    on: (_actor, invoice) => (invoice.status === "paid" ? refuse("invoice_paid_already") : null),
  }),
  /** Web-to-lead forms are marketing's tool as much as the admin's. */
  "form.manage": rule({ roles: FORM_MANAGERS, refusal: "role_forbidden" }),
  /** The intake view: each decision shows only with a lead the viewer may see (rejections: form managers). */
  "intake.view": rule({ roles: INTAKE_VIEWERS, refusal: "role_forbidden" }),
  /** The lead and team settings pages: managers read what admins change. */
  "settings.read": rule({ roles: MANAGERS, refusal: "role_forbidden" }),
  /** The numbers (#18): everyone reads reports, each counting only what the reader may see. */
  "report.read": rule({ roles: EVERYONE, refusal: "role_forbidden" }),
  /** The team dashboard (funnel, forecast, win rate, response time, leaderboard) is the managers'. */
  "report.team": rule({ roles: MANAGERS, refusal: "role_forbidden" }),
  /**
   * Data protection (modules/gdpr): the Art. 15 export, the Art. 17 erasure, restrictions, retention
   * rules and the processing log are the admin's (the data protection officer's) alone.
   */
  "gdpr.manage": rule({ roles: ADMINS, refusal: "role_forbidden" }),
  /** Recording and withdrawing a consent is everyday sales work on a record one sees. */
  "consent.record": rule({ roles: EVERYONE, refusal: "role_forbidden" }),
} satisfies Record<string, Rule<never>>;

export type Action = keyof typeof POLICY;
/** The record an action is about (`never` for an action on no record). */
export type SubjectOf<A extends Action> = (typeof POLICY)[A] extends Rule<infer S> ? S : never;

/** Whether the actor's role may take an action at all: the rule's roles and the permission matrix. */
function roleMay(actor: Principal, entry: Pick<Rule<never>, "roles" | "right">): boolean {
  if (!entry.roles.includes(actor.role)) return false;
  return entry.right ? entry.right(rightsOf(actor)) : true;
}

/**
 * Why the actor may not take the action (on this record), or null when they may. Without a record,
 * only the role is asked: what a service checks before it has read the record, and what `GET /me`
 * tells for actions on no record.
 */
export function refusalOf<A extends Action>(
  actor: Principal,
  action: A,
  record?: SubjectOf<A>,
): Refusal | null {
  // Each entry's rule takes its own action's subject; TypeScript cannot follow that through the index.
  const entry = POLICY[action] as Rule<SubjectOf<A>>;
  if (!roleMay(actor, entry)) return refuse(entry.refusal);
  return record !== undefined && entry.on ? entry.on(actor, record) : null;
}

export function can<A extends Action>(actor: Principal, action: A, record?: SubjectOf<A>): boolean {
  return refusalOf(actor, action, record) === null;
}

/** The actions each record's `abilities` answer, by the name the API gives them. */
export const RECORD_ABILITIES = {
  lead: { update: "lead.update", delete: "lead.delete", convert: "lead.convert" },
  contact: { update: "contact.update", delete: "contact.delete" },
  company: { update: "company.update", delete: "company.delete" },
  deal: {
    update: "deal.update",
    delete: "deal.delete",
    move: "deal.move",
    close: "deal.close",
    reopen: "deal.reopen",
  },
  activity: { update: "activity.update", delete: "activity.delete" },
  quote: {
    update: "quote.update",
    delete: "quote.delete",
    send: "quote.send",
    accept: "quote.accept",
    decline: "quote.decline",
    revise: "quote.revise",
    invoice: "quote.invoice",
  },
  invoice: { pay: "invoice.pay" },
} as const satisfies Record<string, Record<string, Action>>;
export type AbilityEntity = keyof typeof RECORD_ABILITIES;
export type Abilities<E extends AbilityEntity> = { [K in keyof (typeof RECORD_ABILITIES)[E]]: boolean };
/** What the abilities of each entity are computed from. */
interface AbilitySubjects {
  lead: StatefulRecord;
  contact: OwnedRecord;
  company: OwnedRecord;
  deal: StatefulRecord;
  activity: OwnedRecord;
  quote: QuoteSubject;
  invoice: InvoiceSubject;
}

/** What the actor may do with a record they see (the `abilities` of every record in responses). */
export function abilitiesOf<E extends AbilityEntity>(
  actor: Principal,
  entity: E,
  record: AbilitySubjects[E],
): Abilities<E> {
  const actions: Record<string, Action> = RECORD_ABILITIES[entity];
  const result: Record<string, boolean> = {};
  for (const [name, action] of Object.entries(actions)) result[name] = can(actor, action, record as never);
  return result as Abilities<E>;
}

/**
 * The actions on no single record that `GET /me` answers, so the web shows only what works; a record
 * action here (`lead.convert`) answers for the role, as for a selection of records in a list.
 */
export const ACCOUNT_ABILITIES = [
  "user.list",
  "user.create",
  "user.update",
  "team.manage",
  "pipeline.manage",
  "settings.read",
  "settings.manage",
  "webhook.manage",
  "lost_reason.manage",
  "custom_field.manage",
  "form.manage",
  "intake.view",
  "lead.restore",
  "lead.bulk_delete",
  "lead.convert",
  "record.assign_anyone",
  "activity.read_all",
  "product.manage",
  "quote.create",
  "audit.read",
  "gdpr.manage",
] as const satisfies readonly Action[];
export type AccountAbilities = { [A in (typeof ACCOUNT_ABILITIES)[number]]: boolean };

export function accountAbilitiesOf(actor: Principal): AccountAbilities {
  const result: Partial<Record<(typeof ACCOUNT_ABILITIES)[number], boolean>> = {};
  for (const action of ACCOUNT_ABILITIES) result[action] = can(actor, action);
  return result as AccountAbilities;
}
