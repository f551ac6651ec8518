"use client";
// The Text (HTML) editor: a TipTap rich-text editor (headings, lists, links, images from the
// course's files, tables, code blocks), a raw HTML tab, and a Preview tab that shows the HTML
// after the LMS's own sanitizer (previewHtmlAction), so the author sees what learners get.
// What is saved is the HTML as the author last wrote it — in whichever tab — never a silently
// normalized copy: the visual editor only replaces the HTML once the author edits in it.
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import Image from "@tiptap/extension-image";
import { TableKit } from "@tiptap/extension-table";
import { useId, useMemo, useState, type ReactNode } from "react";
import { Button, Field } from "@/components/ui";
import { previewHtmlAction } from "@/lib/actions/studio/preview-html-action";
import { editorImageSrc } from "@/lib/studio/editor-urls";
import { AssetPicker } from "./asset-picker";
import type { EditorProps } from "./component-editor";
import styles from "./unit-editor.module.css";

type Tab = "visual" | "html" | "preview";

/**
 * TipTap's image, shown from the course's asset route while editing: the document (and so the
 * saved HTML) keeps `/static/<path>`; only the on-screen <img> gets a loadable URL.
 */
function courseImage(courseKey: string) {
  return Image.extend({
    addNodeView() {
      return ({ node }) => {
        const img = document.createElement("img");
        const apply = (attrs: Record<string, unknown>) => {
          img.src = editorImageSrc(courseKey, typeof attrs.src === "string" ? attrs.src : "");
          for (const a of ["alt", "title", "width", "height"] as const) {
            const v = attrs[a];
            if (v === null || v === undefined || v === "") img.removeAttribute(a);
            else img.setAttribute(a, String(v));
          }
        };
        apply(node.attrs);
        return {
          dom: img,
          update: (next) => {
            if (next.type !== node.type) return false;
            apply(next.attrs);
            return true;
          },
        };
      };
    },
  });
}

function ToolButton({ label, active, disabled, onClick, children }: { label: string; active?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className={styles.rteButton} aria-label={label} title={label} aria-pressed={active === undefined ? undefined : active} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {children}
    </button>
  );
}

function Toolbar({ editor, onImage, onLink }: { editor: Editor; onImage: () => void; onLink: () => void }) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
      code: e.isActive("codeBlock"),
      table: e.isActive("table"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const c = () => editor.chain().focus();
  return (
    <div className={styles.rteToolbar} role="toolbar" aria-label="Formatting">
      <ToolButton label="Heading 2" active={s.h2} onClick={() => c().toggleHeading({ level: 2 }).run()}>
        H2
      </ToolButton>
      <ToolButton label="Heading 3" active={s.h3} onClick={() => c().toggleHeading({ level: 3 }).run()}>
        H3
      </ToolButton>
      <ToolButton label="Bold" active={s.bold} onClick={() => c().toggleBold().run()}>
        <strong>B</strong>
      </ToolButton>
      <ToolButton label="Italic" active={s.italic} onClick={() => c().toggleItalic().run()}>
        <em>I</em>
      </ToolButton>
      <ToolButton label="Bulleted list" active={s.bullet} onClick={() => c().toggleBulletList().run()}>
        • List
      </ToolButton>
      <ToolButton label="Numbered list" active={s.ordered} onClick={() => c().toggleOrderedList().run()}>
        1. List
      </ToolButton>
      <ToolButton label={s.link ? "Edit link" : "Link"} active={s.link} onClick={onLink}>
        Link
      </ToolButton>
      <ToolButton label="Image from the course's files" onClick={onImage}>
        Image
      </ToolButton>
      <ToolButton label="Code block" active={s.code} onClick={() => c().toggleCodeBlock().run()}>
        {"</>"}
      </ToolButton>
      {s.table ? (
        <>
          <ToolButton label="Add a table row" onClick={() => c().addRowAfter().run()}>
            + Row
          </ToolButton>
          <ToolButton label="Add a table column" onClick={() => c().addColumnAfter().run()}>
            + Column
          </ToolButton>
          <ToolButton label="Delete the table" onClick={() => c().deleteTable().run()}>
            − Table
          </ToolButton>
        </>
      ) : (
        <ToolButton label="Insert a table" onClick={() => c().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}>
          Table
        </ToolButton>
      )}
      <ToolButton label="Undo" disabled={!s.canUndo} onClick={() => c().undo().run()}>
        ↶
      </ToolButton>
      <ToolButton label="Redo" disabled={!s.canRedo} onClick={() => c().redo().run()}>
        ↷
      </ToolButton>
    </div>
  );
}

/**
 * A rich-text HTML field: the Visual (TipTap) tab, the raw HTML tab and the Preview tab (the LMS's
 * own sanitizer). `value` is the HTML as the author last wrote it, in whichever tab. Used by the
 * Text component editor and by Studio's course overview.
 */
