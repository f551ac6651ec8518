"use server";
// Signs the current user out of every browser and device (every session row of the account is
// deleted), then this browser goes to the sign-in page.
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { endAllSessions } from "@/lib/auth/user-sessions";

export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await endAllSessions({ userId: user.id });
  await clearSessionCookie();
  redirect("/login");
}
