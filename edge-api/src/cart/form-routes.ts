import { CART_FORM_COUPON, CART_FORM_RESULT, MAX_LINE_QUANTITY, Sku } from "@shop/contracts";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { changeThenGoBack, formOf, ReturnPath } from "../delivery/form-posts";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { KiB, limitBody } from "../security/body-limit";
import { sameOriginWrites } from "../security/same-origin";
import { addLine, applyCouponCode, removeCouponCode, removeLine, setLineQuantity } from "./routes";

/**
 * The cart for pages without JavaScript: plain HTML forms post here, the change is made as the API
 * makes it, and the shopper goes back to the page they came from (303), which says what happened.
 * A malformed form is a 400 like any bad request; a refusal (stock, limits) is said on the page.
 */
export const cartForms = new Hono<AppEnv>();

cartForms.use("*", sameOriginWrites, limitBody(4 * KiB));

const Quantity = (least: number) =>
  z.coerce.number({ error: "quantity must be a number" }).int().min(least).max(MAX_LINE_QUANTITY, `at most ${MAX_LINE_QUANTITY} of one item`);

const AddForm = z.object({ sku: Sku, quantity: Quantity(1).default(1), return: ReturnPath });
const QuantityForm = z.object({ sku: Sku, quantity: Quantity(0), return: ReturnPath });
const RemoveForm = z.object({ sku: Sku, return: ReturnPath });
const CouponForm = z.object({ code: z.string().max(64).optional(), return: ReturnPath });
const CouponRemoveForm = z.object({ return: ReturnPath });

/** Makes the change and goes back to the page the form was on (the cart page unless it says). */
const changeThenBack = (c: Context<AppEnv>, form: { return?: string }, subject: string, change: () => Promise<unknown>, done: Record<string, string> = {}) =>
  changeThenGoBack(c, { to: form.return, fallback: "/cart", names: CART_FORM_RESULT, subject }, async () => {
    await change();
    return done;
  });

cartForms.post("/add", async (c) => {
  const form = await formOf(c, AddForm);
  return changeThenBack(c, form, form.sku, () => addLine(c, form.sku, form.quantity), { [CART_FORM_RESULT.added]: form.sku });
});

cartForms.post("/quantity", async (c) => {
  const form = await formOf(c, QuantityForm);
  return changeThenBack(c, form, form.sku, () => setLineQuantity(c, form.sku, form.quantity));
});

cartForms.post("/remove", async (c) => {
  const form = await formOf(c, RemoveForm);
  return changeThenBack(c, form, form.sku, () => removeLine(c, form.sku));
});

// The coupon, as the cart page's forms send it; its refusals are said on the page (`cart_refused=coupon`).
cartForms.post("/coupon", async (c) => {
  const form = await formOf(c, CouponForm);
  const code = form.code?.trim() ?? "";
  const apply = async () => {
    if (!code) throw new ApiFailure(400, "coupon_missing", "Enter a coupon code.");
    await applyCouponCode(c, code);
  };
  return changeThenBack(c, form, CART_FORM_COUPON, apply);
});

cartForms.post("/coupon/remove", async (c) => {
  const form = await formOf(c, CouponRemoveForm);
  return changeThenBack(c, form, CART_FORM_COUPON, () => removeCouponCode(c));
});
