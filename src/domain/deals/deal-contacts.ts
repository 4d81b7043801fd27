/**
 * A deal's contacts: each once, exactly one primary when there are any. The primary is the one the
 * caller marked, else the first; the primary is listed first.
 */
export function dealContactLinks(
  input: readonly { contactId: string; isPrimary?: boolean | undefined }[],
): { contactId: string; isPrimary: boolean }[] {
  const seen = new Map<string, boolean>();
  for (const c of input) seen.set(c.contactId, (seen.get(c.contactId) ?? false) || c.isPrimary === true);
  const ids = [...seen.keys()];
  const primary = ids.find((id) => seen.get(id)) ?? ids[0];
  return [
    ...ids.filter((id) => id === primary).map((contactId) => ({ contactId, isPrimary: true })),
    ...ids.filter((id) => id !== primary).map((contactId) => ({ contactId, isPrimary: false })),
  ];
}
