// What every team's back office shares in the browser: the refusal that asks for a fresh sign-in, and where to sign in.

/** The refusal code of a write that needs a sign-in within the last `STEP_UP_MINUTES` (refunds, role changes). */
export const SIGN_IN_AGAIN = "sign_in_again";
export const STEP_UP_MINUTES = 15;

/** The account's sign-in page, which brings the person back to `back` once in (`/account?back=…`). */
export const signInPath = (back: string) => `/account?${new URLSearchParams({ back })}`;
/** The same, shown even to someone signed in: the fresh sign-in a `sign_in_again` refusal asks for. */
export const signInAgainPath = (back: string) => `/account/sign-in?${new URLSearchParams({ back })}`;

/** Counts the dashboard shows exactly up to this; beyond it, "1,000+". */
export const DASHBOARD_COUNT_CAP = 1000;
