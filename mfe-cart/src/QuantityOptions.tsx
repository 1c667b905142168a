/** A quantity picker's choices: 1 up to `most`. */
export function QuantityOptions({ most }: { most: number }) {
  return (
    <>
      {Array.from({ length: most }, (_, i) => i + 1).map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </>
  );
}
