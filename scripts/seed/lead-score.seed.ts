import { DEFAULT_SCORE_RULES } from "@domain/leads/score";
import { scoreOf } from "@server/modules/leads/lead-rules";
import { now } from "./clock";
import type { DemoPlan } from "./demo-plan";

/** Last activity and score as the leads module keeps them (same rules, same function). */
export function scoreLeads(plan: DemoPlan): void {
  const lastActivity = new Map<string, Date>();
  for (const a of plan.data.activities) {
    const t = a.doneAt ?? a.createdAt;
    const seen = a.leadId ? lastActivity.get(a.leadId) : undefined;
    if (a.leadId && t <= now && (!seen || t > seen)) lastActivity.set(a.leadId, t);
  }
  for (const lead of plan.data.leads) {
    lead.lastActivityAt = lastActivity.get(lead.id) ?? null;
    const { email = null, phone = null, companyName = null, jobTitle = null } = lead;
    const { website = null, interest = null, estimatedValue = null, lastActivityAt = null } = lead;
    const fields = {
      email,
      phone,
      companyName,
      jobTitle,
      website,
      interest,
      estimatedValue,
      lastActivityAt,
    };
    Object.assign(
      lead,
      scoreOf(
        { ...fields, source: lead.source, bant: lead.bant, lifecycleStage: lead.lifecycleStage },
        DEFAULT_SCORE_RULES,
      ),
    );
  }
}
