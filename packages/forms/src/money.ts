// Amounts typed by people ("12.50", "12", "1,200.5") as the integer cents the API takes, and back.

/** Cents of a typed amount, or null when it is not one (more than two decimals, letters, negative). */
export function centsOf(typed: string): number | null {
  const text = typed.trim().replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ""] = text.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Cents as an operator types them: "12.50". */
export const typedAmount = (cents: number) => (cents / 100).toFixed(2);
