import type { OrderStatus } from "@shop/contracts";

/** An order's status as operators read it. */
export const STATUS_NAMES: Record<OrderStatus, string> = {
  pending_payment: "Waiting for payment",
  paid: "Paid, to ship",
  fulfilled: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  refunded: "Refunded",
};

export const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
