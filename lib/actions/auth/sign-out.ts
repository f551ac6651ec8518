"use server";
// Signs the current browser out and goes to the landing page.
import { redirect } from "next/navigation";
import { clearSessionCookie } from "@/lib/auth/session-cookie";

export async function signOutAction(): Promise<void> {
  await clearSessionCookie();
  redirect("/");
}
