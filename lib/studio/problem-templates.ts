// The problem templates Studio offers when an author adds a Problem component: one (or two, with
// hints and feedback) for every response type lib/capa grades, after Open edX's own templates
// (xmodule/templates/problem/*.yaml). Templates Open edX writes in the simple editor carry their
// markdown, and their OLX is exactly what that markdown converts to; the others (math
// expression, true/false, partial credit) exist only as OLX, as in Open edX. PURE data.
import { markdownToOlx } from "./problem-markdown";

export interface ProblemTemplate {
  id: string;
  /** Open edX's display name of the template (also the new component's display name) */
  name: string;
  description: string;
  /** the lib/capa response tag the template exercises */
  responseType: "multiplechoiceresponse" | "choiceresponse" | "optionresponse" | "numericalresponse" | "stringresponse" | "formularesponse" | "truefalseresponse";
  /** simple-editor markdown, or null for templates written in OLX only */
  markdown: string | null;
  /** the `<problem>` element (no attributes): markdownToOlx(markdown) for markdown templates */
  olx: string;
}

const MULTIPLE_CHOICE = `You can use this template as a guide to the simple editor markdown and OLX markup to use for multiple choice problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

( ) an incorrect answer
(x) the correct answer
( ) an incorrect answer
`;

const MULTIPLE_CHOICE_HINTS = `You can use this template as a guide to the simple editor markdown and OLX markup to use for multiple choice with hints and feedback problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

( ) an incorrect answer {{You can specify optional feedback like this, which appears after this answer is submitted.}}
(x) the correct answer
( ) an incorrect answer {{You can specify optional feedback for none, a subset, or all of the answers.}}

||You can add an optional hint like this. Problems that have a hint include a hint button, and this text appears the first time learners select the button.||
||If you add more than one hint, a different hint appears each time learners select the hint button.||
`;

const CHECKBOXES = `You can use this template as a guide to the simple editor markdown and OLX markup to use for checkboxes problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

[x] a correct answer
[ ] an incorrect answer
[ ] an incorrect answer
[x] a correct answer
`;

const CHECKBOXES_HINTS = `You can use this template as a guide to the simple editor markdown and OLX markup to use for checkboxes with hints and feedback problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

[x] a correct answer {{ selected: You can specify optional feedback that appears after the learner selects and submits this answer. }, { unselected: You can specify optional feedback that appears after the learner clears and submits this answer.}}
[ ] an incorrect answer
[ ] an incorrect answer {{ selected: You can specify optional feedback for none, all, or a subset of the answers. }, { unselected: You can specify optional feedback for selected answers, cleared answers, or both.}}
[x] a correct answer


{{ ((A B D)) You can specify optional feedback for a combination of answers which appears after the specified set of answers is submitted. }}
{{ ((A B C D)) You can specify optional feedback for one, several, or all answer combinations. }}

||You can add an optional hint like this. Problems that have a hint include a hint button, and this text appears the first time learners select the button.||
||If you add more than one hint, a different hint appears each time learners select the hint button.||
`;

const DROPDOWN = `You can use this template as a guide to the simple editor markdown and OLX markup to use for dropdown problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

[[
  an incorrect answer
  (the correct answer)
  an incorrect answer
]]
`;

const DROPDOWN_HINTS = `You can use this template as a guide to the simple editor markdown and OLX markup to use for dropdown with hints and feedback problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

[[
  an incorrect answer {{You can specify optional feedback like this, which appears after this answer is submitted.}}
  (the correct answer)
  an incorrect answer {{You can specify optional feedback for none, a subset, or all of the answers.}}
]]

||You can add an optional hint like this. Problems that have a hint include a hint button, and this text appears the first time learners select the button.||
||If you add more than one hint, a different hint appears each time learners select the hint button.||
`;

const NUMERICAL = `You can use this template as a guide to the simple editor markdown and OLX markup to use for numerical input problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

= 100 +- 5

[explanation]
You can form a voltage divider that evenly divides the input voltage with two identically valued resistors, with the sampled voltage taken in between the two.
[explanation]
`;

