"use server";
// Signs the current browser out and goes to the landing page. The session row is deleted, so
// this cookie is refused from now on even where it was copied.
import { redirect } from "next/navigation";
import { getSessionClaims } from "@/lib/auth/session";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { endSession } from "@/lib/auth/user-sessions";

export async function signOutAction(): Promise<void> {
  const claims = await getSessionClaims();
  if (claims) await endSession({ sid: claims.sid });
  await clearSessionCookie();
  redirect("/");
}
