"use client";
// The site header's signed-in part on a page whose HTML is shared by many visitors: it asks
// GET /api/me who this is, then draws the same navigation and account menu as the server header.
// While it asks, the account area keeps its place empty (no "Sign in" flash for a signed-in user).
// A failed request shows the signed-out header, as the server header does when the database fails.
import { useEffect, useState } from "react";
import type { HeaderData } from "@/lib/shell/header-data";
import { HeaderAccount } from "./header-account";

const SIGNED_OUT: HeaderData = { user: null, showStudio: false };

async function fetchMe(): Promise<HeaderData> {
  try {
    const res = await fetch("/api/me", { credentials: "same-origin", cache: "no-store" });
    return res.ok ? ((await res.json()) as HeaderData) : SIGNED_OUT;
  } catch {
    return SIGNED_OUT;
  }
}

export function DeferredHeaderAccount() {
  const [me, setMe] = useState<HeaderData | null>(null);
  useEffect(() => {
    let live = true;
    void fetchMe().then((d) => {
      if (live) setMe(d);
    });
    return () => {
      live = false;
    };
  }, []);
  return me ? <HeaderAccount {...me} /> : <HeaderAccount {...SIGNED_OUT} pending />;
}
