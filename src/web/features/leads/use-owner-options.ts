import type { OwnedEntity } from "@shared/schemas/permissions";
import { useQuery } from "@tanstack/react-query";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { usersApi } from "@web/features/users/users-api";
import { useMemo } from "react";

export interface OwnerOption {
  id: string;
  name: string;
}

export interface OwnerOptions {
  /** Users the caller may give a lead to (the server's rule), the caller first. */
  owners: OwnerOption[];
  /** Names by id, for showing who owns a lead. */
  names: Map<string, string>;
  isPending: boolean;
  /** Whether the user's role may hand records of the entity to someone else (Settings → Permissions). */
  canChangeOwner: boolean;
}

/**
 * Owners for pickers and names for lists, from GET /users/options: admins and managers get every
 * active user, sales and marketing themselves and their team.
 */
export function useOwnerOptions(entity?: OwnedEntity): OwnerOptions {
  const me = useCurrentUser();
  const query = useQuery({
    queryKey: ["users", "options"],
    queryFn: async ({ signal }) => (await usersApi.options(signal)).data,
    staleTime: 5 * 60_000,
  });

  return useMemo(() => {
    const others = (query.data ?? []).filter((user) => user.id !== me.id);
    const owners = [{ id: me.id, name: me.name }, ...others.map(({ id, name }) => ({ id, name }))];
    return {
      owners,
      names: new Map(owners.map((owner) => [owner.id, owner.name])),
      isPending: query.isPending,
      canChangeOwner: entity ? me.permissions[entity].changeOwner : true,
    };
  }, [query.data, query.isPending, me, entity]);
}
