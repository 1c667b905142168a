import { desc, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { html } from "hono/html";
import { cachePolicy } from "../cache-policy";
import { edgePage, edgePageHeaders, refusedUnlessOperator } from "../delivery/edge-page";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { KiB, limitBody } from "../security/body-limit";
import { actorOf, requireAdmin } from "../security/operator-access";
import { sameOriginWrites } from "../security/same-origin";
import { setTopics, unsubscribeRequest } from "./preferences";
import { outbox } from "./schema";
import { markSent, sendAgain } from "./undelivered";

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
  await setTopics(c.get("db")(), request.email, { [request.topic]: false });
  return c.html(
    edgePage(
      "You are unsubscribed",
      html`<p role="status">We will not send ${TOPIC_NAMES[request.topic]} to <strong>${request.email}</strong> again. You can turn them back on in <a href="/account">your account</a>.</p>`,
    ),
    200,
    cachePolicy.none,
  );
});

/** `/admin/messages`: what could not be delivered, for operators (the dead letters), each to send again or mark sent. */
export const messagePages = new Hono<AppEnv>();
messagePages.use("*", edgePageHeaders);

const DONE = { "send-again": "is on its way again", "mark-sent": "is marked sent" } as const;
type Act = keyof typeof DONE;
const isAct = (value: unknown): value is Act => typeof value === "string" && value in DONE;

messagePages.get("/messages", async (c) => {
  const refused = await refusedUnlessOperator(c);
  if (refused) return refused;
  const rows = await c
    .get("db")()
    .select()
    .from(outbox)
    .where(inArray(outbox.status, ["failed", "unknown"]))
    .orderBy(desc(outbox.id))
    .limit(200);
  const done = c.req.query("done");
  const notice = isAct(done) ? html`<p role="status">Email ${c.req.query("id") ?? ""} ${DONE[done]}.</p>` : "";
  const act = (id: number, action: Act, label: string) =>
    html`<form method="post" action="/admin/messages/${id}"><input type="hidden" name="action" value="${action}"><button type="submit" aria-label="${label} email ${id}">${label}</button></form>`;
  const body = rows.length
    ? html`${notice}<p>Emails the shop gave up on (failed) or may have sent once without hearing back (unknown). Neither is sent again by itself: send it again (an unknown one may then arrive twice), or mark it sent if it reached the shopper another way. <code>npm run mail -- --undelivered</code> lists them too.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Undelivered emails"><table><caption>Undelivered emails, newest first</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Order</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Queued</th><th scope="col">Act</th></tr></thead>
<tbody>${rows.map(
        (r) =>
          html`<tr><th scope="row">${r.id}</th><td>${r.kind}</td><td>${r.recipient}</td><td>${r.orderNumber ?? "—"}</td><td>${r.status}</td><td>${r.attempts}</td><td>${r.lastError ?? ""}</td><td>${r.createdAt.toISOString()}</td><td>${act(r.id, "send-again", "Send again")} ${act(r.id, "mark-sent", "Mark sent")}</td></tr>`,
      )}</tbody></table></div>`
    : html`${notice}<p>Every email was delivered to the sender.</p>`;
  return c.html(edgePage("Undelivered emails", body), 200, cachePolicy.private);
});

// The page's buttons: a same-origin form post by an operator (or the admin token), then back to the list.
messagePages.post("/messages/:id", sameOriginWrites, requireAdmin(), limitBody(1 * KiB), async (c) => {
  const id = Number(c.req.param("id"));
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  if (!Number.isSafeInteger(id) || id < 1 || !isAct(form.action)) {
    return c.html(edgePage("Not done", html`<p>Use the buttons on <a href="/admin/messages">the undelivered emails page</a>.</p>`), 400, cachePolicy.none);
  }
  try {
    if (form.action === "send-again") await sendAgain(c.get("db")(), c.env, id, actorOf(c));
    else await markSent(c.get("db")(), id, actorOf(c));
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    return c.html(
      edgePage("Not done", html`<p>${err.message} <a href="/admin/messages">Back to the undelivered emails</a>.</p>`),
      err.status as 404 | 409,
      cachePolicy.none,
    );
  }
  return c.redirect(`/admin/messages?done=${form.action}&id=${id}`, 303);
});