const NUMERICAL_HINTS = `You can use this template as a guide to the simple editor markdown and OLX markup to use for numerical input with hints and feedback problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this. <<

= 100 +-5 {{You can specify optional feedback like this, which appears after this answer is submitted.}}

||You can add an optional hint like this. Problems that have a hint include a hint button, and this text appears the first time learners select the button.||
||If you add more than one hint, a different hint appears each time learners select the hint button.||
`;

const NUMERICAL_RANGE = `Numerical input with a range: any number from 5 up to (but not including) 7 is correct.

>>Enter a number from 5 up to 7.<<

= [5, 7)
`;

const TEXT_INPUT = `You can use this template as a guide to the simple editor markdown and OLX markup to use for text input problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

= the correct answer
or= optional acceptable variant of the correct answer
`;

const TEXT_INPUT_HINTS = `You can use this template as a guide to the simple editor markdown and OLX markup to use for text input with hints and feedback problems. Edit this component to replace this template with your own assessment.

>>Add the question text, or prompt, here. This text is required.||You can add an optional tip or note related to the prompt like this.<<

= the correct answer {{You can specify optional feedback like this, which appears after this answer is submitted.}}
or= optional acceptable variant of the correct answer
not= optional incorrect answer such as a frequent misconception {{You can specify optional feedback for none, a subset, or all of the answers.}}

||You can add an optional hint like this. Problems that have a hint include a hint button, and this text appears the first time learners select the button.||
||If you add more than one hint, a different hint appears each time learners select the hint button.||
`;

const TEXT_REGEXP = `A text input graded by a regular expression (a "|" right after "=" makes the answer a pattern, matched case-insensitively against the whole answer).

>>Who led the civil rights movement in the United States of America?<<

=| (dr\\.? )?martin luther king( jr\\.?)?
`;

const FORMULA_OLX = `<problem>
  <formularesponse type="ci" samples="R_1,R_2,R_3@1,2,3:3,4,5#10" answer="R_1*R_2/R_3">
    <p>You can use this template as a guide to the OLX markup to use for math expression problems. Edit this component to replace the example with your own assessment.</p>
    <label>Add the question text, or prompt, here. This text is required. Example: Write an expression for the product of R_1, R_2, and the inverse of R_3.</label>
    <description>You can add an optional tip or note related to the prompt like this. Example: To test this example, the correct answer is R_1*R_2/R_3</description>
    <responseparam type="tolerance" default="0.00001"/>
    <formulaequationinput size="40"/>
  </formularesponse>
</problem>`;

const TRUE_FALSE_OLX = `<problem>
  <truefalseresponse>
    <label>Select every statement that is true.</label>
    <choicegroup type="TrueFalse">
      <choice correct="true">Water boils at 100 °C at sea level.</choice>
      <choice correct="false">The Moon is larger than the Earth.</choice>
      <choice correct="true">A triangle has three sides.</choice>
    </choicegroup>
  </truefalseresponse>
</problem>`;

const CHECKBOXES_PARTIAL_OLX = `<problem>
  <choiceresponse partial_credit="EDC">
    <label>Checkboxes with partial credit (every decision counts): which of these are prime numbers?</label>
    <checkboxgroup>
      <choice correct="true">2</choice>
      <choice correct="true">3</choice>
      <choice correct="false">4</choice>
      <choice correct="true">5</choice>
    </checkboxgroup>
  </choiceresponse>
</problem>`;

const MULTIPLE_CHOICE_PARTIAL_OLX = `<problem>
  <multiplechoiceresponse partial_credit="points">
    <label>Multiple choice with partial credit: which planet is closest to the Sun?</label>
    <choicegroup type="MultipleChoice">
      <choice correct="true">Mercury</choice>
      <choice correct="partial" point_value="0.5">Venus</choice>
      <choice correct="false">Jupiter</choice>
    </choicegroup>
  </multiplechoiceresponse>
</problem>`;

function fromMarkdown(t: Omit<ProblemTemplate, "olx"> & { markdown: string }): ProblemTemplate {
  return { ...t, olx: markdownToOlx(t.markdown) };
}

