import { z } from "zod";

export const ApiError = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      /** A refused form's message per field (`{ "value": "Too small: …" }`), when the input was invalid. */
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: "ApiError" });
export type ApiError = z.infer<typeof ApiError>;
