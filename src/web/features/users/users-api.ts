import type { CreateUserRequest, UpdateUserRequest, User, UserOption } from "@shared/schemas/account";
import type { Page } from "@shared/schemas/common";
import { apiRequest } from "@web/api/api-client";

export interface UserListParams {
  q?: string;
  cursor?: string | null;
  limit?: number;
}

export const usersApi = {
  list: ({ q, cursor, limit }: UserListParams, signal?: AbortSignal) =>
    apiRequest<Page<User>>("/users", { query: { q, cursor, limit }, signal }),
  /** Active users the caller may pick as owner (every role; sales and marketing get their team). */
  options: (signal?: AbortSignal) => apiRequest<{ data: UserOption[] }>("/users/options", { signal }),
  create: (body: CreateUserRequest) => apiRequest<User>("/users", { method: "POST", body }),
  update: (id: string, body: UpdateUserRequest) =>
    apiRequest<User>(`/users/${encodeURIComponent(id)}`, { method: "PATCH", body }),
};
