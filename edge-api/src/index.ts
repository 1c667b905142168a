import { app } from "./app";

export { Cart } from "./cart/cart-object";
export { AttemptLimit } from "./security/attempt-limit";
export default app;
