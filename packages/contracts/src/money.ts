import { z } from "zod";

/** Money is always integer minor units (cents) with an ISO 4217 currency code. */
export const Money = z
  .object({
    amount: z.number().int(),
    currency: z.string().regex(/^[A-Z]{3}$/),
  })
  .meta({ id: "Money" });
export type Money = z.infer<typeof Money>;
