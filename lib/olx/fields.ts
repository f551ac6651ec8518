// Open edX field knowledge lib/olx needs: which block types the LMS runs, which block types load
// their definition from their own file (XModule-style) versus pure XBlocks written inline, how an
// XML attribute string decodes by the field's type, and which settings flow down the tree
// (InheritanceMixin: start, due, graded, ... but never format or display_name).

/** Block types the Atrium LMS runs; anything else is kept verbatim and shown as unsupported. */
export const SUPPORTED_BLOCK_TYPES: ReadonlySet<string> = new Set([
  "course", "chapter", "sequential", "vertical", "html", "problem", "video", "discussion", "library_content",
  "split_test", "conditional",
]);

/** Containers: their child elements are blocks. Every other type is a leaf kept as XML. */
export const CONTAINER_TYPES: ReadonlySet<string> = new Set([
  "course", "chapter", "sequential", "vertical", "library_content", "split_test", "wrapper",
  "videosequence", "randomize", "library", "itembank", "conditional", "abtest",
]);

/**
 * Types whose pointer loads `<type>/<url_name>.xml` and which Studio exports as pointer + file.
 * Pure XBlocks (poll, survey, done, drag-and-drop-v2, openassessment, ...) are written inline
 * and a bare pointer to one with no file just means default settings (xblocks-contrib ADR 0002).
 */
export const FILE_TYPES: ReadonlySet<string> = new Set([
  "course", "chapter", "sequential", "vertical", "html", "problem", "video", "library_content",
  "split_test", "conditional", "annotatable", "lti", "word_cloud", "poll_question", "wrapper",
  "videosequence", "section", "randomize", "combinedopenended", "peergrading", "abtest",
  "videoalpha", "customtag", "static_tab", "course_info", "about", "crowdsource_hinter",
  "foldit", "graphical_slider_tool", "selfassessment", "timelimit", "image", "error", "hidden",
  "itembank",
]);

const RETIRED: Record<string, string> = {
  combinedopenended: "combinedopenended (open-ended response) was retired from Open edX",
  peergrading: "peergrading was retired from Open edX",
  abtest: "abtest was retired from Open edX (split_test replaced it)",
  videoalpha: "videoalpha is a retired name of the video block",
  poll_question: "poll_question is a retired XModule",
  library_sourced: "library_sourced is deprecated",
};

export function unsupportedReasonOf(type: string): string | undefined {
  if (SUPPORTED_BLOCK_TYPES.has(type)) return undefined;
  return RETIRED[type] ?? `The "${type}" component is not supported yet; it is kept as authored and exported unchanged.`;
}

/**
 * Settings that a block inherits from its parent unless it sets them itself
 * (edx-platform xmodule/modulestore/inheritance.py, InheritanceMixin, as listed in olx.md §3).
 * group_access and visible_to_staff_only are resolved specially (see resolveSettings).
 */
export const INHERITED_SETTINGS: readonly string[] = [
  "start", "due", "graceperiod", "showanswer", "show_correctness", "rerandomize", "max_attempts",
  "graded", "visible_to_staff_only", "hide_after_due", "days_early_for_beta", "self_paced",
  "user_partitions", "static_asset_path", "show_reset_button", "giturl", "xqa_key",
  "use_latex_compiler", "matlab_api_key", "course_edit_method", "edxnotes", "video_auto_advance",
  "video_speed_optimizations", "group_access",
];

const BOOLEAN_FIELDS = new Set([
  "graded", "visible_to_staff_only", "hide_after_due", "self_paced", "hide_from_toc", "show_reset_button",
  "allow_anonymous", "allow_anonymous_to_peers", "cert_html_view_enabled", "enable_subsection_gating",
  "invitation_only", "is_time_limited", "is_proctored_enabled", "is_practice_exam", "is_onboarding_exam",
  "download_track", "download_video", "show_captions", "allow_resetting_children", "use_latex_compiler",
  "disable_progress_graph", "show_calculator", "video_auto_advance",
  "has_score", "cohorted", "include_in_summary", "show_timezone", "mobile_available", "enable_ccx",
  "allow_public_wiki_access", "create_zendesk_tickets", "issue_badges", "teams_enabled",
  "hide_progress_tab",
  "no_grade", "bypass_home", "entrance_exam_enabled", "is_entrance_exam",
  "enable_proctored_exams", "enable_timed_exams", "allow_proctoring_opt_out",
]);

const INTEGER_FIELDS = new Set([
  "max_attempts", "days_early_for_beta", "max_count", "user_partition_id", "position",
  "index_in_children_list", "default_time_limit_minutes", "max_student_enrollments_allowed",
 
]);

const FLOAT_FIELDS = new Set(["weight", "minimum_grade_credit", "entrance_exam_minimum_score_pct", "ccx_connector_float"]);

