import { desc, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { html } from "hono/html";
import { cachePolicy } from "../cache-policy";
import { edgePage, edgePageHeaders, refusedUnlessOperator } from "../delivery/edge-page";
import type { AppEnv } from "../env";
import { KiB, limitBody } from "../security/body-limit";
import { setTopics, unsubscribeRequest } from "./preferences";
import { outbox } from "./schema";

/** The page an unsubscribe link opens, and its one-click POST (RFC 8058). */
export const unsubscribePages = new Hono<AppEnv>();
unsubscribePages.use("*", edgePageHeaders, limitBody(2 * KiB));

const TOPIC_NAMES = { back_in_stock: "back-in-stock emails", review_request: "review requests" } as const;

const invalidLink = edgePage(
  "This link does not work",
  html`<p>This unsubscribe link is incomplete or was changed. Use the link in the email as it came, or turn emails off in <a href="/account">your account</a>.</p>`,
);

unsubscribePages.get("/unsubscribe", (c) => {
  const token = c.req.query("token");
  const request = unsubscribeRequest(c.env, token);
  if (!request) return c.html(invalidLink, 400, cachePolicy.none);
  // A GET changes nothing (mail scanners follow links): the button posts.
  return c.html(
    edgePage(
      "Unsubscribe",
      html`<p>Stop sending ${TOPIC_NAMES[request.topic]} to <strong>${request.email}</strong>? Order and account emails still come.</p>
<form method="post"><input type="hidden" name="token" value="${token}"><button type="submit">Unsubscribe</button></form>`,
    ),
    200,
    cachePolicy.none,
  );
});

// The mail client's one-click POST carries the link's query and `List-Unsubscribe=One-Click`; the
// page's form carries the token in its body. Neither has a cookie: the signed token is the authority.
unsubscribePages.post("/unsubscribe", async (c) => {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const token = c.req.query("token") ?? (typeof body.token === "string" ? body.token : undefined);
  const request = unsubscribeRequest(c.env, token);
  if (!request) return c.html(invalidLink, 400, cachePolicy.none);
  await setTopics(c.var.db(), request.email, { [request.topic]: false });
  return c.html(
    edgePage(
      "You are unsubscribed",
      html`<p role="status">We will not send ${TOPIC_NAMES[request.topic]} to <strong>${request.email}</strong> again. You can turn them back on in <a href="/account">your account</a>.</p>`,
    ),
    200,
    cachePolicy.none,
  );
});

/** `/admin/messages`: what could not be delivered, for operators (the dead letters). */
export const messagePages = new Hono<AppEnv>();
messagePages.use("*", edgePageHeaders);

messagePages.get("/messages", async (c) => {
  const refused = await refusedUnlessOperator(c);
  if (refused) return refused;
  const rows = await c.var
    .db()
    .select()
    .from(outbox)
    .where(inArray(outbox.status, ["failed", "unknown"]))
    .orderBy(desc(outbox.id))
    .limit(200);
  const body = rows.length
    ? html`<p>Emails the shop gave up on (failed) or may have sent once without hearing back (unknown). Neither is sent again by itself; <code>npm run mail -- --undelivered</code> lists them too.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Undelivered emails"><table><caption>Undelivered emails, newest first</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Order</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Queued</th></tr></thead>
<tbody>${rows.map(
        (r) =>
          html`<tr><th scope="row">${r.id}</th><td>${r.kind}</td><td>${r.recipient}</td><td>${r.orderNumber ?? "—"}</td><td>${r.status}</td><td>${r.attempts}</td><td>${r.lastError ?? ""}</td><td>${r.createdAt.toISOString()}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>Every email was delivered to the sender.</p>`;
  return c.html(edgePage("Undelivered emails", body), 200, cachePolicy.private);
});
