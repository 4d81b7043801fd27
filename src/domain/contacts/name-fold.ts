/**
 * A name as duplicate matching compares it: accents folded ("Müller" = "Muller"), case and spacing
 * ignored. German "ü" written "ue" is a different spelling and is not folded on purpose: "Mueller"
 * and "Müller" are often two people.
 */
export function foldName(value: string | null | undefined): string {
  return (value ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s.,]+/g, " ")
    .trim();
}
