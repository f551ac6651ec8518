// /help: a static page for learners (how courses are organised, keyboard use of the courseware,
// video and transcript). Prerendered at build time and served as-is, so it also serves as the
// "static page" the LMS bench compares the unit page with. A prerendered response cannot carry a
// per-request nonce, so it brings its own Content-Security-Policy: its only active content is the
// inline <style>, allowed by hash (proxy.ts leaves this path's policy alone).
import { inlineStyleHashes, staticPageCsp } from "@/lib/security-headers";

export const dynamic = "force-static";

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Help for learners · Atrium</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;line-height:1.5;margin:0}
header,footer{background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:.75rem 1rem}
footer{border-top:1px solid #d0d7de;border-bottom:none;margin-top:2rem}
main{max-width:800px;margin:0 auto;padding:1.5rem 1rem}
a{color:#0b5cad}
kbd{border:1px solid #d0d7de;border-radius:4px;padding:0 .3rem;background:#f6f8fa}
</style>
</head>
<body>
<header><a href="/">Atrium</a> · <a href="/courses">Courses</a> · <a href="/dashboard">Dashboard</a></header>
<main id="main">
<h1>Help for learners</h1>
<h2>Finding and joining a course</h2>
<p>Open <a href="/courses">Courses</a> to search the catalog by name, organization, course number or description, and filter
by organization or by availability (open now, upcoming, archived). A course's about page shows its overview, dates, effort
and staff. Select <strong>Enroll now</strong> to join; some courses only accept invited learners or enroll only between
certain dates.</p>
<h2>How a course is organised</h2>
<p>A course is made of <strong>sections</strong>, each section of <strong>subsections</strong>, and each subsection of
<strong>units</strong>. A unit is one page: text, videos, problems and discussions. The course home lists them with due
dates, graded assignments (named by their assignment type) and a check mark for what you have completed. The Dates tab lists
what is past due, due soon and upcoming.</p>
<h2>Moving through the courseware</h2>
<ul>
<li>The bar above each unit lists the units of the subsection. Use <kbd>Tab</kbd> to reach it and <kbd>Enter</kbd> to open a unit.</li>
<li><strong>Previous</strong> and <strong>Next</strong> at the bottom continue across subsections and sections.</li>
<li><strong>Resume</strong> on your dashboard and the course home returns to the last unit you opened.</li>
<li><strong>Bookmark this page</strong> keeps a unit in <a href="/bookmarks">your bookmarks</a>.</li>
</ul>
<h2>Videos and transcripts</h2>
<ul>
<li>The player's controls work with the keyboard: <kbd>Space</kbd> plays and pauses, arrow keys seek and change the volume.</li>
<li>Choose a playback speed from <strong>Speed</strong>. Captions can be turned on in the player.</li>
<li>In the transcript, each line is a button: select it (or press <kbd>Enter</kbd>) to jump the video to that moment. Use
<kbd>↑</kbd> and <kbd>↓</kbd> to move between lines, <kbd>Home</kbd> and <kbd>End</kbd> for the first and last line.</li>
<li>Videos hosted on YouTube are not embedded: follow the link to watch them there; the transcript link follows the line you select.</li>
</ul>
<h2>Progress</h2>
<p>Text and video units count as complete once you have viewed them; problems once you have answered them. Your dashboard
shows each course's progress and its next due date.</p>
</main>
<footer>Atrium — an open learning platform.</footer>
</body>
</html>
`;

const CSP = staticPageCsp(inlineStyleHashes(HTML));

export function GET() {
  return new Response(HTML, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300", "Content-Security-Policy": CSP } });
}
