import { createRoute, z } from "@hono/zod-openapi";
import { AuditArea, AuditPage } from "@shop/contracts";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { operatorOpenApi } from "../security/operator-access";
import { listAudit } from "./record";

/** The audit log, read in the back office (under /api/admin). */
export const auditRoutes = routeGroup();

const { security, refusals } = operatorOpenApi("admin");

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/audit",
    tags: ["admin"],
    summary: "Operators' changes, newest first: of one thing (`subject`, e.g. `coupon:SPRING10`), by one operator, or of one team's area",
    security,
    request: {
      query: z.object({
        subject: z.string().trim().min(1).max(200).optional(),
        actor: z.string().trim().min(1).max(320).optional(),
        area: AuditArea.optional(),
        before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: { 200: jsonContent(AuditPage, "A page of entries"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => c.json(await listAudit(c.get("db")(), c.req.valid("query")), 200),
);
