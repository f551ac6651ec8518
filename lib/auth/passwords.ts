// Password hashing (bcrypt via bcryptjs) and the password rules. bcrypt only reads the first 72
// bytes of its input, so longer passwords are refused rather than silently truncated.
import bcrypt from "bcryptjs";

export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_BYTES = 72;
const COST = 10;

/** A user-facing problem with a password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_CHARS) return `Use at least ${PASSWORD_MIN_CHARS} characters.`;
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters; accented letters and emoji count as 2-4).`;
  }
  if (password.trim().length === 0) return "The password cannot be only spaces.";
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new Error(`Refusing to hash an invalid password: ${problem}`);
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) return false;
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

// Compared against when the account does not exist, so a miss costs the same time as a hit.
let dummyHash: string | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= await bcrypt.hash("atrium-dummy-password", COST);
  await bcrypt.compare(password.slice(0, 72), dummyHash);
}
