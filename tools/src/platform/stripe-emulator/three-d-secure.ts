import type { Payments } from "./payments";

interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The bank's authentication step for `pm_card_threeDSecure2Required`: the shopper approves or fails
 * it, then returns to the shop's `return_url` with the PaymentIntent in the query, as Stripe does.
 */
export function threeDSecurePage(method: string, url: URL, body: string, payments: Payments): Page | undefined {
  const match = /^\/3ds\/(pi_\w+)$/.exec(url.pathname);
  if (!match) return undefined;
  const intent = payments.intents.get(match[1]!);
  const returnUrl = method === "POST" ? new URLSearchParams(body).get("return_url") : url.searchParams.get("return_url");
  if (!intent || !returnUrl || !/^https?:\/\//.test(returnUrl)) {
    return { status: 404, headers: { "Content-Type": "text/plain" }, body: "No payment is waiting for authentication here." };
  }
  if (method === "POST") {
    const approved = new URLSearchParams(body).get("outcome") === "approve";
    const settled = payments.authenticate(intent.id, approved);
    const back = new URL(returnUrl);
    back.searchParams.set("payment_intent", settled.id);
    back.searchParams.set("payment_intent_client_secret", settled.client_secret ?? "");
    back.searchParams.set("redirect_status", settled.status === "succeeded" ? "succeeded" : "failed");
    return { status: 303, headers: { Location: back.href }, body: "" };
  }
  const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: intent.currency.toUpperCase() }).format(intent.amount / 100);
  const action = escapeHtml(url.pathname);
  const hidden = `<input type="hidden" name="return_url" value="${escapeHtml(returnUrl)}">`;
  return {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confirm your payment – test bank</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}button{font:inherit;min-height:44px;padding:.5rem 1rem;margin:.25rem .5rem 0 0;border-radius:6px;border:1px solid #333;background:#fff}button.approve{background:#0b5;color:#000;border-color:#085}</style></head>
<body><main><h1>Confirm your payment</h1>
<p>Your bank asks you to confirm a payment of <strong>${escapeHtml(amount)}</strong>. This is the Stripe emulator's test authentication page.</p>
<form method="post" action="${action}">${hidden}<button class="approve" name="outcome" value="approve">Complete authentication</button><button name="outcome" value="fail">Fail authentication</button></form>
</main></body></html>`,
  };
}
