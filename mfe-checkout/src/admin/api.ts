import type { AdminOrderList, Order, OrderReturn, ReturnList, StockDetail, StockList } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

// The checkout team's back-office calls (under /api/admin).

const ORDERS = "/api/admin/orders";
const one = (number: string) => `${ORDERS}/${encodeURIComponent(number)}`;
const act = (number: string, action: string, body: unknown) => requestJson<Order>(`${one(number)}/${action}`, { method: "POST", body: JSON.stringify(body) });

export const listOrders = (query: URLSearchParams) => requestJson<AdminOrderList>(`${ORDERS}?${query}`);
export const fetchAdminOrder = (number: string) => requestJson<Order>(one(number));
export const fulfilOrder = (number: string, shipment: { carrier?: string; trackingNumber?: string }) => act(number, "fulfil", shipment);
export const deliverOrder = (number: string) => act(number, "deliver", {});
export const cancelOrder = (number: string, reason: string) => act(number, "cancel", { reason });
/** An amount, chosen lines (optionally back on sale), or without either all that is left. */
export const refundOrder = (number: string, refund: { reason: string; amount?: number; lines?: Array<{ sku: string; quantity: number }>; restock?: boolean }) =>
  act(number, "refund", refund);

const STOCK = "/api/admin/stock";
export const listStock = (query: URLSearchParams) => requestJson<StockList>(`${STOCK}?${query}`);
export const fetchStock = (sku: string) => requestJson<StockDetail>(`${STOCK}/${encodeURIComponent(sku)}`);
export const adjustStock = (sku: string, change: number, reason: string) =>
  requestJson<StockDetail>(`${STOCK}/${encodeURIComponent(sku)}/adjustments`, { method: "POST", body: JSON.stringify({ change, reason }) });

const RETURNS = "/api/admin/returns";
const moveReturn = (number: string, move: string, body: unknown = {}) =>
  requestJson<OrderReturn>(`${RETURNS}/${encodeURIComponent(number)}/${move}`, { method: "POST", body: JSON.stringify(body) });
export const listReturns = (query: URLSearchParams) => requestJson<ReturnList>(`${RETURNS}?${query}`);
export const fetchReturn = (number: string) => requestJson<OrderReturn>(`${RETURNS}/${encodeURIComponent(number)}`);
export const approveReturn = (number: string) => moveReturn(number, "approve");
export const rejectReturn = (number: string, reason: string) => moveReturn(number, "reject", { reason });
export const receiveReturn = (number: string, lines: Array<{ sku: string; quantity: number; restock: number }>) => moveReturn(number, "receive", { lines });
export const refundReturn = (number: string) => moveReturn(number, "refund");
