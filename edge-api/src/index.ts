import { app } from "./app";

export { Cart } from "./cart/cart-object";
export default app;
