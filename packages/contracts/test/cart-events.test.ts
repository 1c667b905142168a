import { afterEach, expect, it } from "vitest";
import { announceCartChanged, CART_CHANGED, type CartChanged, onCartChanged } from "../src/cart-events";

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function listen(): CartChanged[] {
  const heard: CartChanged[] = [];
  stops.push(onCartChanged((change) => heard.push(change)));
  return heard;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

it("reaches every listener of the browser, the announcing tab's own included, with the version when known", async () => {
  const cartView = listen();
  const headerCount = listen();
  announceCartChanged(7);
  announceCartChanged();
  await settle();
  expect(cartView).toEqual([
    { type: CART_CHANGED, version: 7 },
    { type: CART_CHANGED, version: null },
  ]);
  expect(headerCount).toEqual(cartView);
});

it("ignores messages that are not a cart change on its channel", async () => {
  const heard = listen();
  const stranger = new BroadcastChannel(CART_CHANGED);
  stranger.postMessage({ version: -1 });
  stranger.postMessage({ type: CART_CHANGED, version: "7" });
  stranger.postMessage(null);
  stranger.close();
  await settle();
  expect(heard).toEqual([]);
});

it("stops when asked", async () => {
  const heard: CartChanged[] = [];
  const stop = onCartChanged((change) => heard.push(change));
  stop();
  announceCartChanged(1);
  await settle();
  expect(heard).toEqual([]);
});
