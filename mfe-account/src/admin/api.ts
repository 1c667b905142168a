import type { CustomerDetail, CustomerList } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

// The account team's back-office calls (under /api/admin).

const CUSTOMERS = "/api/admin/customers";
const one = (id: string) => `${CUSTOMERS}/${encodeURIComponent(id)}`;

export const listCustomers = (query: URLSearchParams) => requestJson<CustomerList>(`${CUSTOMERS}?${query}`);
export const fetchCustomer = (id: string) => requestJson<CustomerDetail>(one(id));
export const endCustomerSessions = (id: string) => requestJson<{ ended: number }>(`${one(id)}/sessions/end`, { method: "POST", body: "{}" });
export const setCustomerRole = (id: string, role: "customer" | "admin") =>
  requestJson<CustomerDetail>(`${one(id)}/role`, { method: "PUT", body: JSON.stringify({ role }) });
export const exportCustomer = (id: string) => requestJson<unknown>(`${one(id)}/export`);
export const eraseCustomer = (id: string) => requestJson<{ erased: true }>(one(id), { method: "DELETE" });
