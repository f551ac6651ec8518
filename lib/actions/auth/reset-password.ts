"use server";
// Sets a new password from a reset link, then sends the user to sign in.
import { fail, publicAction } from "@/lib/actions";
import { resetPasswordSchema } from "@/lib/auth/account-rules";
import { resetPasswordWithToken } from "@/lib/auth/password-reset";

export const resetPasswordAction = publicAction(resetPasswordSchema, async (input) => {
  const userId = await resetPasswordWithToken({ token: input.token, newPassword: input.newPassword });
  if (userId === null) return fail("invalid:token", "This reset link has expired or was already used. Ask for a new one.");
  return { message: "Your password has been changed. You can now sign in with it." };
});
