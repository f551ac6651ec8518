// The page of a jsinput problem (Open edX's JavaScript input) runs in an iframe with an opaque
// origin (`Content-Security-Policy: sandbox allow-scripts`, no allow-same-origin), so the problem
// cannot call the page's functions directly as Open edX does. The asset route, asked with
// `?jsinput=1`, serves the author's HTML with this fixed bridge script added: it answers the
// parent's {atriumJsinput: 1, id, call, path, arg} messages by calling the dotted global function
// `path` (awaiting a promise) and posts back {atriumJsinput: 1, id, ok, value | error}. Nothing of
// the request goes into the script. Pure: no Next.js, no database.

/** The jsinput page's sandbox: scripts and forms in an opaque origin; no same-origin, popups or top navigation. */
export const JSINPUT_SANDBOX_CSP = "sandbox allow-scripts";

/** The same list for the iframe element's sandbox attribute. */
export const JSINPUT_IFRAME_SANDBOX = "allow-scripts";

export const JSINPUT_BRIDGE = `<script data-atrium-jsinput-bridge>
(function () {
  "use strict";
  var NAME = /^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$/;
  function reply(msg) {
    msg.atriumJsinput = 1;
    try { window.parent.postMessage(msg, "*"); } catch (e) { /* the value cannot be cloned */
      window.parent.postMessage({ atriumJsinput: 1, id: msg.id, ok: false, error: "the page returned a value that cannot be sent" }, "*");
    }
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || window.parent === window) return;
    var d = event.data;
    if (!d || typeof d !== "object" || d.atriumJsinput !== 1 || typeof d.id !== "number") return;
    if (d.call === "ping") { reply({ id: 0, ok: true, value: "ready" }); return; }
    if (d.call !== "grade" && d.call !== "getState" && d.call !== "setState") return;
    Promise.resolve().then(function () {
      if (typeof d.path !== "string" || !NAME.test(d.path)) throw new Error("not a function name: " + d.path);
      var parts = d.path.split("."), owner = window, fn = window;
      for (var i = 0; i < parts.length; i++) {
        owner = fn;
        fn = fn == null ? undefined : fn[parts[i]];
      }
      if (typeof fn !== "function") throw new Error(d.path + " is not a function on this page");
      return d.call === "setState" ? fn.call(owner, d.arg) : fn.call(owner);
    }).then(function (value) {
      reply({ id: d.id, ok: true, value: value === undefined ? null : value });
    }, function (err) {
      reply({ id: d.id, ok: false, error: String(err && err.message ? err.message : err).slice(0, 300) });
    });
  });
  // id 0: the page has loaded (its own onload handlers have run); the parent may call it now.
  function ready() { setTimeout(function () { reply({ id: 0, ok: true, value: "ready" }); }, 0); }
  if (document.readyState === "complete") ready(); else window.addEventListener("load", ready);
})();
</script>`;

/** The author's page with the bridge added (before </body>, else at the end). */
export function injectJsinputBridge(html: string): string {
  // The last </body> (a page may mention "</body>" in a string earlier on).
  const m = [...html.matchAll(/<\/body\s*>/gi)].pop();
  if (m && m.index !== undefined) return html.slice(0, m.index) + JSINPUT_BRIDGE + html.slice(m.index);
  return html + JSINPUT_BRIDGE;
}
