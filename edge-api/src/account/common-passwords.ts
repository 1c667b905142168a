import list from "./common-passwords.txt";

/**
 * The 3,000 most common passwords, most common first (zxcvbn's list, from leaked password sets). A
 * password on it is refused whatever its length; no other composition rule applies (NIST 800-63B).
 */
const COMMON = new Set(list.split("\n").filter(Boolean));

export const isCommonPassword = (password: string) => COMMON.has(password.toLowerCase());
