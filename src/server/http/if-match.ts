/** API.md: the version may come as `If-Match: "<version>"` instead of a `version` field. */
export function withIfMatch<T extends { version?: number | undefined }>(
  ifMatch: string | undefined,
  body: T,
): T {
  if (body.version !== undefined || !ifMatch) return body;
  const version = Number(ifMatch.replace(/^W\//, "").replaceAll('"', ""));
  return Number.isInteger(version) && version > 0 ? { ...body, version } : body;
}
