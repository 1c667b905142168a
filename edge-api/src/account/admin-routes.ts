import { createRoute, z } from "@hono/zod-openapi";
import { CustomerDetail, CustomerList, RoleChange } from "@shop/contracts";
import { recordAudit } from "../audit/record";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { actorOf, operatorOpenApi, requireRecentSignIn } from "../security/operator-access";
import { changeRole, customerAsShopper, customerDetail, endSessions, listCustomers } from "./customer-admin";
import { eraseAccount } from "./deletion";
import { exportAccount } from "./export";
import { forgetKeptSessions } from "./session-store";

/** The account team's operator routes (under /api/admin): customers, their sessions and roles, export and erasure on request. */
export const accountAdminRoutes = routeGroup();

const { security, refusals } = operatorOpenApi("admin");
const Params = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "Not a customer id"),
});
const responses = { 400: errorResponse("Malformed request"), ...refusals, 404: errorResponse("No such customer") };

accountAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/customers",
    tags: ["admin"],
    summary: "Customers whose email starts with `q` or whose name holds it, newest first; a page at a time (`after`)",
    security,
    request: {
      query: z.object({
        q: z.string().trim().max(320).optional(),
        after: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: { 200: jsonContent(CustomerList, "A page of customers"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => c.json(await listCustomers(c.get("db")(), c.req.valid("query")), 200),
);

accountAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/customers/{id}",
    tags: ["admin"],
    summary: "A customer: profile, addresses, latest orders and open sessions",
    security,
    request: { params: Params },
    responses: { 200: jsonContent(CustomerDetail, "The customer"), ...responses },
  }),
  async (c) => c.json(await customerDetail(c.get("db")(), c.req.valid("param").id), 200),
);

accountAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/customers/{id}/sessions/end",
    tags: ["admin"],
    summary: "Sign the customer out on every device, at once",
    security,
    request: { params: Params },
    responses: { 200: jsonContent(z.object({ ended: z.number().int() }), "How many sessions ended"), ...responses },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const ended = await endSessions(c.get("db")(), actorOf(c), id);
    await forgetKeptSessions(c.env, id);
    return c.json({ ended }, 200);
  },
);

accountAdminRoutes.openapi(
  createRoute({
    method: "put",
    path: "/customers/{id}/role",
    tags: ["admin"],
    summary: "Grant or revoke the admin role (a sign-in within the last 15 minutes; not one's own)",
    security,
    middleware: [requireRecentSignIn()] as const,
    request: { params: Params, body: { content: { "application/json": { schema: RoleChange } }, required: true } },
    responses: { 200: jsonContent(CustomerDetail, "The customer after the change"), ...responses, 409: errorResponse("One's own role") },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await changeRole(c.get("db")(), { name: actorOf(c), userId: c.get("shopper")?.id ?? null }, id, c.req.valid("json").role);
    await forgetKeptSessions(c.env, id);
    return c.json(await customerDetail(c.get("db")(), id), 200);
  },
);

accountAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/customers/{id}/export",
    tags: ["admin"],
    summary: "Everything stored about the customer, as their own export gives it (on their request; the audit log says who took it)",
    security,
    request: { params: Params },
    responses: { 200: jsonContent(z.record(z.string(), z.unknown()), "The customer's data"), ...responses },
  }),
  async (c) => {
    const customer = await customerAsShopper(c.get("db")(), c.req.valid("param").id);
    const data = await exportAccount(c, customer);
    await recordAudit(c.get("db")(), actorOf(c), { area: "account", action: "customer.export", subject: `customer:${customer.id}` });
    return c.json(data, 200, { "Content-Disposition": `attachment; filename="account-${customer.id}.json"`, "Cache-Control": "no-store" });
  },
);

accountAdminRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/customers/{id}",
    tags: ["admin"],
    summary: "Erase a customer on their request: orders stay for the books, anonymised (a sign-in within the last 15 minutes)",
    security,
    middleware: [requireRecentSignIn()] as const,
    request: { params: Params },
    responses: { 200: jsonContent(z.object({ erased: z.literal(true) }), "Erased"), ...responses, 409: errorResponse("One's own account") },
  }),
  async (c) => {
    const customer = await customerAsShopper(c.get("db")(), c.req.valid("param").id);
    if (customer.id === c.get("shopper")?.id) throw new ApiFailure(409, "own_account", "Delete your own account from your account's page.");
    await eraseAccount(c, customer, (tx) =>
      recordAudit(tx, actorOf(c), {
        area: "account",
        action: "customer.erase",
        subject: `customer:${customer.id}`,
        before: { email: customer.email, name: customer.name },
      }),
    );
    return c.json({ erased: true as const }, 200);
  },
);
