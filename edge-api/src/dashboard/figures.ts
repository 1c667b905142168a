import { DASHBOARD_COUNT_CAP, type Dashboard, type SalesDay, type SalesPeriod } from "@shop/contracts";
import { salesByDay } from "../checkout/order-days";
import { openReturnCount } from "../checkout/returns";
import { lowStockCount } from "../checkout/stock-admin";
import type { Database } from "../db/client";
import { undeliveredCount } from "../notifications/outbox";

// The back office's home (the platform's): each team's figures, read through its own module.

const PERIODS: Array<[label: string, days: number]> = [
  ["Today", 1],
  ["Last 7 days", 7],
  ["Last 30 days", 30],
];

function periodOf(label: string, days: SalesDay[]): SalesPeriod {
  const sum = (pick: (day: SalesDay) => number) => days.reduce((total, day) => total + pick(day), 0);
  const orders = sum((d) => d.orders);
  const revenue = sum((d) => d.revenue);
  const checkouts = sum((d) => d.checkouts);
  return {
    label,
    days: days.length,
    orders,
    revenue,
    averageOrder: orders ? Math.round(revenue / orders) : 0,
    refunded: sum((d) => d.refunded),
    checkouts,
    conversion: checkouts ? Math.min(1, orders / checkouts) : null,
  };
}

export async function dashboard(db: Database): Promise<Dashboard> {
  const [days, lowStock, openReturns, undeliveredEmails] = await Promise.all([
    salesByDay(db, 30),
    lowStockCount(db, DASHBOARD_COUNT_CAP),
    openReturnCount(db, DASHBOARD_COUNT_CAP),
    undeliveredCount(db, DASHBOARD_COUNT_CAP),
  ]);
  return { periods: PERIODS.map(([label, n]) => periodOf(label, days.slice(-n))), days, lowStock, openReturns, undeliveredEmails };
}
