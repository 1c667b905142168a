import { createRoute, z } from "@hono/zod-openapi";
import {
  AccountDeletion,
  AddressInput,
  Order,
  OrderHistory,
  Profile,
  ProfileChange,
  Reorder,
  SavedAddress,
  Slug,
  Wishlist,
  wholeNumber,
} from "@shop/contracts";
import type { Context } from "hono";
import { cachePolicy } from "../cache-policy";
import { claimGuestOrders, isOrderOf, orderHistory } from "../checkout/customer-orders";
import { OrderNumber } from "../checkout/routes";
import { orderView } from "../checkout/view";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { addAddress, changeAddress, listAddresses, removeAddress } from "./addresses";
import { deleteAccount } from "./deletion";
import { exportAccount } from "./export";
import { profileOf, renameShopper } from "./profile";
import { reorder } from "./reorder";
import { forgetKeptSessions } from "./session-store";
import { requireShopper, type Shopper, standingOf } from "./shopper";
import { addToWishlist, moveToCart, removeFromWishlist, wishlistOf } from "./wishlist";

export const accountRoutes = routeGroup();
accountRoutes.use("*", requireShopper);

const security = [{ sessionCookie: [] }];
const shopper = (c: Context<AppEnv>) => c.get("shopper") as Shopper;
const unauthorized = errorResponse("No valid session (missing, tampered, expired or revoked)");
const AddressId = z.object({ id: z.uuid("Not an address id") });
const ProductSlug = z.object({ slug: Slug });
const Done = z.object({ ok: z.literal(true) });

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["account"],
    security,
    summary: "The signed-in shopper's profile",
    responses: { 200: jsonContent(Profile, "The profile"), 401: unauthorized },
  }),
  async (c) => c.json(await profileOf(c.get("db")(), shopper(c)), 200, cachePolicy.private),
);

accountRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/",
    tags: ["account"],
    security,
    summary: "Change the shopper's name (email and password change through /api/auth/change-email and /api/auth/change-password)",
    request: { body: { content: { "application/json": { schema: ProfileChange } }, required: true } },
    responses: { 200: jsonContent(Profile, "The profile"), 400: errorResponse("Invalid name"), 401: unauthorized },
  }),
  async (c) => {
    await renameShopper(c.get("db")(), shopper(c), c.req.valid("json").name);
    await forgetKeptSessions(c.env, shopper(c).id);
    return c.json(await profileOf(c.get("db")(), { ...shopper(c), name: c.req.valid("json").name }), 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/addresses",
    tags: ["account"],
    security,
    summary: "The address book",
    responses: { 200: jsonContent(z.array(SavedAddress), "Saved addresses, oldest first"), 401: unauthorized },
  }),
  async (c) => c.json(await listAddresses(c.get("db")(), shopper(c).id), 200, cachePolicy.private),
);

accountRoutes.openapi(
  createRoute({
    method: "post",
    path: "/addresses",
    tags: ["account"],
    security,
    summary: "Save an address (checked as checkout checks it); the first one becomes the default for shipping and billing",
    request: { body: { content: { "application/json": { schema: AddressInput } }, required: true } },
    responses: {
      201: jsonContent(SavedAddress, "The saved address"),
      400: errorResponse("Invalid address (per-field messages)"),
      401: unauthorized,
      409: errorResponse("Address book full"),
    },
  }),
  async (c) => c.json(await addAddress(c.get("db")(), shopper(c).id, c.req.valid("json")), 201, cachePolicy.private),
);

accountRoutes.openapi(
  createRoute({
    method: "put",
    path: "/addresses/{id}",
    tags: ["account"],
    security,
    summary: "Replace a saved address or change which one is the default",
    request: { params: AddressId, body: { content: { "application/json": { schema: AddressInput } }, required: true } },
    responses: {
      200: jsonContent(SavedAddress, "The address"),
      400: errorResponse("Invalid address"),
      401: unauthorized,
      404: errorResponse("Not one of this shopper's addresses"),
    },
  }),
  async (c) => c.json(await changeAddress(c.get("db")(), shopper(c).id, c.req.valid("param").id, c.req.valid("json")), 200, cachePolicy.private),
);

accountRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/addresses/{id}",
    tags: ["account"],
    security,
    summary: "Delete a saved address",
    request: { params: AddressId },
    responses: { 200: jsonContent(Done, "Deleted"), 401: unauthorized, 404: errorResponse("Not one of this shopper's addresses") },
  }),
  async (c) => {
    await removeAddress(c.get("db")(), shopper(c).id, c.req.valid("param").id);
    return c.json({ ok: true as const }, 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/orders",
    tags: ["account"],
    security,
    summary: "Order history, newest first, 10 a page",
    request: { query: z.object({ page: wholeNumber(1, 10_000).default(1) }) },
    responses: { 200: jsonContent(OrderHistory, "One page of orders"), 400: errorResponse("Bad page"), 401: unauthorized },
  }),
  async (c) => c.json(await orderHistory(c.get("db")(), shopper(c).id, c.req.valid("query").page), 200, cachePolicy.private),
);

