"use client";
// Schedule & details: dates in the author's time zone (sent as UTC), pacing, about-page texts,
// course image (upload into the course's files, with a preview), intro video, effort, language.
// The server checks everything again; a refused save changes nothing and says why next to the field.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button, FormStatus } from "@/components/ui";
import { uploadCourseFiles } from "@/components/studio/unit-editor/asset-picker";
import { RichHtmlField } from "@/components/studio/unit-editor/html-editor";
import { updateCourseDetailsAction } from "@/lib/actions/studio/update-course-details-action";
import { COMMON_LANGUAGES, validateCourseDates, type CourseDates } from "@/lib/studio/course-details";
import { assetHref } from "@/lib/lms/urls";
import type { CourseDetailsData } from "@/lib/studio/settings";
import { PublishSettings } from "./publish-settings";
import { isoToLocalInput, localInputToIso, useTimeZone } from "./use-time-zone";
import styles from "./settings.module.css";

type Errors = Record<string, string>;

function Row({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div>
      <label className={styles.label} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className={styles.error} id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describe = (id: string, hint: boolean, error?: string) => [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

const DATE_FIELDS: Array<{ name: keyof CourseDates; label: string; hint: string }> = [
  { name: "start", label: "Course start", hint: "When learners can begin the course." },
  { name: "end", label: "Course end", hint: "Optional. After it the course is archived." },
  { name: "enrollmentStart", label: "Enrollment start", hint: "Optional. When learners can start enrolling." },
  { name: "enrollmentEnd", label: "Enrollment end", hint: "Optional. After it nobody can enroll." },
];

export function DetailsForm({ data }: { data: CourseDetailsData }) {
  const tz = useTimeZone();
  if (!tz) return <p>Loading the schedule in your time zone…</p>;
  return <DetailsFormInZone data={data} tz={tz} />;
}

function DetailsFormInZone({ data, tz }: { data: CourseDetailsData; tz: string }) {
  const id = useId();
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ ok: true; message: string } | { ok: false; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [images, setImages] = useState(data.images);
  const [overview, setOverview] = useState(data.overview);
  const [image, setImage] = useState(data.courseImage);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  async function onUpload(file: File | undefined) {
    if (!file) return;
    setUploadError(null);
    setUploading(true);
    try {
      const [f] = await uploadCourseFiles(data.courseKey, [file]);
      setImages((list) => (list.includes(f.path) ? list : [...list, f.path].sort()));
      setImage(f.path);
    } catch (err) {
      setUploadError(err instanceof Error ? err.message : "The upload failed.");
    } finally {
      setUploading(false);
    }
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => String(f.get(k) ?? "");
    const dates: CourseDates = { start: null, end: null, enrollmentStart: null, enrollmentEnd: null };
    const errs: Errors = {};
    for (const d of DATE_FIELDS) {
      const iso = localInputToIso(s(d.name));
      if (iso === "invalid") errs[d.name] = "This is not a date.";
      else dates[d.name] = iso;
    }
    Object.assign(errs, validateCourseDates(dates), errs);
    if (Object.keys(errs).length) {
      setErrors(errs);
      setStatus({ ok: false, message: "Some dates cannot go together; nothing was saved." });
      return;
    }
    setPending(true);
    try {
      const r = await updateCourseDetailsAction({
        courseKey: data.courseKey,
        ...dates,
        selfPaced: s("pacing") === "self",
        shortDescription: s("shortDescription"),
        overview: s("overview"),
        effort: s("effort"),
        introVideo: s("introVideo"),
        language: s("language"),
        courseImage: image,
      });
      if (r.ok) {
        setErrors({});
        setStatus({ ok: true, message: "Saved to the draft. Publish to show learners." });
        router.refresh();
      } else {
        setErrors(r.fieldErrors ?? {});
        setStatus({ ok: false, message: r.message });
      }
    } catch {
      setStatus({ ok: false, message: "Could not reach the server. Please try again." });
    } finally {
      setPending(false);
    }
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Schedule and details">
      <FormStatus state={status} />
      <fieldset className={styles.fieldset}>
        <legend>Schedule</legend>
        <p className={styles.zone} id={`${id}-zone`}>
          Dates and times are in your time zone: <strong>{tz}</strong>. They are stored in UTC.
        </p>
        <div className={styles.grid2}>
          {DATE_FIELDS.map((d) => (
            <Row key={d.name} id={field(d.name)} label={d.label} hint={d.hint} error={errors[d.name]}>
              <input
                id={field(d.name)}
                name={d.name}
                type="datetime-local"
                className={styles.input}
                defaultValue={isoToLocalInput(data[d.name])}
                required={d.name === "start"}
                aria-invalid={errors[d.name] ? true : undefined}
                aria-describedby={describe(field(d.name), true, errors[d.name])}
              />
            </Row>
          ))}
        </div>
        <fieldset className={styles.fieldset}>
          <legend>Course pacing</legend>
          <label className={styles.check}>
            <input type="radio" name="pacing" value="instructor" defaultChecked={!data.selfPaced} /> Instructor-paced: subsections release and are due on the dates you set.
          </label>
          <label className={styles.check}>
            <input type="radio" name="pacing" value="self" defaultChecked={data.selfPaced} /> Self-paced: learners go at their own pace.
          </label>
        </fieldset>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Course details</legend>
        <Row id={field("shortDescription")} label="Short description" hint="One or two sentences shown in the course catalog and on the about page." error={errors.shortDescription}>
          <textarea id={field("shortDescription")} name="shortDescription" rows={2} className={styles.input} defaultValue={data.shortDescription} aria-describedby={describe(field("shortDescription"), true, errors.shortDescription)} />
        </Row>
        <div role="group" aria-labelledby={field("overview")}>
          <p className={styles.label} id={field("overview")}>
            Course overview
          </p>
          <p className={styles.hint}>The about page&apos;s main text, in the rich-text editor or as HTML; the LMS removes scripts and unsafe markup when it shows it.</p>
          <RichHtmlField courseKey={data.courseKey} value={overview} onChange={setOverview} label="Course overview" tabsLabel="Course overview editor mode" />
          <input type="hidden" name="overview" value={overview} />
          {errors.overview ? (
            <p className={styles.error} id={`${field("overview")}-error`}>
              {errors.overview}
            </p>
          ) : null}
        </div>
        <div className={styles.grid2}>
          <Row id={field("effort")} label="Hours of effort per week" hint="e.g. 4 hours/week" error={errors.effort}>
            <input id={field("effort")} name="effort" className={styles.input} defaultValue={data.effort} maxLength={64} aria-describedby={describe(field("effort"), true, errors.effort)} />
          </Row>
          <Row id={field("language")} label="Course language" error={errors.language}>
            <select id={field("language")} name="language" className={styles.input} defaultValue={data.language} aria-describedby={describe(field("language"), false, errors.language)}>
              <option value="">(not set)</option>
              {COMMON_LANGUAGES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name} ({code})
                </option>
              ))}
              {data.language && !COMMON_LANGUAGES.some(([c]) => c === data.language) ? <option value={data.language}>{data.language}</option> : null}
            </select>
          </Row>
          <Row id={field("introVideo")} label="Course introduction video" hint="A YouTube video id or link; leave empty for none." error={errors.introVideo}>
            <input id={field("introVideo")} name="introVideo" className={styles.input} defaultValue={data.introVideo} aria-describedby={describe(field("introVideo"), true, errors.introVideo)} />
          </Row>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend>Course image</legend>
        <Row id={field("image")} label="Image shown in the catalog and on the about page" error={errors.courseImage}>
          <select id={field("image")} className={styles.input} value={image} onChange={(e) => setImage(e.target.value)} aria-describedby={describe(field("image"), false, errors.courseImage)}>
            <option value="">(no image)</option>
            {images.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Row>
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element -- a course file of the draft
          <img className={styles.imagePreview} src={assetHref(data.courseKey, image)} alt="Preview of the course image" />
        ) : null}
        <Row id={field("upload")} label="Upload a new image" hint="It is added to the course's files and chosen." error={uploadError ?? undefined}>
          <input id={field("upload")} type="file" accept="image/*" disabled={uploading} onChange={(e) => void onUpload(e.target.files?.[0])} aria-describedby={describe(field("upload"), true, uploadError ?? undefined)} />
        </Row>
        {uploading ? <p role="status">Uploading…</p> : null}
      </fieldset>

      <div className={styles.actions}>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
        <PublishSettings courseKey={data.courseKey} />
      </div>
    </form>
  );
}
