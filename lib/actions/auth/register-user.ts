"use server";
// Creates an account from the registration form and signs the new user in.
import { redirect } from "next/navigation";
import { fail, publicAction } from "@/lib/actions";
import { registerSchema } from "@/lib/auth/account-rules";
import { hashPassword } from "@/lib/auth/passwords";
import { safeReturnTo } from "@/lib/auth/session";
import { issueSessionCookie } from "@/lib/auth/session-cookie";
import { createUser, findTakenFields, getUserById } from "@/lib/db/queries/users";

const TAKEN = {
  email: "An account with this email address already exists. Sign in instead, or reset your password.",
  username: "This username is taken. Choose another one.",
};

export const registerUserAction = publicAction(registerSchema, async (input) => {
  const taken = await findTakenFields({ email: input.email, username: input.username });
  if (taken.email || taken.username) {
    const fieldErrors: Record<string, string> = {};
    if (taken.email) fieldErrors.email = TAKEN.email;
    if (taken.username) fieldErrors.username = TAKEN.username;
    return fail("conflict:account", "Please correct the highlighted fields.", fieldErrors);
  }
  const passwordHash = await hashPassword(input.password);
  // The unique indexes decide races between concurrent registrations.
  const created = await createUser({ email: input.email, username: input.username, fullName: input.fullName, passwordHash });
  if (!created.ok) return fail("conflict:account", "Please correct the highlighted fields.", { [created.field]: TAKEN[created.field] });
  const user = await getUserById({ id: created.id });
  await issueSessionCookie({ userId: created.id, sessionVersion: user?.sessionVersion ?? 1 });
  redirect(safeReturnTo(input.callbackUrl));
});