export const PROBLEM_TEMPLATES: readonly ProblemTemplate[] = [
  fromMarkdown({ id: "multiple-choice", name: "Multiple Choice", description: "Learners select one answer from a list.", responseType: "multiplechoiceresponse", markdown: MULTIPLE_CHOICE }),
  fromMarkdown({
    id: "multiple-choice-hints",
    name: "Multiple Choice with Hints and Feedback",
    description: "One answer from a list, with feedback per answer and hints on demand.",
    responseType: "multiplechoiceresponse",
    markdown: MULTIPLE_CHOICE_HINTS,
  }),
  { id: "multiple-choice-partial", name: "Multiple Choice with Partial Credit", description: "One answer from a list; some wrong answers earn part of the points.", responseType: "multiplechoiceresponse", markdown: null, olx: MULTIPLE_CHOICE_PARTIAL_OLX },
  fromMarkdown({ id: "checkboxes", name: "Checkboxes", description: "Learners select every correct answer from a list.", responseType: "choiceresponse", markdown: CHECKBOXES }),
  fromMarkdown({
    id: "checkboxes-hints",
    name: "Checkboxes with Hints and Feedback",
    description: "Every correct answer from a list, with feedback for selected and cleared answers and for combinations.",
    responseType: "choiceresponse",
    markdown: CHECKBOXES_HINTS,
  }),
  { id: "checkboxes-partial", name: "Checkboxes with Partial Credit", description: "Every correct answer from a list; each right decision earns part of the points.", responseType: "choiceresponse", markdown: null, olx: CHECKBOXES_PARTIAL_OLX },
  fromMarkdown({ id: "dropdown", name: "Dropdown", description: "Learners pick one answer from a dropdown list.", responseType: "optionresponse", markdown: DROPDOWN }),
  fromMarkdown({ id: "dropdown-hints", name: "Dropdown with Hints and Feedback", description: "One answer from a dropdown list, with feedback per answer and hints.", responseType: "optionresponse", markdown: DROPDOWN_HINTS }),
  fromMarkdown({ id: "numerical", name: "Numerical Input", description: "Learners enter a number, graded within a tolerance.", responseType: "numericalresponse", markdown: NUMERICAL }),
  fromMarkdown({ id: "numerical-hints", name: "Numerical Input with Hints and Feedback", description: "A number within a tolerance, with feedback and hints.", responseType: "numericalresponse", markdown: NUMERICAL_HINTS }),
  fromMarkdown({ id: "numerical-range", name: "Numerical Input with a Range", description: "Any number inside a range is correct.", responseType: "numericalresponse", markdown: NUMERICAL_RANGE }),
  fromMarkdown({ id: "text-input", name: "Text Input", description: "Learners type a short answer, compared ignoring case.", responseType: "stringresponse", markdown: TEXT_INPUT }),
  fromMarkdown({ id: "text-input-hints", name: "Text Input with Hints and Feedback", description: "A short typed answer with feedback for right and common wrong answers, and hints.", responseType: "stringresponse", markdown: TEXT_INPUT_HINTS }),
  fromMarkdown({ id: "text-input-regexp", name: "Text Input with a Regular Expression", description: "A short typed answer matched against a pattern.", responseType: "stringresponse", markdown: TEXT_REGEXP }),
  { id: "math-expression", name: "Math Expression Input", description: "Learners enter a formula, checked by evaluating it at sample values.", responseType: "formularesponse", markdown: null, olx: FORMULA_OLX },
  { id: "true-false", name: "True/False (legacy)", description: "Open edX's older true/false response: learners select every true statement.", responseType: "truefalseresponse", markdown: null, olx: TRUE_FALSE_OLX },
];

export function getProblemTemplate(id: string): ProblemTemplate | null {
  return PROBLEM_TEMPLATES.find((t) => t.id === id) ?? null;
}

function escapeAttr(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/**
 * The element a new Problem component is created from (addComponentAction's `olx`): the
 * template's OLX with its display name and, for markdown templates, its `markdown` attribute
 * (as Open edX's OLX keeps it), so the new problem opens in the simple editor.
 */
export function templateElement(t: ProblemTemplate): string {
  const attrs = ` display_name="${escapeAttr(t.name)}"${t.markdown !== null ? ` markdown="${escapeAttr(t.markdown)}"` : ""}`;
  return t.olx.replace(/^<problem/, `<problem${attrs}`);
}
