/**
 * What `deal.updated` entries compare: the fields a deal's edit changes, as stored (a change of
 * contacts is added beside them; status, stage and position move by operations of their own).
 */
export const DEAL_AUDITED_FIELDS = [
  "title",
  "amount",
  "currency",
  "probability",
  "expectedCloseDate",
  "companyId",
  "ownerId",
  "teamId",
  "description",
  "tags",
  "customFields",
] as const;
