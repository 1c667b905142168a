import { z } from "zod";
import { CartLine } from "./cart";
import { Money } from "./money";
import { PlainText } from "./text";

interface Country {
  name: string;
  postalCode: { pattern: RegExp; example: string };
  /** Countries whose addresses need a state or province, by code. */
  regions?: Record<string, string>;
  regionLabel?: string;
}

const US_STATES = Object.fromEntries(
  "AL Alabama,AK Alaska,AZ Arizona,AR Arkansas,CA California,CO Colorado,CT Connecticut,DE Delaware,DC District of Columbia,FL Florida,GA Georgia,HI Hawaii,ID Idaho,IL Illinois,IN Indiana,IA Iowa,KS Kansas,KY Kentucky,LA Louisiana,ME Maine,MD Maryland,MA Massachusetts,MI Michigan,MN Minnesota,MS Mississippi,MO Missouri,MT Montana,NE Nebraska,NV Nevada,NH New Hampshire,NJ New Jersey,NM New Mexico,NY New York,NC North Carolina,ND North Dakota,OH Ohio,OK Oklahoma,OR Oregon,PA Pennsylvania,RI Rhode Island,SC South Carolina,SD South Dakota,TN Tennessee,TX Texas,UT Utah,VT Vermont,VA Virginia,WA Washington,WV West Virginia,WI Wisconsin,WY Wyoming"
    .split(",")
    .map((entry) => [entry.slice(0, 2), entry.slice(3)]),
);
const CA_PROVINCES = Object.fromEntries(
  "AB Alberta,BC British Columbia,MB Manitoba,NB New Brunswick,NL Newfoundland and Labrador,NS Nova Scotia,NT Northwest Territories,NU Nunavut,ON Ontario,PE Prince Edward Island,QC Quebec,SK Saskatchewan,YT Yukon"
    .split(",")
    .map((entry) => [entry.slice(0, 2), entry.slice(3)]),
);

/** Where the shop ships, with each country's postal code format. */
export const COUNTRIES: Record<string, Country> = {
  US: { name: "United States", postalCode: { pattern: /^\d{5}(-\d{4})?$/, example: "94107 or 94107-1234" }, regions: US_STATES, regionLabel: "State" },
  CA: { name: "Canada", postalCode: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, example: "K1A 0B1" }, regions: CA_PROVINCES, regionLabel: "Province" },
  GB: { name: "United Kingdom", postalCode: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, example: "SW1A 1AA" } },
  DE: { name: "Germany", postalCode: { pattern: /^\d{5}$/, example: "10115" } },
  FR: { name: "France", postalCode: { pattern: /^\d{5}$/, example: "75001" } },
};
export const COUNTRY_CODES = Object.keys(COUNTRIES) as [string, ...string[]];

const field = (label: string, max: number) =>
  PlainText.pipe(z.string().trim().min(1, `Enter ${label}`).max(max, `${label[0]!.toUpperCase()}${label.slice(1)} can be at most ${max} characters`));

export const ShippingAddress = z
  .object({
    name: field("the recipient's full name", 100),
    line1: field("the street address", 120),
    line2: PlainText.pipe(z.string().trim().max(120, "The second address line can be at most 120 characters")).optional().default(""),
    city: field("the city", 80),
    region: PlainText.pipe(z.string().trim().max(40)).optional().default(""),
    postalCode: PlainText.pipe(z.string().trim().max(12, "Postal code can be at most 12 characters")),
    country: z.enum(COUNTRY_CODES, { error: `We ship to ${COUNTRY_CODES.join(", ")}` }),
    phone: PlainText.pipe(z.string().trim().max(30).regex(/^[+\d ()-]*$/, "Phone may contain digits, spaces, + ( ) and - only")).optional().default(""),
  })
  .superRefine((address, ctx) => {
    const country = COUNTRIES[address.country];
    if (!country) return;
    if (!country.postalCode.pattern.test(address.postalCode)) {
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: `Enter a ${country.name} postal code, e.g. ${country.postalCode.example}` });
    }
    if (country.regions && !country.regions[address.region.toUpperCase()]) {
      ctx.addIssue({ code: "custom", path: ["region"], message: `Choose a ${country.regionLabel!.toLowerCase()}` });
    }
  })
  .meta({ id: "ShippingAddress" });
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const ShippingMethodId = z.enum(["standard", "express", "overnight"]);
export type ShippingMethodId = z.infer<typeof ShippingMethodId>;

/** The shipping methods, their prices in cents and business days to deliver. */
export const SHIPPING_METHODS: Record<ShippingMethodId, { label: string; price: number; days: [number, number] }> = {
  standard: { label: "Standard", price: 599, days: [5, 7] },
  express: { label: "Express", price: 1499, days: [2, 3] },
  overnight: { label: "Overnight", price: 2999, days: [1, 1] },
};
/** Standard shipping is free from this subtotal up (after discounts). */
export const FREE_STANDARD_SHIPPING_FROM = 5000;