/** List/Dict fields: JSON inside the attribute (olx.md §5). Any other string stays a string. */
const JSON_FIELDS = new Set([
  "advanced_modules", "user_partitions", "group_access", "discussion_topics", "discussions_settings",
  "teams_configuration", "lti_passports", "tabs", "pdf_textbooks", "html_textbooks", "textbooks",
  "html5_sources", "transcripts", "answers", "questions", "instructor_info", "learning_info",
  "discussion_blackouts", "xml_attributes", "group_id_to_child", "other_course_settings",
  "certificates", "video_bumper", "custom_parameters", "learning_info",
  "grading_policy", "cohort_config", "grade_cutoffs",
  "block_settings",
]);

const DATE_FIELDS = new Set(["start", "end", "due", "enrollment_start", "enrollment_end", "announcement", "certificate_available_date"]);

/** Normalizes an ISO date: a missing zone means UTC. Returns null when it is not a date. */
export function normalizeDate(v: string): string | null {
  const s = v.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : s.includes("T") ? `${s}Z` : `${s}T00:00:00Z`;
  const d = new Date(zoned);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * Decodes one field value by the field's type. XML attributes arrive as strings; policy.json
 * values are already JSON and only dates are normalized. `null`/"null" means unset for numbers.
 */
export function decodeField(name: string, value: unknown, warn?: (msg: string) => void): unknown {
  if (DATE_FIELDS.has(name)) {
    if (value === null || value === "" || value === "null") return null;
    if (typeof value === "string") {
      const d = normalizeDate(value);
      if (d === null) warn?.(`${name}: not a date: ${JSON.stringify(value)}`);
      return d ?? value;
    }
    return value;
  }
  if (typeof value !== "string") return value;
  if (BOOLEAN_FIELDS.has(name)) {
    const v = value.trim().toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
    return value;
  }
  if (INTEGER_FIELDS.has(name) || FLOAT_FIELDS.has(name)) {
    const v = value.trim();
    if (v === "" || v === "null" || v === "None") return null;
    const n = Number(v);
    if (Number.isFinite(n)) return INTEGER_FIELDS.has(name) ? Math.trunc(n) : n;
    return value;
  }
  if (JSON_FIELDS.has(name)) {
    const v = value.trim();
    if (v === "") return value;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      warn?.(`${name}: expected JSON, kept as text`);
      return value;
    }
  }
  return value;
}

/** Merges group_access the way Open edX combines a parent's and a child's: per partition, the
 *  child may only narrow its parent's groups (intersection); partitions named by one side pass. */
export function mergeGroupAccess(parent: unknown, own: unknown): unknown {
  const p = isGroupAccess(parent) ? parent : null;
  const o = isGroupAccess(own) ? own : null;
  if (!p) return own ?? parent;
  if (!o) return parent;
  const out: Record<string, number[]> = { ...p };
  for (const [k, groups] of Object.entries(o)) {
    out[k] = k in p ? p[k].filter((g) => groups.includes(g)) : groups;
  }
  return out;
}

function isGroupAccess(v: unknown): v is Record<string, number[]> {
  return !!v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every(Array.isArray);
}

/** Decoded own fields merged over the parent's inherited settings. */
export function resolveSettings(
  parentSettings: Record<string, unknown> | null,
  fields: Record<string, unknown>,
  warn?: (msg: string) => void,
): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) own[k] = decodeField(k, v, warn);
  const settings: Record<string, unknown> = {};
  if (parentSettings) {
    for (const k of INHERITED_SETTINGS) if (parentSettings[k] !== undefined) settings[k] = parentSettings[k];
  }
  for (const [k, v] of Object.entries(own)) {
    if (k === "group_access") continue;
    // An explicit null (e.g. max_attempts="null") means "not set here": keep the inherited value.
    if (v === null && settings[k] !== undefined) continue;
    settings[k] = v;
  }
  // A staff-only ancestor hides everything below it, whatever the child says.
  if (parentSettings?.visible_to_staff_only === true) settings.visible_to_staff_only = true;
  const ga = mergeGroupAccess(parentSettings?.group_access, own.group_access);
  if (ga !== undefined && ga !== null) settings.group_access = ga;
  else delete settings.group_access;
  return settings;
}

/** edx-platform's built-in grading policy, used when grading_policy.json is missing (olx.md §4). */
export const DEFAULT_GRADING_POLICY = {
  GRADER: [
    { type: "Homework", min_count: 12, drop_count: 2, short_label: "HW", weight: 0.15 },
    { type: "Lab", min_count: 12, drop_count: 2, weight: 0.15 },
    { type: "Midterm Exam", short_label: "Midterm", min_count: 1, drop_count: 0, weight: 0.3 },
    { type: "Final Exam", short_label: "Final", min_count: 1, drop_count: 0, weight: 0.4 },
  ],
  GRADE_CUTOFFS: { Pass: 0.5 },
} as const;
