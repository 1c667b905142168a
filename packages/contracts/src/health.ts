import { z } from "zod";

export const Health = z
  .object({
    ok: z.boolean(),
    environment: z.string(),
    database: z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
  })
  .meta({ id: "Health" });
export type Health = z.infer<typeof Health>;

export const Liveness = z.object({ ok: z.literal(true) }).meta({ id: "Liveness" });
