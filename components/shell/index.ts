export { SiteHeader } from "./site-header";
export { SiteFooter } from "./site-footer";
export { default as shellStyles } from "./shell.module.css";
