/**
 * The domain a company is matched by (to leads, contacts and their email addresses): the lower-case
 * host of its website without a leading "www.". International names come out in their ASCII
 * (punycode) form, the form mail and DNS use. null when there is no usable website.
 */
export function domainOfWebsite(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const host = new URL(/^https?:\/\//i.test(website) ? website : `https://${website}`).hostname;
    return (
      host
        .toLowerCase()
        .replace(/^www\./, "")
        .replace(/\.$/, "") || null
    );
  } catch {
    return null;
  }
}
