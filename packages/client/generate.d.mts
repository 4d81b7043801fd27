/** The TypeScript declarations of an OpenAPI document, as src/schema.d.ts holds them. */
export function schemaSource(document: object): Promise<string>;
