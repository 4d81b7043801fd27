import { MONEY_RULES, toAmountString } from "@shared/locale-number";
import { isApiError } from "@web/api/api-client";
import type { NumberReader } from "@web/components/number-field";
import dayjs from "dayjs";
import type { ConversionSuggestions, ConvertLeadRequest } from "./conversion-api";
import {
  companyPart,
  contactPart,
  defaultCompanyChoice,
  defaultContactChoice,
  NEW,
  NONE,
} from "./conversion-choices";
import { defaultMergeValues, type MergeValues, mergeRequestPart } from "./merge-choices";

/** The dialog's values, shaped like the request so server error paths land beside the fields. */
export interface ConvertValues {
  contact: {
    choice: string;
    create: {
      salutation: string;
      title: string;
      firstName: string;
      lastName: string;
      jobTitle: string;
      department: string;
      email: string;
      phone: string;
      mobile: string;
    };
  };
  company: { choice: string; create: { name: string; website: string; phone: string } };
  /** Per field of the chosen existing contact and company: what to take from the lead. */
  merge: { contact: MergeValues; company: MergeValues };
  deal: {
    enabled: boolean;
    title: string;
    pipelineId: string | null;
    stageId: string | null;
    /** As typed in the user's locale. */
    amount: string;
    currency: string;
    expectedCloseDate: string | null;
  };
  appointment: {
    enabled: boolean;
    type: "meeting" | "call";
    subject: string;
    date: string | null;
    time: string;
    duration: string;
  };
}

export const DURATIONS = ["15", "30", "45", "60", "90", "120"] as const;

export function initialValues(
  s: ConversionSuggestions,
  followUpSubject: string,
  numbers: NumberReader,
): ConvertValues {
  const { contact: c, company, deal } = s.prefill;
  const contactChoice = defaultContactChoice(s);
  const companyChoice = defaultCompanyChoice(s);
  return {
    contact: {
      choice: contactChoice,
      create: {
        salutation: c.salutation ?? "",
        title: c.title ?? "",
        firstName: c.firstName ?? "",
        lastName: c.lastName ?? "",
        jobTitle: c.jobTitle ?? "",
        department: c.department ?? "",
        email: c.emails[0]?.value ?? "",
        phone: c.phones.find((p) => p.type === "work")?.value ?? "",
        mobile: c.phones.find((p) => p.type === "mobile")?.value ?? "",
      },
    },
    company: {
      choice: companyChoice,
      create: { name: company.name ?? "", website: company.website ?? "", phone: company.phone ?? "" },
    },
    merge: {
      contact: defaultMergeValues(s, "contact", contactChoice),
      company: defaultMergeValues(s, "company", companyChoice),
    },
    deal: {
      enabled: true,
      title: deal.title,
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      amount: numbers.format(deal.amount ? Number(deal.amount.amount) : null, MONEY_RULES),
      currency: deal.amount?.currency ?? "EUR",
      expectedCloseDate: deal.expectedCloseDate,
    },
    appointment: {
      enabled: false,
      type: "meeting",
      subject: followUpSubject,
      date: dayjs().add(1, "day").format("YYYY-MM-DD"),
      time: "10:00",
      duration: "30",
    },
  };
}

const orNull = (value: string) => value.trim() || null;

/** The message beside a deal amount the user's locale cannot read, or null (also when no deal is made). */
export const dealAmountError = (v: ConvertValues, numbers: NumberReader) =>
  v.deal.enabled ? numbers.error(v.deal.amount, MONEY_RULES, v.deal.currency) : null;

function dealAmount(v: ConvertValues, numbers: NumberReader) {
  const reading = numbers.read(v.deal.amount, MONEY_RULES, v.deal.currency);
  return reading.kind === "number"
    ? { amount: toAmountString(reading.value), currency: v.deal.currency }
    : null;
}

export function toRequest(v: ConvertValues, numbers: NumberReader): ConvertLeadRequest {
  const c = v.contact.create;
  const phones = [
    ...(orNull(c.phone) ? [{ value: c.phone.trim(), type: "work" as const, primary: true }] : []),
    ...(orNull(c.mobile)
      ? [{ value: c.mobile.trim(), type: "mobile" as const, primary: !orNull(c.phone) }]
      : []),
  ];
  const contactCreate = {
    salutation: orNull(c.salutation),
    title: orNull(c.title),
    firstName: orNull(c.firstName),
    lastName: c.lastName.trim(),
    jobTitle: orNull(c.jobTitle),
    department: orNull(c.department),
    emails: orNull(c.email) ? [{ value: c.email.trim(), type: "work" as const, primary: true }] : [],
    phones,
  };
  const co = v.company.create;
  const start = v.appointment.date ? dayjs(`${v.appointment.date}T${v.appointment.time || "00:00"}`) : null;
  // Choices only for a chosen existing record (the values are reset whenever the choice changes).
  const merge = {
    contact: isExisting(v.contact.choice) ? mergeRequestPart(v.merge.contact) : undefined,
    company: isExisting(v.company.choice) ? mergeRequestPart(v.merge.company) : undefined,
  };
  return {
    ...(merge.contact || merge.company ? { merge } : {}),
    contact: contactPart(v.contact.choice, contactCreate),
    company: companyPart(v.company.choice, {
      name: co.name.trim(),
      website: orNull(co.website),
      phone: orNull(co.phone),
    }),
    deal: v.deal.enabled
      ? {
          title: v.deal.title.trim(),
          ...(v.deal.pipelineId ? { pipelineId: v.deal.pipelineId } : {}),
          ...(v.deal.stageId ? { stageId: v.deal.stageId } : {}),
          amount: dealAmount(v, numbers),
          expectedCloseDate: v.deal.expectedCloseDate || null,
        }
      : null,
    appointment:
      v.appointment.enabled && start
        ? {
            type: v.appointment.type,
            subject: v.appointment.subject.trim() || undefined,
            startsAt: start.toISOString(),
            endsAt: start.add(Number(v.appointment.duration), "minute").toISOString(),
          }
        : null,
  };
}

/** Server paths that name request parts the dialog shows as other fields. */
const PATH_MAP: [RegExp, string][] = [
  [/^contact\.existingId$/, "contact.choice"],
  // A record the user may not change as a whole: beside its choice.
  [/^merge\.contact$/, "contact.choice"],
  [/^merge\.company$/, "company.choice"],
  [/^company\.existingId$/, "company.choice"],
  [/^contact\.create\.emails\.\d+\.\w+$/, "contact.create.email"],
  [/^contact\.create\.phones\.0\.\w+$/, "contact.create.phone"],
  [/^contact\.create\.phones\.1\.\w+$/, "contact.create.mobile"],
  [/^deal\.amount\.\w+$/, "deal.amount"],
  [/^appointment\.startsAt$/, "appointment.date"],
  [/^appointment\.endsAt$/, "appointment.duration"],
];

/** Rewrites the error's field paths onto the dialog's fields (in place), then returns it. */
export function onDialogFields(error: unknown, values: ConvertValues): unknown {
  if (!isApiError(error)) return error;
  for (const e of error.problem.errors ?? []) {
    // With only a mobile number, the mobile is the first phone entry.
    if (/^contact\.create\.phones\.0\./.test(e.path) && !values.contact.create.phone.trim()) {
      e.path = "contact.create.mobile";
      continue;
    }
    const hit = PATH_MAP.find(([pattern]) => pattern.test(e.path));
    if (hit) e.path = hit[1];
  }
  return error;
}

export const isNewChoice = (choice: string) => choice === NEW;
const isExisting = (choice: string) => choice !== NEW && choice !== NONE;
