/** Kinds of activity (PRODUCT.md "Activities"); appointments are meetings and calls with a time. */
export const ACTIVITY_TYPES = ["call", "meeting", "task", "note", "email"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
