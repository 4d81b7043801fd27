import { RecordPageFrame } from "@web/components/record-page-frame";
import { type ReactNode, useEffect } from "react";
import { useNavigate, useParams } from "react-router";

interface RecordDetailFrameProps<D> {
  /** The records' page path, e.g. "/contacts": the list to go back to and the survivor's address. */
  basePath: string;
  texts: { back: string; notFound: string };
  /** The page's query hook, given the id in the address. */
  useDetail: (id: string) => {
    data?: D | undefined;
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch: () => Promise<unknown>;
  };
  /** The id of the record the answer is about. */
  recordId: (data: D) => string;
  children: (data: D) => ReactNode;
}

/**
 * A contact's or company's page around its content. A merged-away record answers with its
 * survivor (308): the page then shows the survivor under its own address.
 */
export function RecordDetailFrame<D>({
  basePath,
  texts,
  useDetail,
  recordId,
  children,
}: RecordDetailFrameProps<D>) {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const query = useDetail(id);
  const survivorId = query.data && recordId(query.data) !== id ? recordId(query.data) : null;
  useEffect(() => {
    if (survivorId) void navigate(`${basePath}/${survivorId}`, { replace: true });
  }, [survivorId, basePath, navigate]);
  return (
    <RecordPageFrame backTo={basePath} backLabel={texts.back} notFound={texts.notFound} query={query}>
      {query.data && !survivorId && children(query.data)}
    </RecordPageFrame>
  );
}
