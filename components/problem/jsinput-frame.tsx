"use client";
// A jsinput problem input (Open edX's JavaScript input): the author's page in an opaque-origin
// sandboxed iframe (scripts only), served by the asset route with a postMessage bridge
// (lib/lms/jsinput-bridge.ts). The parent only ever posts {call, path, arg} and reads plain values
// back from that iframe's window; nothing from a message is evaluated here. On load it restores
// the saved state (or initial_state) through set_statefn; on Submit `collect()` calls gradefn and
// get_statefn and builds the value Open edX submits: JSON {answer, state} with a state function,
// else the grade as text.
import { useEffect, useRef } from "react";
import type { RenderInput } from "@/lib/capa/types";

type JsinputModel = Extract<RenderInput, { kind: "jsinput" }>;
export type CollectResult = { ok: true; value: string } | { ok: false; message: string };
export interface JsinputHandle {
  collect(): Promise<CollectResult>;
}

const SANDBOX = "allow-scripts";
const CALL_TIMEOUT_MS = 5000;
const NO_ANSWER = "The interactive part of this problem did not answer, so nothing was submitted (no attempt used). Reload the page and try again.";

type Call = "grade" | "getState" | "setState";
const ping = (frame: HTMLIFrameElement | null) => frame?.contentWindow?.postMessage({ atriumJsinput: 1, id: 0, call: "ping" }, "*");
interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

function savedState(saved: string | string[] | undefined): { has: boolean; state?: unknown } {
  if (typeof saved !== "string" || !saved) return { has: false };
  try {
    const parsed: unknown = JSON.parse(saved);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && "state" in parsed) return { has: true, state: (parsed as { state: unknown }).state };
  } catch {
    /* a grade without state */
  }
  return { has: false };
}

function asText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export function JsinputFrame({
  input,
  saved,
  register,
}: {
  input: JsinputModel;
  /** the learner's saved answer for this input (restores the page's state) */
  saved: string | string[] | undefined;
  register: (id: string, handle: JsinputHandle | null) => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const savedRef = useRef(saved);
  const state = useRef({ next: 1, ready: false, waiters: [] as (() => void)[], pending: new Map<number, (r: Reply) => void>() });

  useEffect(() => {
    const s = state.current;
    const post = (call: Call, path: string, arg?: unknown): Promise<Reply> =>
      new Promise((resolve) => {
        const win = frame.current?.contentWindow;
        if (!win) return resolve({ id: -1, ok: false, error: NO_ANSWER });
        const id = s.next++;
        const timer = window.setTimeout(() => {
          s.pending.delete(id);
          resolve({ id, ok: false, error: NO_ANSWER });
        }, CALL_TIMEOUT_MS);
        s.pending.set(id, (r) => {
          window.clearTimeout(timer);
          resolve(r);
        });
        // The frame has an opaque origin: "*" is the only target it matches; replies are
        // accepted only from this frame's window (below).
        win.postMessage({ atriumJsinput: 1, id, call, path, arg }, "*");
      });
    const whenReady = () =>
      new Promise<boolean>((resolve) => {
        if (s.ready) return resolve(true);
        const timer = window.setTimeout(() => resolve(false), CALL_TIMEOUT_MS);
        s.waiters.push(() => {
          window.clearTimeout(timer);
          resolve(true);
        });
      });

    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const d: unknown = event.data;
      if (!d || typeof d !== "object") return;
      const m = d as Record<string, unknown>;
      if (m.atriumJsinput !== 1 || typeof m.id !== "number" || typeof m.ok !== "boolean") return;
      if (m.id === 0) {
        // "ready": sent by the page once loaded, and again in answer to a ping (the page may load
        // before this listener exists: the iframe is in the server-rendered HTML).
        if (s.ready) return;
        s.ready = true;
        const restore = savedState(savedRef.current);
        const arg = restore.has ? restore.state : input.initialState;
        if (input.setStateFn && arg !== undefined && arg !== null) void post("setState", input.setStateFn, arg);
        s.waiters.splice(0).forEach((w) => w());
        return;
      }
      const done = s.pending.get(m.id);
      if (!done) return;
      s.pending.delete(m.id);
      done({ id: m.id, ok: m.ok, value: m.value, error: typeof m.error === "string" ? m.error.slice(0, 300) : undefined });
    };
    window.addEventListener("message", onMessage);
    ping(frame.current);

    register(input.id, {
      async collect() {
        if (!(await whenReady())) return { ok: false, message: NO_ANSWER };
        const grade = await post("grade", input.gradeFn);
        if (!grade.ok) return { ok: false, message: grade.error === NO_ANSWER ? NO_ANSWER : `The interactive part of this problem reported an error (${grade.error ?? "unknown"}); nothing was submitted.` };
        if (!input.getStateFn) return { ok: true, value: asText(grade.value) };
        const st = await post("getState", input.getStateFn);
        if (!st.ok) return { ok: false, message: st.error === NO_ANSWER ? NO_ANSWER : `The interactive part of this problem reported an error (${st.error ?? "unknown"}); nothing was submitted.` };
        return { ok: true, value: JSON.stringify({ answer: grade.value ?? null, state: st.value ?? null }) };
      },
    });
    return () => {
      window.removeEventListener("message", onMessage);
      register(input.id, null);
      s.pending.clear();
    };
  }, [input.id, input.gradeFn, input.getStateFn, input.setStateFn, input.initialState, register]);

  if (!input.src) return <p role="note">This problem&apos;s interactive page is not available.</p>;
  return (
    <iframe
      ref={frame}
      src={input.src}
      sandbox={SANDBOX}
      title={input.title ?? "Interactive problem"}
      width={input.width ?? 600}
      height={input.height ?? 400}
      referrerPolicy="no-referrer"
      onLoad={() => ping(frame.current)}
      allow=""
      data-testid={`jsinput-${input.id}`}
      style={{ maxWidth: "100%", border: "1px solid #ccc" }}
    />
  );
}
