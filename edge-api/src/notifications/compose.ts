import { COUNTRIES, formatMoney, trackingUrl, WRITE_REVIEW_ANCHOR } from "@shop/contracts";
import type { MessageFacts, MessageLine } from "./outbox";

/**
 * What a message says, as parts both its HTML and its plain text are made from (render.ts), so the
 * two never disagree. Links are shop paths or a carrier's tracking URL; nothing else is linked.
 */
export interface Composed {
  subject: string;
  heading: string;
  parts: Part[];
  /** Marketing (back in stock, review requests): it may be refused, and carries an unsubscribe link. */
  marketing: boolean;
}

export type Part =
  | { type: "text"; text: string }
  | { type: "action"; label: string; path: string }
  | { type: "external"; label: string; url: string }
  | { type: "lines"; lines: MessageLine[]; currency: string; totals?: Array<[label: string, cents: number]> }
  | { type: "facts"; title: string; rows: string[] };

const text = (t: string): Part => ({ type: "text", text: t });
const optionsOf = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
export const lineLabel = (l: Pick<MessageLine, "name" | "options">) => (Object.keys(l.options).length ? `${l.name} (${optionsOf(l.options)})` : l.name);

export function compose(message: MessageFacts, store: string): Composed {
  const transactional = (subject: string, heading: string, parts: Part[]): Composed => ({ subject, heading, parts, marketing: false });
  switch (message.kind) {
    case "order_confirmation": {
      const d = message.data;
      const a = d.shippingAddress;
      return transactional(`Your ${store} order ${d.orderNumber}`, "Thank you for your order", [
        text(`We have your order ${d.orderNumber} and your payment. We will email you again when it ships.`),
        {
          type: "lines",
          lines: d.lines,
          currency: d.currency,
          totals: [
            ["Subtotal", d.totals.subtotal],
            ...(d.totals.discount ? ([["Discount", -d.totals.discount]] as Array<[string, number]>) : []),
            [`Shipping (${d.shippingMethod})`, d.totals.shipping],
            ["Tax", d.totals.tax],
            ["Total charged", d.totals.total],
          ],
        },
        {
          type: "facts",
          title: "Shipping to",
          rows: [a.name, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(", "), COUNTRIES[a.country]?.name ?? a.country].filter(
            Boolean,
          ),
        },
        { type: "action", label: "See your order", path: d.orderPath },
      ]);
    }
    case "payment_failed":
      return transactional(`Your ${store} payment did not go through`, "Your payment did not go through", [
        text(`The payment that was still processing has failed: ${message.data.reason} No order was placed and nothing was charged.`),
        text("Your cart still holds what you chose; you can pay again with another method."),
        { type: "action", label: "Go to your cart", path: message.data.cartPath },
      ]);
    case "order_shipped": {
      const d = message.data;
      const tracking: Part[] = d.trackingNumber ? [text(`${d.carrier ?? "Carrier"} tracking number: ${d.trackingNumber}`)] : [];
      const link = trackingUrl(d.carrier, d.trackingNumber);
      return transactional(`Order ${d.orderNumber} has shipped`, "Your order is on its way", [
        text(`Order ${d.orderNumber} left our warehouse${d.carrier ? ` with ${d.carrier}` : ""}.`),
        ...tracking,
        ...(link ? [{ type: "external", label: "Track your parcel", url: link } as Part] : []),
        { type: "lines", lines: d.lines, currency: d.currency },
        { type: "action", label: "See your order", path: d.orderPath },
      ]);
    }
    case "order_delivered":
      return transactional(`Order ${message.data.orderNumber} was delivered`, "Your order was delivered", [
        text(`The carrier reports order ${message.data.orderNumber} delivered. If anything is missing or wrong, reply to this email.`),
        { type: "action", label: "See your order", path: message.data.orderPath },
      ]);
    case "order_cancelled":
    case "refund": {
      const d = message.data;
      const money = formatMoney({ amount: d.refunded, currency: d.currency });
      const cancelled = message.kind === "order_cancelled";
      return transactional(
        cancelled ? `Order ${d.orderNumber} is cancelled` : `A refund of ${money} for order ${d.orderNumber}`,
        cancelled ? "Your order is cancelled" : "We refunded you",
        [
          text(
            cancelled
              ? `Order ${d.orderNumber} is cancelled (${d.reason}).${d.refunded ? ` We refunded ${money} to your card.` : ""}`
              : `We refunded ${money} of order ${d.orderNumber} to your card (${d.reason}).`,
          ),
          ...(d.lines.length ? [{ type: "lines", lines: d.lines, currency: d.currency } as Part] : []),
          ...(d.refunded ? [text("A refund can take 5–10 days to appear on your statement.")] : []),
          { type: "action", label: "See your order", path: d.orderPath },
        ],
      );
    }
    case "verify_email":
      return transactional(`Confirm your email for ${store}`, "Confirm your email", [
        text("Confirm this address to finish setting up your account. The link works for one hour."),
        { type: "action", label: "Confirm my email", path: message.data.linkPath },
        text("If you did not ask for an account, ignore this email."),
      ]);
    case "change_email":
      return transactional(`Confirm your new email for ${store}`, "Confirm your new email", [
        text("Confirm this address to make it your account's email. The link works for one hour."),
        { type: "action", label: "Confirm my new email", path: message.data.linkPath },
      ]);
    case "reset_password":
      return transactional(`Reset your ${store} password`, "Reset your password", [
        text("Choose a new password with this link. It works for one hour and signs you out everywhere else."),
        { type: "action", label: "Choose a new password", path: message.data.linkPath },
        text("If you did not ask, ignore this email: your password stays as it is."),
      ]);
    case "existing_account":
      return transactional(`Someone tried to register with your email at ${store}`, "You already have an account", [
        text(
          "Someone tried to register with this address, which already has an account. If this was you, sign in, or reset your password if you have forgotten it. If it was not you, nothing has changed.",
        ),
        { type: "action", label: "Sign in", path: message.data.signInPath },
        { type: "action", label: "Reset your password", path: message.data.resetPath },
      ]);
    case "back_in_stock": {
      const d = message.data;
      const label = lineLabel({ name: d.productName, options: d.options });
      return {
        subject: `${d.productName} is back in stock`,
        heading: "It is back in stock",
        parts: [
          text(`${label} is available again. You asked us to tell you once; this is the only email about it.`),
          { type: "action", label: `See ${d.productName}`, path: d.productPath },
        ],
        marketing: true,
      };
    }
    case "review_request": {
      const d = message.data;
      return {
        subject: `How is your order ${d.orderNumber}?`,
        heading: "How did we do?",
        parts: [
          text(`Your order ${d.orderNumber} arrived a few days ago. A few words about what you bought help other shoppers choose.`),
          text("Sign in with this email address to write your review (an order placed as a guest joins the account with it)."),
          ...d.products.map((p): Part => ({ type: "action", label: `Review ${p.name}`, path: `${p.productPath}#${WRITE_REVIEW_ANCHOR}` })),
        ],
        marketing: true,
      };
    }
    case "return_requested":
      return transactional(`Return ${message.data.returnNumber} for order ${message.data.orderNumber}`, "We have your return request", [
        text(`You asked to return these items of order ${message.data.orderNumber}. Your return number is ${message.data.returnNumber}.`),
        { type: "lines", lines: message.data.lines, currency: message.data.currency },
        text("We will look at it within two working days and email you what to do next."),
        { type: "action", label: "See your order", path: message.data.orderPath },
      ]);
    case "return_approved":
      return transactional(`Return ${message.data.returnNumber} is approved`, "Your return is approved", [
        text(`You can send back the items of return ${message.data.returnNumber}.`),
        text(message.data.instructions),
        { type: "action", label: "See your order", path: message.data.orderPath },
      ]);
    case "return_rejected":
      return transactional(`Return ${message.data.returnNumber} could not be accepted`, "We can't accept this return", [
        text(`We can't accept return ${message.data.returnNumber} for order ${message.data.orderNumber}: ${message.data.instructions}`),
        text("Reply to this email if you think this is a mistake."),
        { type: "action", label: "See your order", path: message.data.orderPath },
      ]);
  }
}
