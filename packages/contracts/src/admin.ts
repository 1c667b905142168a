import { z } from "zod";

// The audit log every team's back office writes to.

export const AuditArea = z.enum(["catalog", "cart", "checkout", "account", "platform"]);
export type AuditArea = z.infer<typeof AuditArea>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    area: AuditArea,
    action: z.string(),
    subject: z.string(),
    /** The fields that changed, as they were and as they became (null: created, or deleted). */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({ entries: z.array(AuditEntry), next: z.number().int().nullable().describe("Pass as `before` for older entries") })
  .meta({ id: "AuditPage" });
export type AuditPage = z.infer<typeof AuditPage>;
