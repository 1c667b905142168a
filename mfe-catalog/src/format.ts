import type { Money } from "@shop/contracts";

export const formatMoney = (money: Money) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: money.currency }).format(money.amount / 100);

export const formatCount = (n: number) => n.toLocaleString("en-US");
