/**
 * The file import's tables (src/server/modules/imports, issue #17): one row per uploaded file and
 * one per data row of it. The rows are kept as uploaded (their cells as text), so the dry run, the
 * durable job (which resumes at the first row not yet done), the error file in the original format
 * and the undo all read them from here. Imported relatively (drizzle-kit loads the schema without the
 * path aliases).
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { IMPORT_ENTITIES, IMPORT_STATUSES } from "../../../shared/schemas/import";
import { users } from "../schema";
import { inList, tstz } from "./columns";

/** Saved mappings of one entity's imports, shared by everyone who imports it. */
export const importTemplates = pgTable(
  "import_templates",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    entity: text("entity").notNull(),
    name: text("name").notNull(),
    /** Header → field, as in `imports.mapping`; a new upload holding all mapped headers gets it. */
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull(),
    valueMapping: jsonb("value_mapping")
      .$type<Record<string, Record<string, string>>>()
      .notNull()
      .default({}),
    duplicatePolicy: text("duplicate_policy").notNull().default("skip"),
    matchOn: jsonb("match_on").$type<string[]>().notNull().default([]),
    linkPolicy: text("link_policy").notNull().default("find"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    // Listed per entity by name; one name once per entity.
    uniqueIndex("import_templates_name_key").on(t.entity, sql`lower(${t.name})`),
    check("import_templates_entity_check", inList("entity", IMPORT_ENTITIES)),
  ],
);

export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    entity: text("entity").notNull(),
    status: text("status").notNull().default("mapping"),
    fileName: text("file_name").notNull(),
    /** csv or xlsx: the error file is written in it. */
    format: text("format").notNull(),
    encoding: text("encoding"),
    delimiter: text("delimiter"),
    sheet: text("sheet"),
    /** The header row as read. */
    columns: jsonb("columns").$type<string[]>().notNull(),
    /** Header → field (null: not imported), and per field the file's value → the code. */
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull().default({}),
    valueMapping: jsonb("value_mapping")
      .$type<Record<string, Record<string, string>>>()
      .notNull()
      .default({}),
    duplicatePolicy: text("duplicate_policy").notNull().default("skip"),
    matchOn: jsonb("match_on").$type<string[]>().notNull().default([]),
    /** A deal's or contact's company or contact not found: `find` (the row is an error) or `create`. */
    linkPolicy: text("link_policy").notNull().default("find"),
    /** An XLSX's sheet names (the user may pick another one). */
    sheets: jsonb("sheets").$type<string[]>().notNull().default([]),
    /** The saved mapping applied on upload, if any. */
    templateId: uuid("template_id").references(() => importTemplates.id, { onDelete: "set null" }),
    /** Number format of the file's dates and numbers (de: 23.11.2026, 1.234,56). */
    locale: text("locale").notNull().default("de"),
    total: integer("total").notNull().default(0),
    /** Rows the job has written so far: a restart continues after row `done`. */
    done: integer("done").notNull().default(0),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
    startedAt: tstz("started_at"),
    finishedAt: tstz("finished_at"),
    lastError: text("last_error"),
  },
  (t) => [
    index("imports_creator_idx").on(t.createdBy, t.createdAt),
    // The job looks for the imports to run.
    index("imports_open_idx").on(t.createdAt).where(sql`status in ('running', 'undoing')`),
    check("imports_entity_check", inList("entity", IMPORT_ENTITIES)),
    check("imports_status_check", inList("status", IMPORT_STATUSES)),
  ],
);

export const importRows = pgTable(
  "import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    /** 1 for the first data row (the file's second line, after the header). */
    rowNo: integer("row_no").notNull(),
    cells: jsonb("cells").$type<string[]>().notNull(),
    /** The dry run's, then the run's outcome: create, update, duplicate, linked, error, skipped. */
    outcome: text("outcome"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    recordId: uuid("record_id"),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.rowNo] }),
    // The preview filtered by outcome, paged by row number.
    index("import_rows_outcome_idx").on(t.importId, t.outcome, t.rowNo),
  ],
);
