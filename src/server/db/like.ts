/** A `%fragment%` pattern for LIKE/ILIKE with the user's own %, _ and \ taken literally. */
export const containsPattern = (fragment: string) => `%${fragment.replace(/[\\%_]/g, "\\$&")}%`;