export function RichHtmlField({ courseKey, value, onChange, label = "Text content", tabsLabel = "Text editor mode" }: { courseKey: string; value: string; onChange: (html: string) => void; label?: string; tabsLabel?: string }) {
  const id = useId();
  const html = value;
  const setHtml = onChange;
  const [tab, setTab] = useState<Tab>("visual");
  const [panel, setPanel] = useState<"image" | "link" | null>(null);
  const [linkHref, setLinkHref] = useState("");
  const [imageAlt, setImageAlt] = useState("");
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null);

  const imageExtension = useMemo(() => courseImage(courseKey), [courseKey]);
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false, autolink: true } }), imageExtension, TableKit.configure({ table: { resizable: false } })],
    content: value,
    immediatelyRender: false,
    editorProps: { attributes: { "aria-label": label, "aria-multiline": "true", role: "textbox", "data-testid": "rich-text" } },
    onUpdate: ({ editor: e }) => setHtml(e.getHTML()),
  });

  const switchTo = (next: Tab) => {
    if (next === tab) return;
    if (next === "visual" && editor && tab === "html") editor.commands.setContent(html, { emitUpdate: false });
    if (next === "preview") {
      setPreview(null);
      void previewHtmlAction({ courseKey, html }).then(
        (r) => setPreview(r.ok ? { html: r.data.html } : { error: r.message }),
        () => setPreview({ error: "Could not reach the server to render the preview." }),
      );
    }
    setPanel(null);
    setTab(next);
  };

  const tabs: { id: Tab; label: string }[] = [
    { id: "visual", label: "Visual" },
    { id: "html", label: "HTML" },
    { id: "preview", label: "Preview" },
  ];

  return (
    <div>
      <div className={styles.tabs} role="tablist" aria-label={tabsLabel}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={styles.tab}
            onClick={() => switchTo(t.id)}
            onKeyDown={(e) => {
              const i = tabs.findIndex((x) => x.id === tab);
              if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
                e.preventDefault();
                const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
                switchTo(next.id);
                document.getElementById(`${id}-tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`${id}-panel-visual`} aria-labelledby={`${id}-tab-visual`} hidden={tab !== "visual"}>
        {editor ? (
          <>
            <Toolbar
              editor={editor}
              onImage={() => setPanel(panel === "image" ? null : "image")}
              onLink={() => {
                setLinkHref((editor.getAttributes("link").href as string | undefined) ?? "");
                setPanel(panel === "link" ? null : "link");
              }}
            />
            {panel === "link" ? (
              <div className={styles.picker}>
                <div className={styles.inline}>
                  <Field label="Link address" value={linkHref} onChange={(e) => setLinkHref(e.target.value)} placeholder="https://… or /static/…" style={{ minWidth: "20rem" }} />
                  <Button
                    size="small"
                    onClick={() => {
                      const href = linkHref.trim();
                      const chain = editor.chain().focus().extendMarkRange("link");
                      if (href) chain.setLink({ href }).run();
                      else chain.unsetLink().run();
                      setPanel(null);
                    }}
                  >
                    Apply link
                  </Button>
                  <Button size="small" variant="ghost" onClick={() => setPanel(null)}>
                    Cancel
                  </Button>
                </div>
              </div>
            ) : null}
            {panel === "image" ? (
              <>
                <div className={styles.picker}>
                  <Field label="Image description (alt text)" hint="Describe the image for people who cannot see it." value={imageAlt} onChange={(e) => setImageAlt(e.target.value)} />
                </div>
                <AssetPicker
                  courseKey={courseKey}
                  label="Insert an image from the course's files"
                  match="image"
                  acceptAttr="image/*"
                  accept={(f) => f.contentType.startsWith("image/")}
                  onPick={(f) => {
                    editor.chain().focus().setImage({ src: f.url, alt: imageAlt.trim() }).run();
                    setImageAlt("");
                    setPanel(null);
                  }}
                  onClose={() => setPanel(null)}
                />
              </>
            ) : null}
            <div className={styles.rteSurface}>
              <EditorContent editor={editor} />
            </div>
          </>
        ) : (
          <p className={styles.muted}>Loading the editor…</p>
        )}
      </div>

      <div role="tabpanel" id={`${id}-panel-html`} aria-labelledby={`${id}-tab-html`} hidden={tab !== "html"}>
        <label htmlFor={`${id}-raw`} className="visually-hidden">
          HTML source
        </label>
        <textarea id={`${id}-raw`} className={styles.code} value={html} spellCheck={false} onChange={(e) => setHtml(e.target.value)} />
        <p className={styles.muted}>The visual editor keeps only the elements it knows; HTML written here is saved exactly as written.</p>
      </div>

      <div role="tabpanel" id={`${id}-panel-preview`} aria-labelledby={`${id}-tab-preview`} hidden={tab !== "preview"}>
        <p className={styles.muted}>As learners will see it (after the same sanitizing the course pages apply).</p>
        {preview === null ? (
          <p className={styles.muted}>Rendering…</p>
        ) : "error" in preview ? (
          <p role="alert">{preview.error}</p>
        ) : (
          <div className={styles.preview} data-testid="html-preview" dangerouslySetInnerHTML={{ __html: preview.html }} />
        )}
      </div>

    </div>
  );
}

export function HtmlEditor({ courseKey, data, saving, onSave, onCancel }: EditorProps) {
  const [displayName, setDisplayName] = useState(data.displayName);
  const [html, setHtml] = useState(data.html ?? "");
  return (
    <div>
      <Field label="Display name" hint="Shown in Studio and the course outline; learners see only the text." value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      <RichHtmlField courseKey={courseKey} value={html} onChange={setHtml} />
      <div className={styles.actions}>
        <Button onClick={() => onSave({ kind: "html", displayName: displayName.trim() || "Text", html })} disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Close
        </Button>
      </div>
    </div>
  );
}
