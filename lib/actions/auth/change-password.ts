"use server";
// Changes the signed-in user's password. Bumping session_version signs out every other
// session; this browser gets a fresh session cookie so it stays signed in.
import { fail, userAction } from "@/lib/actions";
import { changePasswordSchema } from "@/lib/auth/account-rules";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { issueSessionCookie } from "@/lib/auth/session-cookie";
import { getUserById, updateUserPassword } from "@/lib/db/queries/users";

export const changePasswordAction = userAction(changePasswordSchema, async (input, { user }) => {
  const row = await getUserById({ id: user.id });
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    return fail("invalid:password", "Please correct the highlighted fields.", { currentPassword: "Your current password is not correct." });
  }
  const sessionVersion = await updateUserPassword({ id: user.id, passwordHash: await hashPassword(input.newPassword) });
  await issueSessionCookie({ userId: user.id, sessionVersion });
  return { message: "Your password has been changed. Other devices have been signed out." };
});
