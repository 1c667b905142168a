import { useEffect, useState } from "react";

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/**
 * How long the items stay held. The clock ticks silently; a screen reader hears it at five minutes,
 * at one minute, and when the hold ends.
 */
export function ReservationTimer({ expiresAt, onLapse }: { expiresAt: string; onLapse: () => void }) {
  const end = new Date(expiresAt).getTime();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = end - now;
  const lapsed = left <= 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lapse is told once, when the time runs out, not on every tick
  useEffect(() => {
    if (lapsed) onLapse();
  }, [lapsed]);
  const milestone =
    left <= 0
      ? ""
      : left <= 60_000
        ? "Less than a minute left to pay before your items go back on sale."
        : left <= 5 * 60_000
          ? "Less than five minutes left to pay before your items go back on sale."
          : "";
  return (
    <div className="reservation-timer">
      <p>
        We're holding your items for <strong data-testid="reservation-clock">{clock(left)}</strong>. After that they go back on sale and you'll need to start
        checkout again.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {milestone}
      </p>
    </div>
  );
}
