import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { dealKeys } from "@web/features/deals/use-deals";
import { invoicesApi, productsApi, quotesApi } from "./quotes-api";

export const quoteKeys = {
  all: ["quotes"] as const,
  ofDeal: (dealId: string) => ["quotes", "deal", dealId] as const,
  one: (id: string) => ["quotes", "one", id] as const,
  invoicesOfDeal: (dealId: string) => ["quotes", "invoices", dealId] as const,
  products: (q: string) => ["products", q] as const,
};

export const useDealQuotes = (dealId: string) =>
  useQuery({
    queryKey: quoteKeys.ofDeal(dealId),
    queryFn: ({ signal }) => quotesApi.list({ dealId }, signal),
  });

export const useQuote = (id: string | null) =>
  useQuery({
    queryKey: quoteKeys.one(id ?? ""),
    queryFn: ({ signal }) => quotesApi.get(id ?? "", signal),
    enabled: id !== null,
  });

export const useDealInvoices = (dealId: string) =>
  useQuery({
    queryKey: quoteKeys.invoicesOfDeal(dealId),
    queryFn: ({ signal }) => invoicesApi.list({ dealId }, signal),
  });

export const useProducts = (q: string, activeOnly = false) =>
  useQuery({
    queryKey: [...quoteKeys.products(q), activeOnly],
    queryFn: ({ signal }) =>
      productsApi.list({ q: q || undefined, limit: 200, ...(activeOnly && { active: true }) }, signal),
    placeholderData: keepPreviousData,
  });

/** Settings → Products: the price list a page of 50 at a time (keyset), searched by the server. */
export const useProductPages = (q: string) =>
  useInfiniteQuery({
    queryKey: [...quoteKeys.products(q), "pages"],
    queryFn: ({ pageParam, signal }) =>
      productsApi.list({ q: q || undefined, limit: 50, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });

/** A quote action: afterwards the deal's quotes, invoices and the deal itself (won) are read again. */
export function useQuoteAction<A>(run: (arg: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: quoteKeys.all });
      await client.invalidateQueries({ queryKey: dealKeys.all });
    },
  });
}