/** One of the shopper's orders; anyone else's answers 404, never its data. */
async function ownOrder(c: Context<AppEnv>, number: string) {
  if (!(await isOrderOf(c.get("db")(), number, shopper(c).id))) throw new ApiFailure(404, "order_not_found", "No such order in your account.");
}

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/orders/{number}",
    tags: ["account"],
    security,
    summary: "One of the shopper's orders with its status timeline",
    request: { params: z.object({ number: OrderNumber }) },
    responses: {
      200: jsonContent(Order, "The order"),
      400: errorResponse("Malformed order number"),
      401: unauthorized,
      404: errorResponse("Not this shopper's order"),
    },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await ownOrder(c, number);
    return c.json((await orderView(c.get("db")(), number))!, 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/{number}/reorder",
    tags: ["account"],
    security,
    summary: "Put an order's lines back in the cart, as far as they are still sold and in stock",
    request: { params: z.object({ number: OrderNumber }) },
    responses: { 200: jsonContent(Reorder, "What was added and what could not be"), 401: unauthorized, 404: errorResponse("Not this shopper's order") },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await ownOrder(c, number);
    return c.json(await reorder(c, shopper(c), number), 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/claim",
    tags: ["account"],
    security,
    summary: "Bring guest orders placed with the account's email into it (the email must be verified)",
    responses: {
      200: jsonContent(z.object({ claimed: z.number().int() }), "How many orders joined"),
      401: unauthorized,
      403: errorResponse("Email not verified"),
    },
  }),
  async (c) => {
    const { id, email } = shopper(c);
    if (!(await standingOf(c, shopper(c))).emailVerified)
      throw new ApiFailure(403, "email_not_verified", "Confirm your email first (the link we sent you), then claim your orders.");
    return c.json({ claimed: await claimGuestOrders(c.get("db")(), id, email) }, 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/wishlist",
    tags: ["account"],
    security,
    summary: "The wishlist, newest first",
    responses: { 200: jsonContent(Wishlist, "The wishlist"), 401: unauthorized },
  }),
  async (c) => c.json(await wishlistOf(c.get("db")(), shopper(c).id), 200, cachePolicy.private),
);

accountRoutes.openapi(
  createRoute({
    method: "put",
    path: "/wishlist/{slug}",
    tags: ["account"],
    security,
    summary: "Keep a product in the wishlist (again is a no-op)",
    request: { params: ProductSlug },
    responses: {
      200: jsonContent(Done, "In the wishlist"),
      400: errorResponse("Malformed slug"),
      401: unauthorized,
      404: errorResponse("No such product"),
      409: errorResponse("Wishlist full"),
    },
  }),
  async (c) => {
    await addToWishlist(c.get("db")(), shopper(c).id, c.req.valid("param").slug);
    return c.json({ ok: true as const }, 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/wishlist/{slug}",
    tags: ["account"],
    security,
    summary: "Take a product out of the wishlist",
    request: { params: ProductSlug },
    responses: { 200: jsonContent(Done, "Not in the wishlist"), 400: errorResponse("Malformed slug"), 401: unauthorized },
  }),
  async (c) => {
    await removeFromWishlist(c.get("db")(), shopper(c).id, c.req.valid("param").slug);
    return c.json({ ok: true as const }, 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "post",
    path: "/wishlist/{slug}/move-to-cart",
    tags: ["account"],
    security,
    summary: "Add a wishlist product to the cart (its first sellable variant) and take it off the wishlist",
    request: { params: ProductSlug },
    responses: {
      200: jsonContent(Done, "In the cart"),
      401: unauthorized,
      404: errorResponse("Not in the wishlist"),
      409: errorResponse("Out of stock, or choose a variant on its page"),
    },
  }),
  async (c) => {
    await moveToCart(c, shopper(c).id, c.req.valid("param").slug);
    return c.json({ ok: true as const }, 200, cachePolicy.private);
  },
);

accountRoutes.openapi(
  createRoute({
    method: "get",
    path: "/export",
    tags: ["account"],
    security,
    summary: "Everything stored about the shopper, as a JSON download",
    responses: { 200: { description: "The export (application/json attachment)" }, 401: unauthorized },
  }),
  async (c) => {
    const data = await exportAccount(c, shopper(c));
    return c.body(JSON.stringify(data, null, 2), 200, {
      ...cachePolicy.private,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-account-data.json"',
    });
  },
);

accountRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/",
    tags: ["account"],
    security,
    summary: "Delete the account: personal data erased, orders kept anonymised, every session and passkey revoked, the cart deleted",
    description: "Needs the password when the account has one; an account with passkeys only needs a session started in the last 10 minutes.",
    request: { body: { content: { "application/json": { schema: AccountDeletion } }, required: true } },
    responses: {
      200: jsonContent(Done, "Deleted"),
      400: errorResponse("Not confirmed"),
      401: unauthorized,
      403: errorResponse("Wrong password, or sign in again first"),
    },
  }),
  async (c) => {
    await deleteAccount(c, shopper(c), c.req.valid("json").password);
    return c.json({ ok: true as const }, 200, cachePolicy.private);
  },
);
