// Buttons and button-looking links. Variants: primary (one per view), secondary, danger, ghost.
import Link from "next/link";
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ComponentProps } from "react";
import styles from "./ui.module.css";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

function classes(variant: ButtonVariant, size: "normal" | "small", block: boolean, extra?: string): string {
  return [styles.button, styles[variant], size === "small" ? styles.small : "", block ? styles.block : "", extra ?? ""].filter(Boolean).join(" ");
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: "normal" | "small"; block?: boolean };

export function Button({ variant = "primary", size = "normal", block = false, className, type = "button", ...rest }: ButtonProps) {
  return <button type={type} className={classes(variant, size, block, className)} {...rest} />;
}

export type ButtonLinkProps = ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: "normal" | "small"; block?: boolean };

export function ButtonLink({ variant = "primary", size = "normal", block = false, className, ...rest }: ButtonLinkProps) {
  return <Link className={classes(variant, size, block, className)} {...rest} />;
}

export type ButtonAnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; variant?: ButtonVariant; size?: "normal" | "small"; block?: boolean };

/** A button-looking plain anchor, for route handlers (downloads, JSON, redirects): next/link would
 *  prefetch them as if they were pages. */
export function ButtonAnchor({ variant = "primary", size = "normal", block = false, className, ...rest }: ButtonAnchorProps) {
  return <a className={classes(variant, size, block, className)} {...rest} />;
}
