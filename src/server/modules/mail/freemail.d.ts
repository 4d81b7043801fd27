// freemail ships no types; these are the two functions Leadwerk uses.
declare module "freemail" {
  /** Whether the address's domain is a free mail provider (gmail.com, gmx.de, web.de, …). */
  export function isFree(email: string): boolean;
  export function isDisposable(email: string): boolean;
}
