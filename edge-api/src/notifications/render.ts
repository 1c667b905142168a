import { formatMoney } from "@shop/contracts";
import { html } from "hono/html";
import { type Composed, lineLabel, type Part } from "./compose";

export interface Rendered {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface Shop {
  name: string;
  /** The postal address the footer shows (the law in most places asks for it). */
  address: string;
  /** Every link in a message starts here: never a request's Host. */
  origin: string;
}

/**
 * The message as HTML (one column, system fonts, real headings and tables, readable at 320 px and by
 * a screen reader; every value escaped by hono/html) and as plain text with the same words.
 */
export async function render(message: Composed, shop: Shop, unsubscribePath?: string): Promise<Rendered> {
  const absolute = (path: string) => `${shop.origin}${path.startsWith("/") ? path : `/${path}`}`;
  const unsubscribe = message.marketing && unsubscribePath ? absolute(unsubscribePath) : undefined;
  const footerNote = message.marketing
    ? "You get this because you asked for it."
    : "You get this because of your order or account with us; it is not marketing.";
  const page = html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light"><title>${message.subject}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#18181b;line-height:1.5">
<div role="article" aria-label="${message.subject}" lang="en" style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff">
<p style="margin:0 0 16px;font-weight:700;font-size:18px">${shop.name}</p>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25">${message.heading}</h1>
${message.parts.map((part) => htmlPart(part, absolute))}
<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0">
<footer style="font-size:14px;color:#52525b">
<p style="margin:0 0 8px">${shop.name} · ${shop.address}</p>
<p style="margin:0">${footerNote}${unsubscribe ? html` <a href="${unsubscribe}" style="color:#1d4ed8">Unsubscribe from these emails</a>.` : ""}</p>
</footer>
</div>
</body>
</html>`;
  const text = [
    shop.name,
    "",
    message.heading,
    "",
    ...message.parts.flatMap((part) => [textPart(part, absolute), ""]),
    "--",
    `${shop.name} · ${shop.address}`,
    footerNote,
    ...(unsubscribe ? [`Unsubscribe: ${unsubscribe}`] : []),
  ].join("\n");
  const headers: Record<string, string> = unsubscribe ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
  return { subject: message.subject, html: String(await page), text, headers };
}

function htmlPart(part: Part, absolute: (path: string) => string) {
  switch (part.type) {
    case "text":
      return html`<p style="margin:0 0 16px">${part.text}</p>`;
    case "action":
      return html`<p style="margin:0 0 16px"><a href="${absolute(part.path)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600">${part.label}</a></p>`;
    case "external":
      return html`<p style="margin:0 0 16px"><a href="${part.url}" style="color:#1d4ed8">${part.label}</a></p>`;
    case "facts":
      return html`<h2 style="margin:0 0 8px;font-size:16px">${part.title}</h2><p style="margin:0 0 16px">${part.rows.map((row, i) => html`${i ? html`<br>` : ""}${row}`)}</p>`;
    case "lines": {
      const money = (amount: number) => formatMoney({ amount, currency: part.currency });
      return html`<table role="table" style="width:100%;border-collapse:collapse;margin:0 0 16px">
<caption style="text-align:left;font-weight:600;padding:0 0 8px">What you ordered</caption>
<thead><tr><th scope="col" style="text-align:left;border-bottom:1px solid #e4e4e7;padding:4px 0">Item</th><th scope="col" style="text-align:right;border-bottom:1px solid #e4e4e7;padding:4px 0">Qty</th><th scope="col" style="text-align:right;border-bottom:1px solid #e4e4e7;padding:4px 0">Price</th></tr></thead>
<tbody>${part.lines.map(
        (l) =>
          html`<tr><td style="padding:4px 8px 4px 0">${lineLabel(l)}</td><td style="text-align:right;padding:4px 0">${l.quantity}</td><td style="text-align:right;padding:4px 0">${money(l.lineTotal)}</td></tr>`,
      )}</tbody>
${part.totals ? html`<tfoot>${part.totals.map(([label, cents]) => html`<tr><th scope="row" colspan="2" style="text-align:right;font-weight:400;padding:4px 8px 4px 0">${label}</th><td style="text-align:right;padding:4px 0">${money(cents)}</td></tr>`)}</tfoot>` : ""}
</table>`;
    }
  }
}

function textPart(part: Part, absolute: (path: string) => string): string {
  switch (part.type) {
    case "text":
      return part.text;
    case "action":
      return `${part.label}: ${absolute(part.path)}`;
    case "external":
      return `${part.label}: ${part.url}`;
    case "facts":
      return [`${part.title}:`, ...part.rows].join("\n");
    case "lines": {
      const money = (amount: number) => formatMoney({ amount, currency: part.currency });
      return [
        ...part.lines.map((l) => `${l.quantity} × ${lineLabel(l)}: ${money(l.lineTotal)}`),
        ...(part.totals ?? []).map(([label, cents]) => `${label}: ${money(cents)}`),
      ].join("\n");
    }
  }
}
