import { Link } from "@shop/router";

export const STEPS = [
  { path: "details", title: "Contact and address" },
  { path: "shipping", title: "Shipping method" },
  { path: "payment", title: "Payment" },
  { path: "review", title: "Review and pay" },
] as const;
export type StepPath = (typeof STEPS)[number]["path"];

/** Where the shopper is in checkout; steps already done are links back. */
export function StepHeader({ current, reached }: { current: StepPath; reached: number }) {
  const index = STEPS.findIndex((s) => s.path === current);
  const step = STEPS[index]!;
  return (
    <>
      <nav aria-label="Checkout steps" className="checkout-steps">
        <ol>
          {STEPS.map((s, i) => (
            <li key={s.path} aria-current={i === index ? "step" : undefined} className={i === index ? "is-current" : i < index ? "is-done" : ""}>
              {i < reached && i !== index ? <Link to={`/checkout/${s.path}`}>{s.title}</Link> : <span>{s.title}</span>}
            </li>
          ))}
        </ol>
      </nav>
      <h1 className="page-title" data-page-title={`${step.title} – Checkout`}>
        {step.title}
      </h1>
      <p className="checkout-step-count">
        Step {index + 1} of {STEPS.length}
      </p>
    </>
  );
}
