"use server";
// Sends a password-reset link to an address (same answer whether or not it has an account).
import { headers } from "next/headers";
import { publicAction } from "@/lib/actions";
import { requestResetSchema } from "@/lib/auth/account-rules";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { env } from "@/lib/env";

async function baseUrl(): Promise<string> {
  const configured = env().NEXTAUTH_URL;
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export const requestPasswordResetAction = publicAction(requestResetSchema, async (input) => {
  await requestPasswordReset({ email: input.email, baseUrl: await baseUrl() });
  return { message: "If an account uses that address, we have sent it a link to reset the password. The link works once, for one hour." };
});
