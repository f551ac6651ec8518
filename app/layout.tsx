// The root layout: the app shell (header, main landmark, footer) around every page. Pages render
// their content only (no <main> of their own: this layout owns the single main landmark).
import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteFooter, SiteHeader, shellStyles } from "@/components/shell";
import { loadHeaderData } from "@/lib/shell/header-data";
import "./globals.css";

// Self-hosted Inter (offline builds): next/font/google would fetch from the network.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  style: "normal",
  display: "swap",
  variable: "--font-inter",
});

export const metadata: Metadata = {
  title: { default: "Atrium", template: "%s · Atrium" },
  description: "Atrium — an open learning platform that speaks Open edX OLX.",
  // public/ (drawn by scripts/make-icons.ts).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: proxy.ts gives each a fresh CSP nonce, which Next.js can only
  // stamp on the scripts of a page rendered for that request (a prerendered page's would be refused).
  await connection();
  // On a shared render (lib/shell/shared-render.ts) this names no one: the header asks /api/me.
  const header = await loadHeaderData();
  return (
    <html lang="en" className={inter.variable}>
      <body>
        <SiteHeader {...header} />
        <main id="main" className={shellStyles.main} tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