export const Email = z.string().trim().max(254, "Email can be at most 254 characters").pipe(z.email("Enter an email address like name@example.com"));

export const StartCheckout = z
  .object({ email: Email, shippingAddress: ShippingAddress, shippingMethod: ShippingMethodId })
  .meta({ id: "StartCheckout" });
export type StartCheckout = z.infer<typeof StartCheckout>;

export const ShippingOption = z
  .object({
    id: ShippingMethodId,
    label: z.string(),
    price: Money,
    /** Delivery window as calendar dates (YYYY-MM-DD), counted in business days from today. */
    estimate: z.object({ earliest: z.string(), latest: z.string() }),
  })
  .meta({ id: "ShippingOption" });
export type ShippingOption = z.infer<typeof ShippingOption>;

export const OrderTotals = z
  .object({ subtotal: Money, discount: Money, shipping: Money, tax: Money, total: Money })
  .meta({ id: "OrderTotals" });
export type OrderTotals = z.infer<typeof OrderTotals>;

export const CheckoutLine = CartLine.pick({ sku: true, name: true, options: true, image: true, quantity: true, unitPrice: true, lineTotal: true }).meta({ id: "CheckoutLine" });
export type CheckoutLine = z.infer<typeof CheckoutLine>;

export const CheckoutStatus = z.enum(["open", "completed", "expired", "replaced"]);

export const Checkout = z
  .object({
    id: z.string(),
    status: CheckoutStatus,
    email: z.string(),
    shippingAddress: ShippingAddress,
    shippingMethod: ShippingMethodId,
    shippingOptions: z.array(ShippingOption),
    lines: z.array(CheckoutLine),
    coupon: z.object({ code: z.string(), description: z.string() }).nullable(),
    totals: OrderTotals,
    /** The stock is held until then; after it the checkout must start again. */
    reservationExpiresAt: z.string(),
    payment: z.object({
      clientSecret: z.string(),
      /** What the last attempt said when it failed (a decline, a failed authentication). */
      lastError: z.string().nullable(),
    }),
    /** Set once the order exists, with the link that opens it. */
    order: z.object({ number: z.string(), url: z.string() }).nullable(),
  })
  .meta({ id: "Checkout" });
export type Checkout = z.infer<typeof Checkout>;

/** A Stripe PaymentMethod id; locally one of the test methods (pm_card_visa, …). */
export const PayCheckout = z
  .object({ paymentMethod: z.string().regex(/^pm_\w{1,64}$/, "paymentMethod must be a Stripe PaymentMethod id such as pm_card_visa") })
  .meta({ id: "PayCheckout" });

export const PayResult = z
  .object({
    status: z.enum(["succeeded", "requires_action", "declined"]),
    order: z.object({ number: z.string(), url: z.string() }).optional(),
    /** Where the shopper authenticates (3-D Secure); they come back to the checkout after. */
    nextActionUrl: z.string().optional(),
    /** Why a payment was declined, for the shopper. */
    message: z.string().optional(),
  })
  .meta({ id: "PayResult" });
export type PayResult = z.infer<typeof PayResult>;

export const OrderStatus = z.enum(["pending_payment", "paid", "fulfilled", "delivered", "cancelled", "refunded"]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z
  .object({
    number: z.string(),
    status: OrderStatus,
    placedAt: z.string(),
    email: z.string(),
    shippingAddress: ShippingAddress,
    shippingMethod: z.object({ id: ShippingMethodId, label: z.string() }),
    lines: z.array(CheckoutLine.omit({ image: true })),
    coupon: z.string().nullable(),
    totals: OrderTotals,
    refunded: Money,
    payment: z.object({ reference: z.string() }),
    history: z.array(z.object({ at: z.string(), status: OrderStatus, cause: z.string() })),
  })
  .meta({ id: "Order" });
export type Order = z.infer<typeof Order>;

const addBusinessDays = (from: Date, days: number) => {
  const date = new Date(from);
  for (let added = 0; added < days; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) added++;
  }
  return date.toISOString().slice(0, 10);
};

/** What each method costs this cart (standard is free above the threshold) and when it arrives. */
export function shippingOptions(discountedSubtotal: number, currency: string, today = new Date()): ShippingOption[] {
  return ShippingMethodId.options.map((id) => {
    const method = SHIPPING_METHODS[id];
    const free = id === "standard" && discountedSubtotal >= FREE_STANDARD_SHIPPING_FROM;
    return { id, label: method.label, price: { amount: free ? 0 : method.price, currency }, estimate: { earliest: addBusinessDays(today, method.days[0]), latest: addBusinessDays(today, method.days[1]) } };
  });
}
