"use server";
// Changes the signed-in user's full name.
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions";
import { profileSchema } from "@/lib/auth/account-rules";
import { updateUserFullName } from "@/lib/db/queries/users";

export const updateProfileAction = userAction(profileSchema, async (input, { user }) => {
  await updateUserFullName({ id: user.id, fullName: input.fullName });
  revalidatePath("/", "layout");
  return { fullName: input.fullName, message: "Your name has been saved." };
});
