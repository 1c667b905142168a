import type { Mail } from "./server";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:16px}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:6px;text-align:left}iframe{width:100%;height:70vh;border:1px solid #ccc}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:12px}";

const frame = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

/** The local mailbox: every message the shop handed over, newest first. */
export function mailboxPage(mails: Mail[]): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt.replace("T", " ").slice(0, 19))}</td><td>${escapeHtml(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join("");
  return frame(
    "Local mailbox",
    `<h1>Local mailbox</h1><p>${mails.length} message${mails.length === 1 ? "" : "s"} the shop sent, newest first. Nothing leaves this machine.</p>${
      mails.length
        ? `<table><caption>Messages</caption><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`
        : ""
    }`,
  );
}

/** One message: its headers, its HTML (in a sandboxed frame: no script runs) and its text. */
export function messagePage(mail: Mail): string {
  const headers = Object.entries(mail.headers)
    .map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v)}</li>`)
    .join("");
  return frame(
    mail.subject,
    `<p><a href="/">All messages</a></p><h1>${escapeHtml(mail.subject)}</h1><p>From ${escapeHtml(mail.from)} to ${escapeHtml(mail.to.join(", "))}, ${escapeHtml(mail.receivedAt)}</p>${
      headers ? `<ul aria-label="Headers">${headers}</ul>` : ""
    }<h2>HTML</h2><iframe title="The message as HTML" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(mail.html)}"></iframe><h2>Text</h2><pre>${escapeHtml(mail.text)}</pre>`,
  );
}
