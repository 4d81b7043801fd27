import type { Problem as ServerProblem } from "@shared/schemas/common";

/**
 * A problem answer as the client meets it: the server's (src/shared), or one made up from a bare
 * status when a proxy or the network answered instead, which has no `detail`.
 */
export type Problem = Omit<ServerProblem, "detail"> & Partial<Pick<ServerProblem, "detail">>;

const API_BASE = "/api/v1";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** A non-JSON body sent as is, e.g. a .vcf file as text/vcard. */
  rawBody?: { contentType: string; text: string };
  /** A multipart body (a file upload); the browser sets its content type with the boundary. */
  formData?: FormData;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /**
   * Login, setup and the session probe expect a 401 as a normal answer; everywhere else a 401
   * means the session ended and the app must go to the login page.
   */
  expectUnauthorized?: boolean;
}

/** A non-2xx answer, carrying the server's problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The server hands out the token with every session answer (setup, login, me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** The address of an API path with its query; also for plain links such as downloads. */
export function apiUrl(path: string, query: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { type: "about:blank", title: response.statusText, status: response.status };
  try {
    const body: unknown = await response.json();
    return isProblem(body) ? body : fallback;
  } catch {
    return fallback;
  }
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? "GET";
  const headers = new Headers({ Accept: "application/json, application/problem+json" });
  if (options.body !== undefined) headers.set("Content-Type", "application/json");
  if (options.rawBody) headers.set("Content-Type", options.rawBody.contentType);
  if (UNSAFE_METHODS.has(method) && csrfToken) headers.set("X-CSRF-Token", csrfToken);

  const response = await fetch(apiUrl(path, options.query), {
    method,
    headers,
    credentials: "same-origin",
    body: options.formData
      ? options.formData
      : options.rawBody
        ? options.rawBody.text
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (response.ok) return response;

  const problem = await readProblem(response);
  if (response.status === 401 && !options.expectUnauthorized) unauthorizedHandler?.();
  throw new ApiError(problem);
}

/** Sends a request and parses the JSON answer. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  // The cast is the trust boundary until the shared zod schemas arrive (see types.ts).
  return (await response.json()) as T;
}

/** Sends a request whose answer has no body (204). */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
