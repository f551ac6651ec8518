// The Discussion editor's model ⇄ <discussion discussion_category=… discussion_target=…
// discussion_id=… display_name=…/>, as Open edX writes an inline discussion. Other attributes
// (url_name, xblock-family …) are kept. Pure.
import { parseBlockXml, serializeXml, setOrRemove } from "./olx-xml";

export interface DiscussionFields {
  displayName: string;
  category: string;
  subcategory: string;
  discussionId: string;
}

export function readDiscussionFields(olx: string): DiscussionFields {
  const parsed = parseBlockXml(olx.trim() || "<discussion/>", "discussion");
  if (!parsed.ok) return { displayName: "", category: "", subcategory: "", discussionId: "" };
  const a = (n: string) => parsed.root.getAttribute(n) ?? "";
  return { displayName: a("display_name"), category: a("discussion_category"), subcategory: a("discussion_target"), discussionId: a("discussion_id") };
}

export function writeDiscussionOlx(baseOlx: string, f: DiscussionFields, newId: () => string): string {
  const parsed = parseBlockXml(baseOlx.trim() || "<discussion/>", "discussion");
  if (!parsed.ok) throw new Error(parsed.error);
  const { root } = parsed;
  setOrRemove(root, "display_name", f.displayName.trim());
  setOrRemove(root, "discussion_category", f.category.trim());
  setOrRemove(root, "discussion_target", f.subcategory.trim());
  // Open edX gives every discussion a stable id; keep the existing one.
  root.setAttribute("discussion_id", f.discussionId.trim() || newId());
  return serializeXml(root);
}
