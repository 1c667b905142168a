// Postgres's answers a caller turns into a 4xx: the SQLSTATE on the error (or on its cause, as drizzle wraps it).

const codeOf = (err: unknown) => (err as { code?: string })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;

/** A unique constraint refused the row (23505); `constraint`: only that one. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (codeOf(err) !== "23505") return false;
  if (!constraint) return true;
  const named = (err as { constraint?: string }).constraint ?? (err as { cause?: { constraint?: string } }).cause?.constraint;
  return named === constraint;
}

/** A foreign key found no row to point at (23503). */
export const isForeignKeyViolation = (err: unknown) => codeOf(err) === "23503";

/** Text for a LIKE pattern, its own `%`, `_` and `\` taken literally. */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
/** `%text%`: rows containing the text. */
export const containing = (text: string) => `%${likeEscaped(text)}%`;
