// Turns the Credentials provider's error codes (`atrium:<reason>[:<retryAfterSeconds>]`) into
// sentences for the sign-in form. Pure: shared by the client form and the server page.
export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  const m = /^atrium:(invalid|throttled|inactive)(?::(\d+))?$/.exec(error);
  if (!m) {
    if (error === "CredentialsSignin") return "That email/username and password do not match. Check them and try again.";
    if (error === "SessionRequired") return "Please sign in to continue.";
    return "Sign-in failed. Please try again.";
  }
  switch (m[1]) {
    case "invalid":
      return "That email/username and password do not match. Check them and try again.";
    case "inactive":
      return "This account has been deactivated. Contact the site administrator.";
    case "throttled": {
      const seconds = Number(m[2] ?? 0);
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      return `Too many failed sign-in attempts. For your security, sign-in is paused — try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or reset your password.`;
    }
  }
  return "Sign-in failed. Please try again.";
}
