/** Where a lead came from (PRODUCT.md "Sources"); `sourceDetail` carries the campaign, event or form. */
export const LEAD_SOURCES = [
  "web_form",
  "email",
  "online_ad",
  "webinar",
  "social_media",
  "inbound_call",
  "referral",
  "trade_show",
  "purchased_list",
  "import",
  "manual",
  "other",
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
