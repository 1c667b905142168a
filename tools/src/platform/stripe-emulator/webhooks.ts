import crypto from "node:crypto";
import Stripe from "stripe";
import type { Charge, EventType, PaymentIntent } from "./payments";

export type StripeEvent = Pick<Stripe.Event, "id" | "object" | "api_version" | "created" | "livemode" | "pending_webhooks"> & {
  type: EventType;
  data: { object: PaymentIntent | Charge };
};

/**
 * What a test asks of the next events that match (by type and/or PaymentIntent): hold them back
 * until released, deliver each `copies` times at once, or sign them `lateBySeconds` in the past.
 */
export interface Fault {
  type?: EventType;
  paymentIntent?: string;
  hold?: boolean;
  copies?: number;
  lateBySeconds?: number;
  /** How many matching events this applies to (default: every one until reset). */
  times?: number;
}

export interface Delivery {
  event: StripeEvent;
  state: "pending" | "held" | "delivered" | "failing" | "gave_up" | "no_endpoint";
  attempts: number;
  lastStatus?: number;
}

export interface WebhookOptions {
  endpoint?: string;
  secret: string;
  /** First retry after this, doubling per attempt (Stripe itself backs off over three days). */
  retryBaseMs?: number;
  maxAttempts?: number;
}

const paymentIntentOf = (event: StripeEvent) => (event.data.object.object === "charge" ? event.data.object.payment_intent : event.data.object.id);

/** Signed webhook events, delivered to the configured endpoint and retried while it answers non-2xx. */
export class Webhooks {
  readonly deliveries: Delivery[] = [];
  private faults: Fault[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private signer = new Stripe("sk_test_emulator").webhooks;

  constructor(private options: WebhookOptions) {}

  configure(options: Partial<WebhookOptions>) {
    this.options = { ...this.options, ...options };
  }

  record(type: EventType, object: PaymentIntent | Charge) {
    // A snapshot: the event shows the object as it was when it happened.
    const event: StripeEvent = {
      id: `evt_${crypto.randomBytes(12).toString("hex")}`,
      object: "event",
      api_version: "2026-11-17",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object: structuredClone(object) },
    };
    const fault = this.takeFault(event);
    const delivery: Delivery = { event, state: fault?.hold ? "held" : "pending", attempts: 0 };
    this.deliveries.push(delivery);
    if (!fault?.hold) queueMicrotask(() => void this.deliver(delivery, fault));
  }

  addFault(fault: Fault) {
    this.faults.push(fault);
  }

  /** Sends held events (all, or one PaymentIntent's), in the order they happened or reversed. */
  release({
    paymentIntent,
    order = "as_happened",
    copies,
    lateBySeconds,
  }: { paymentIntent?: string; order?: "as_happened" | "reverse" } & Pick<Fault, "copies" | "lateBySeconds">) {
    const held = this.deliveries.filter((d) => d.state === "held" && (!paymentIntent || paymentIntentOf(d.event) === paymentIntent));
    if (order === "reverse") held.reverse();
    for (const d of held) d.state = "pending";
    return Promise.all(held.map((d) => this.deliver(d, { copies, lateBySeconds }))).then(() => held.map((d) => d.event.id));
  }

  /** A signed delivery a test sends itself (the Worker under vitest has no address to post to). */
  signed(eventId: string, lateBySeconds = 0): { payload: string; signature: string } | undefined {
    const delivery = this.deliveries.find((d) => d.event.id === eventId);
    if (!delivery) return undefined;
    const payload = JSON.stringify(delivery.event);
    return { payload, signature: this.sign(payload, lateBySeconds) };
  }

  reset() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.faults = [];
    this.deliveries.length = 0;
  }

  private sign(payload: string, lateBySeconds: number) {
    return this.signer.generateTestHeaderString({ payload, secret: this.options.secret, timestamp: Math.floor(Date.now() / 1000) - lateBySeconds });
  }

  private takeFault(event: StripeEvent): Fault | undefined {
    const fault = this.faults.find((f) => (!f.type || f.type === event.type) && (!f.paymentIntent || f.paymentIntent === paymentIntentOf(event)));
    if (fault?.times !== undefined && --fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  private async deliver(delivery: Delivery, fault?: Pick<Fault, "copies" | "lateBySeconds">) {
    const { endpoint } = this.options;
    if (!endpoint) {
      delivery.state = "no_endpoint";
      return;
    }
    const payload = JSON.stringify(delivery.event);
    const post = async () => {
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            "Stripe-Signature": this.sign(payload, fault?.lateBySeconds ?? 0),
            "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          body: payload,
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    };
    delivery.attempts += 1;
    const statuses = await Promise.all(Array.from({ length: Math.max(1, fault?.copies ?? 1) }, post));
    delivery.lastStatus = statuses.find((s) => s < 200 || s > 299) ?? statuses[0];
    if (statuses.every((s) => s >= 200 && s <= 299)) {
      delivery.state = "delivered";
      return;
    }
    const { retryBaseMs = 1000, maxAttempts = 8 } = this.options;
    if (delivery.attempts >= maxAttempts) {
      delivery.state = "gave_up";
      return;
    }
    delivery.state = "failing";
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.deliver(delivery);
      },
      retryBaseMs * 2 ** (delivery.attempts - 1),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
