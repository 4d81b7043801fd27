/**
 * Custom field definitions (issue #20 point 1): per entity an admin's extra fields; the values live in
 * each record's `custom_fields` jsonb (recordColumns in schema.ts). Small (a few dozen rows), read
 * whole into each process's cache (modules/custom-fields/custom-field-store.ts), never per write.
 * The key stays unique per entity even after a soft delete: the values under it are kept until an
 * admin purges them, and a new field must not adopt them.
 */
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, inList, tstz, updatedAt, version } from "./columns";

const ENTITIES = ["lead", "contact", "company", "deal"] as const;
const TYPES = [
  "text",
  "long_text",
  "number",
  "money",
  "date",
  "choice",
  "multi_choice",
  "checkbox",
  "url",
  "email",
  "phone",
  "user",
] as const;

export const customFieldDefinitions = pgTable(
  "custom_field_definitions",
  {
    id: id(),
    entity: text("entity", { enum: ENTITIES }).notNull(),
    key: text("key").notNull(),
    type: text("type", { enum: TYPES }).notNull(),
    label: jsonb("label").$type<{ de: string; en: string }>().notNull(),
    options: jsonb("options")
      .$type<{ value: string; label: { de: string; en: string } }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    required: boolean("required").notNull().default(false),
    help: jsonb("help").$type<{ de: string; en: string }>(),
    position: integer("position").notNull().default(0),
    filterable: boolean("filterable").notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: tstz("deleted_at"),
  },
  (t) => [
    uniqueIndex("custom_field_definitions_entity_key").on(t.entity, t.key),
    index("custom_field_definitions_entity_position_idx").on(t.entity, t.position),
    check("custom_field_definitions_entity_check", inList("entity", ENTITIES)),
    check("custom_field_definitions_type_check", inList("type", TYPES)),
  ],
);
