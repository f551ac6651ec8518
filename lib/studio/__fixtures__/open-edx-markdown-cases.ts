// Open edX's own markdown → OLX examples, from edx-platform's Jasmine specs of markdownToXml
// (xmodule/js/spec/problem/edit_spec.js and common/lib/xmodule/xmodule/js/spec/problem/
// edit_spec_hint.js). Inputs and expected outputs are as written there; Open edX compares them
// ignoring whitespace.
export interface MarkdownCase {
  name: string;
  markdown: string;
  olx: string;
}

const EXPLANATION_TEST = `[Explanation]
Test Explanation.
[Explanation]`;
const SOLUTION_TEST = `<solution><div class="detailed-solution"><p>Explanation</p><p>Test Explanation.</p></div></solution>`;

const FRUIT_CHECKBOXES = `>>Select all the fruits from the list<<

[x] Apple     \t \t {{ selected: You're right that apple is a fruit. }, {unselected: Remember that apple is also a fruit.}}
[ ] Mushroom\t   \t {{U: You're right that mushrooms aren't fruit}, { selected: Mushroom is a fungus, not a fruit.}}
[x] Grape\t\t     {{ selected: You're right that grape is a fruit }, {unselected: Remember that grape is also a fruit.}}
[ ] Mustang
[ ] Camero            {{S:I don't know what a Camero is but it isn't a fruit.},{U:What is a camero anyway?}}


{{ ((A*B)) You're right that apple is a fruit, but there's one you're missing. Also, mushroom is not a fruit.}}
{{ ((B*C)) You're right that grape is a fruit, but there's one you're missing. Also, mushroom is not a fruit.    }}


>>Select all the vegetables from the list<<

[ ] Banana     \t \t {{ selected: No, sorry, a banana is a fruit. }, {unselected: poor banana.}}
[ ] Ice Cream
[ ] Mushroom\t   \t {{U: You're right that mushrooms aren't vegetables.}, { selected: Mushroom is a fungus, not a vegetable.}}
[x] Brussel Sprout\t {{S: Brussel sprouts are vegetables.}, {u: Brussel sprout is the only vegetable in this list.}}


{{ ((A*B)) Making a banana split? }}
{{ ((B*D)) That will make a horrible dessert: a brussel sprout split? }}`;

const FRUIT_CHECKBOXES_OLX = `
<label>Select all the fruits from the list</label>
<choiceresponse>
  <checkboxgroup>
    <choice correct="true">Apple
      <choicehint selected="true">You're right that apple is a fruit.</choicehint>
      <choicehint selected="false">Remember that apple is also a fruit.</choicehint>
    </choice>
    <choice correct="false">Mushroom
      <choicehint selected="true">Mushroom is a fungus, not a fruit.</choicehint>
      <choicehint selected="false">You're right that mushrooms aren't fruit</choicehint>
    </choice>
    <choice correct="true">Grape
      <choicehint selected="true">You're right that grape is a fruit</choicehint>
      <choicehint selected="false">Remember that grape is also a fruit.</choicehint>
    </choice>
    <choice correct="false">Mustang</choice>
    <choice correct="false">Camero
      <choicehint selected="true">I don't know what a Camero is but it isn't a fruit.</choicehint>
      <choicehint selected="false">What is a camero anyway?</choicehint>
    </choice>
    <compoundhint value="A*B">You're right that apple is a fruit, but there's one you're missing. Also, mushroom is not a fruit.</compoundhint>
    <compoundhint value="B*C">You're right that grape is a fruit, but there's one you're missing. Also, mushroom is not a fruit.</compoundhint>
  </checkboxgroup>
</choiceresponse>
<label>Select all the vegetables from the list</label>
<choiceresponse>
  <checkboxgroup>
    <choice correct="false">Banana
      <choicehint selected="true">No, sorry, a banana is a fruit.</choicehint>
      <choicehint selected="false">poor banana.</choicehint>
    </choice>
    <choice correct="false">Ice Cream</choice>
    <choice correct="false">Mushroom
      <choicehint selected="true">Mushroom is a fungus, not a vegetable.</choicehint>
      <choicehint selected="false">You're right that mushrooms aren't vegetables.</choicehint>
    </choice>
    <choice correct="true">Brussel Sprout
      <choicehint selected="true">Brussel sprouts are vegetables.</choicehint>
      <choicehint selected="false">Brussel sprout is the only vegetable in this list.</choicehint>
    </choice>
    <compoundhint value="A*B">Making a banana split?</compoundhint>
    <compoundhint value="B*D">That will make a horrible dessert: a brussel sprout split?</compoundhint>
  </checkboxgroup>
</choiceresponse>`;

const POPULATION_MC = `>>Which of the following countries has the largest population?<<
( ) Brazil {{ timely feedback -- explain why an almost correct answer is wrong }}
( ) Germany
(x) Indonesia
( ) Russia

[explanation]
According to September 2014 estimates:
The population of Indonesia is approximately 250 million.
The population of Brazil  is approximately 200 million.
The population of Russia is approximately 146 million.
The population of Germany is approximately 81 million.
[explanation]`;

const POPULATION_MC_OLX_BODY = `
<label>Which of the following countries has the largest population?</label>
<choicegroup type="MultipleChoice">
  <choice correct="false">Brazil <choicehint>timely feedback -- explain why an almost correct answer is wrong</choicehint></choice>
  <choice correct="false">Germany</choice>
  <choice correct="true">Indonesia</choice>
  <choice correct="false">Russia</choice>
</choicegroup>
<solution>
  <div class="detailed-solution">
    <p>Explanation</p>
    <p>According to September 2014 estimates:</p>
    <p>The population of Indonesia is approximately 250 million.</p>
    <p>The population of Brazil  is approximately 200 million.</p>
    <p>The population of Russia is approximately 146 million.</p>
    <p>The population of Germany is approximately 81 million.</p>
  </div>
</solution>`;

export const OPEN_EDX_CASES: MarkdownCase[] = [
  { name: "raw text becomes a paragraph", markdown: "foo", olx: "<problem><p>foo</p></problem>" },
  {
    name: "numerical responses: tolerance, percent, exact, ranges, and text that is not a number",
    markdown: `A numerical response problem accepts a line of text input from the student, and evaluates the input for correctness based on its numerical value.

The answer is correct if it is within a specified numerical tolerance of the expected answer.

Enter the numerical value of Pi:
= 3.14159 +- .02

Enter the approximate value of 502*9:
= 502*9 +- 15%

Enter the number of fingers on a human hand:
= 5

Range tolerance case
= [6, 7]
= (1, 2)

If first and last symbols are not brackets, or they are not closed, stringresponse will appear.
= (7), 7
= (1+2

Just input 100 test. Stringresponse will appear:
= 100 test

[Explanation]
Pi, or the the ratio between a circle's circumference to its diameter, is an irrational number known to extreme precision. It is value is approximately equal to 3.14.

Although you can get an exact value by typing 502*9 into a calculator, the result will be close to 500*10, or 5,000. The grader accepts any response within 15% of the true value, 4518, so that you can use any estimation technique that you like.

If you look at your hand, you can count that you have five fingers.
[Explanation]`,
    olx: `<problem>
  <p>A numerical response problem accepts a line of text input from the student, and evaluates the input for correctness based on its numerical value.</p>
  <p>The answer is correct if it is within a specified numerical tolerance of the expected answer.</p>
  <p>Enter the numerical value of Pi:</p>
  <numericalresponse answer="3.14159"><responseparam type="tolerance" default=".02" /><formulaequationinput /></numericalresponse>
  <p>Enter the approximate value of 502*9:</p>
  <numericalresponse answer="502*9"><responseparam type="tolerance" default="15%" /><formulaequationinput /></numericalresponse>
  <p>Enter the number of fingers on a human hand:</p>
  <numericalresponse answer="5"><formulaequationinput /></numericalresponse>
  <p>Range tolerance case</p>
  <numericalresponse answer="[6, 7]"><formulaequationinput /></numericalresponse>
  <numericalresponse answer="(1, 2)"><formulaequationinput /></numericalresponse>
  <p>If first and last symbols are not brackets, or they are not closed, stringresponse will appear.</p>
  <stringresponse answer="(7), 7" type="ci" ><textline size="20"/></stringresponse>
  <stringresponse answer="(1+2" type="ci" ><textline size="20"/></stringresponse>
  <p>Just input 100 test. Stringresponse will appear:</p>
  <stringresponse answer="100 test" type="ci" ><textline size="20"/></stringresponse>
  <solution>
    <div class="detailed-solution">
      <p>Explanation</p>
      <p>Pi, or the the ratio between a circle's circumference to its diameter, is an irrational number known to extreme precision. It is value is approximately equal to 3.14.</p>
      <p>Although you can get an exact value by typing 502*9 into a calculator, the result will be close to 500*10, or 5,000. The grader accepts any response within 15% of the true value, 4518, so that you can use any estimation technique that you like.</p>
      <p>If you look at your hand, you can count that you have five fingers.</p>
    </div>
  </solution>
</problem>`,
  },
  {
    name: "0 is a numerical answer",
    markdown: "Enter 0 with a tolerance:\n= 0 +- .02",
    olx: `<problem><numericalresponse answer="0"><p>Enter 0 with a tolerance:</p><responseparam type="tolerance" default=".02"/><formulaequationinput/></numericalresponse></problem>`,
  },
  {
    name: "numerical with an additional answer",
    markdown: "Enter 1 with a tolerance:\n= 1 +- .02\nor= 2",
    olx: `<problem><numericalresponse answer="1"><p>Enter 1 with a tolerance:</p><responseparam type="tolerance" default=".02"/><additional_answer answer="2"/><formulaequationinput/></numericalresponse></problem>`,
  },
  {
    name: "numerical with several additional answers",
    markdown: "Enter 1 with a tolerance:\n= 1 +- .02\nor= 2\nor= 3",
    olx: `<problem><numericalresponse answer="1"><p>Enter 1 with a tolerance:</p><responseparam type="tolerance" default=".02"/><additional_answer answer="2"/><additional_answer answer="3"/><formulaequationinput/></numericalresponse></problem>`,
  },
  {
    name: "numerical drops ranged, toleranced and alphabetical additional answers",
    markdown: "Enter 1 with a tolerance:\n= 1 +- .02\nor= 2\nor= 3 +- 0.1\nor= [4,6]\nor= ABC\nor= 7",
    olx: `<problem><numericalresponse answer="1"><p>Enter 1 with a tolerance:</p><responseparam type="tolerance" default=".02"/><additional_answer answer="2"/><additional_answer answer="7"/><formulaequationinput/></numericalresponse></problem>`,
  },
  {
    name: "numerical feedback on the answer and on an additional answer",
    markdown: "Enter 1 with a tolerance:\n= 100 +- .02 {{ main feedback }}\nor= 10 {{ additional feedback }}",
    olx: `<problem><numericalresponse answer="100"><p>Enter 1 with a tolerance:</p><responseparam type="tolerance" default=".02"/><additional_answer answer="10"><correcthint>additional feedback</correcthint></additional_answer><formulaequationinput/><correcthint>main feedback</correcthint></numericalresponse></problem>`,
  },
  {
    name: "multiple choice with label and explanation",
    markdown: `A multiple choice problem presents radio buttons for student input. Students can only select a single option presented. Multiple Choice questions have been the subject of many areas of research due to the early invention and adoption of bubble sheets.

One of the main elements that goes into a good multiple choice question is the existence of good distractors. That is, each of the alternate responses presented to the student should be the result of a plausible mistake that a student might make.

>>What Apple device competed with the portable CD player?<<
( ) The iPad
( ) Napster
(x) The iPod
( ) The vegetable peeler
( ) Android
( ) The Beatles

[Explanation]
The release of the iPod allowed consumers to carry their entire music library with them in a format that did not rely on fragile and energy-intensive spinning disks.
[Explanation]`,
    olx: `<problem>
  <multiplechoiceresponse>
    <p>A multiple choice problem presents radio buttons for student input. Students can only select a single option presented. Multiple Choice questions have been the subject of many areas of research due to the early invention and adoption of bubble sheets.</p>
    <p>One of the main elements that goes into a good multiple choice question is the existence of good distractors. That is, each of the alternate responses presented to the student should be the result of a plausible mistake that a student might make.</p>
    <label>What Apple device competed with the portable CD player?</label>
    <choicegroup type="MultipleChoice">
      <choice correct="false">The iPad</choice>
      <choice correct="false">Napster</choice>
      <choice correct="true">The iPod</choice>
      <choice correct="false">The vegetable peeler</choice>
      <choice correct="false">Android</choice>
      <choice correct="false">The Beatles</choice>
    </choicegroup>
    <solution><div class="detailed-solution"><p>Explanation</p><p>The release of the iPod allowed consumers to carry their entire music library with them in a format that did not rely on fragile and energy-intensive spinning disks.</p></div></solution>
  </multiplechoiceresponse>
</problem>`,
  },
  {
    name: "multiple choice shuffle (!) and fixed (@)",
    markdown: `What Apple device competed with the portable CD player?
(!x@) The iPad
(@) Napster
() The iPod
( ) The vegetable peeler
( ) Android
(@) The Beatles

[Explanation]
The release of the iPod.
[Explanation]`,
    olx: `<problem>
  <multiplechoiceresponse>
    <p>What Apple device competed with the portable CD player?</p>
    <choicegroup type="MultipleChoice" shuffle="true">
      <choice correct="true" fixed="true">The iPad</choice>
      <choice correct="false" fixed="true">Napster</choice>
      <choice correct="false">The iPod</choice>
      <choice correct="false">The vegetable peeler</choice>
      <choice correct="false">Android</choice>
      <choice correct="false" fixed="true">The Beatles</choice>
    </choicegroup>
    <solution><div class="detailed-solution"><p>Explanation</p><p>The release of the iPod.</p></div></solution>
  </multiplechoiceresponse>
</problem>`,
  },
  {
    name: "a series of multiple choice questions",
    markdown: `bleh
(!x) a
() b
() c
yatta
( ) x
( ) y
(x) z
testa
(!) i
( ) ii
(x) iii
[Explanation]
When the student is ready, the explanation appears.
[Explanation]`,
    olx: `<problem>
  <p>bleh</p>
  <multiplechoiceresponse><choicegroup type="MultipleChoice" shuffle="true"><choice correct="true">a</choice><choice correct="false">b</choice><choice correct="false">c</choice></choicegroup></multiplechoiceresponse>
  <p>yatta</p>
  <multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="false">x</choice><choice correct="false">y</choice><choice correct="true">z</choice></choicegroup></multiplechoiceresponse>
  <p>testa</p>
  <multiplechoiceresponse><choicegroup type="MultipleChoice" shuffle="true"><choice correct="false">i</choice><choice correct="false">ii</choice><choice correct="true">iii</choice></choicegroup></multiplechoiceresponse>
  <solution><div class="detailed-solution"><p>Explanation</p><p>When the student is ready, the explanation appears.</p></div></solution>
</problem>`,
  },
  {
    name: "one-line dropdown (optionresponse)",
    markdown: `OptionResponse gives a limited set of options for students to respond with.

The answer options and the identification of the correct answer is defined in the <b>optioninput</b> tag.

Translation between Option Response and __________ is extremely straightforward:
[[(Multiple Choice), String Response, Numerical Response, External Response, Image Response]]

[Explanation]
Multiple Choice also allows students to select from a variety of pre-written responses.
[Explanation]`,
    olx: `<problem>
  <optionresponse>
    <p>OptionResponse gives a limited set of options for students to respond with.</p>
    <p>The answer options and the identification of the correct answer is defined in the <b>optioninput</b> tag.</p>
    <p>Translation between Option Response and __________ is extremely straightforward:</p>
    <optioninput options="('Multiple Choice','String Response','Numerical Response','External Response','Image Response')" correct="Multiple Choice"/>
    <solution><div class="detailed-solution"><p>Explanation</p><p>Multiple Choice also allows students to select from a variety of pre-written responses.</p></div></solution>
  </optionresponse>
</problem>`,
  },
  {
    name: "text input (stringresponse, case-insensitive)",
    markdown: `A string response problem accepts a line of text input from the student.

Which US state has Lansing as its capital?
= Michigan

[Explanation]
Lansing is the capital of Michigan.
[Explanation]`,
    olx: `<problem>
  <stringresponse answer="Michigan" type="ci">
    <p>A string response problem accepts a line of text input from the student.</p>
    <p>Which US state has Lansing as its capital?</p>
    <textline size="20"/>
    <solution><div class="detailed-solution"><p>Explanation</p><p>Lansing is the capital of Michigan.</p></div></solution>
  </stringresponse>
</problem>`,
  },
  {
    name: "text input with a regular expression (= |)",
    markdown: `Who lead the civil right movement in the United States of America?
= | w*.?s*Luther Kings*.*

${EXPLANATION_TEST}`,
    olx: `<problem><stringresponse answer="w*.?s*Luther Kings*.*" type="ci regexp"><p>Who lead the civil right movement in the United States of America?</p><textline size="20"/>${SOLUTION_TEST}</stringresponse></problem>`,
  },
  {
    name: "text input with several answers (or=)",
    markdown: `Who lead the civil right movement in the United States of America?
= Dr. Martin Luther King Jr.
or= Doctor Martin Luther King Junior
or= Martin Luther King
or= Martin Luther King Junior

${EXPLANATION_TEST}`,
    olx: `<problem><stringresponse answer="Dr. Martin Luther King Jr." type="ci"><p>Who lead the civil right movement in the United States of America?</p><additional_answer answer="Doctor Martin Luther King Junior"/><additional_answer answer="Martin Luther King"/><additional_answer answer="Martin Luther King Junior"/><textline size="20"/>${SOLUTION_TEST}</stringresponse></problem>`,
  },
  {
    name: "regexp text input with several answers",
    markdown: `Write a number from 1 to 4.
=| ^One$
or= two
or= ^thre+
or= ^4|Four$

${EXPLANATION_TEST}`,
    olx: `<problem><stringresponse answer="^One$" type="ci regexp"><p>Write a number from 1 to 4.</p><additional_answer answer="two"/><additional_answer answer="^thre+"/><additional_answer answer="^4|Four$"/><textline size="20"/>${SOLUTION_TEST}</stringresponse></problem>`,
  },
  {
    name: ">>label<< on a text input",
    markdown: `>>Who lead the civil right movement in the United States of America?<<
= | w*.?s*Luther Kings*.*

${EXPLANATION_TEST}`,
    olx: `<problem><stringresponse answer="w*.?s*Luther Kings*.*" type="ci regexp"><label>Who lead the civil right movement in the United States of America?</label><textline size="20"/>${SOLUTION_TEST}</stringresponse></problem>`,
  },
  {
    name: "several questions with labels stay side by side",
    markdown: `France is a country in Europe.

>>What is the capital of France?<<
= Paris

Germany is a country in Europe, too.

>>What is the capital of Germany?<<
( ) Bonn
( ) Hamburg
(x) Berlin
( ) Donut`,
    olx: `<problem>
  <p>France is a country in Europe.</p>
  <label>What is the capital of France?</label>
  <stringresponse answer="Paris" type="ci" ><textline size="20"/></stringresponse>
  <p>Germany is a country in Europe, too.</p>
  <label>What is the capital of Germany?</label>
  <multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="false">Bonn</choice><choice correct="false">Hamburg</choice><choice correct="true">Berlin</choice><choice correct="false">Donut</choice></choicegroup></multiplechoiceresponse>
</problem>`,
  },
  {
    name: "label on a numerical input",
    markdown: ">>Enter the numerical value of Pi:<<\n= 3.14159 +- .02",
    olx: `<problem><numericalresponse answer="3.14159"><label>Enter the numerical value of Pi:</label><responseparam type="tolerance" default=".02"/><formulaequationinput/></numericalresponse></problem>`,
  },
  {
    name: "headers and oddities",
    markdown: `Not a header
A header
==============

Multiple choice w/ parentheticals
( ) option (with parens)
( ) xd option (x)
()) parentheses inside
() no space b4 close paren

Choice checks
[ ] option1 [x]
[x] correct
[x] redundant
[(] distractor
[] no space

Option with multiple correct ones
[[one option, (correct one), (should not be correct)]]

Option with embedded parens
[[My (heart), another, (correct)]]

What happens w/ empty correct options?
[[()]]

[Explanation]see[/expLanation]

[explanation]
orphaned start

No p tags in the below
<script type='javascript'>
   var two = 2;

   console.log(two * 2);
</script>

But in this there should be
<div>
Great ideas require offsetting.

bad tests require drivel
</div>

[code]
Code should be nicely monospaced.
[/code]`,
    olx: `<problem>
  <p>Not a header</p>
  <h3 class="hd hd-2 problem-header">A header</h3>
  <p>Multiple choice w/ parentheticals</p>
  <multiplechoiceresponse><choicegroup type="MultipleChoice"><choice correct="false">option (with parens)</choice><choice correct="false">xd option (x)</choice><choice correct="false">parentheses inside</choice><choice correct="false">no space b4 close paren</choice></choicegroup></multiplechoiceresponse>
  <p>Choice checks</p>
  <choiceresponse><checkboxgroup><choice correct="false">option1 [x]</choice><choice correct="true">correct</choice><choice correct="true">redundant</choice><choice correct="false">distractor</choice><choice correct="false">no space</choice></checkboxgroup></choiceresponse>
  <p>Option with multiple correct ones</p>
  <optionresponse><optioninput options="('one option','correct one','should not be correct')" correct="correct one"></optioninput></optionresponse>
  <p>Option with embedded parens</p>
  <optionresponse><optioninput options="('My (heart)','another','correct')" correct="correct"></optioninput></optionresponse>
  <p>What happens w/ empty correct options?</p>
  <optionresponse><optioninput options="('')" correct=""></optioninput></optionresponse>
  <solution><div class="detailed-solution"><p>Explanation</p><p>see</p></div></solution>
  <p>[explanation]</p>
  <p>orphaned start</p>
  <p>No p tags in the below</p>
  <script type='javascript'>
   var two = 2;

   console.log(two * 2);
</script>
  <p>But in this there should be</p>
  <div><p>Great ideas require offsetting.</p><p>bad tests require drivel</p></div>
  <pre><code>Code should be nicely monospaced.
</code></pre>
</problem>`,
  },
  {
    name: "--- separates questions",
    markdown: `Multiple choice problems allow learners to select only one option.

${POPULATION_MC}

---

Checkbox problems allow learners to select multiple options.

>>The following languages are in the Indo-European family:<<
[x] Urdu
[ ] Finnish
[x] Marathi
[x] French
[ ] Hungarian

Note: Make sure you select all of the correct options—there may be more than one!

[explanation]
Urdu, Marathi, and French are all Indo-European languages, while Finnish and Hungarian are in the Uralic family.
[explanation]
`,
    olx: `<problem>
  <multiplechoiceresponse>
    <p>Multiple choice problems allow learners to select only one option.</p>
    ${POPULATION_MC_OLX_BODY}
  </multiplechoiceresponse>
  <choiceresponse>
    <p>Checkbox problems allow learners to select multiple options.</p>
    <label>The following languages are in the Indo-European family:</label>
    <checkboxgroup><choice correct="true">Urdu</choice><choice correct="false">Finnish</choice><choice correct="true">Marathi</choice><choice correct="true">French</choice><choice correct="false">Hungarian</choice></checkboxgroup>
    <p>Note: Make sure you select all of the correct options—there may be more than one!</p>
    <solution><div class="detailed-solution"><p>Explanation</p><p>Urdu, Marathi, and French are all Indo-European languages, while Finnish and Hungarian are in the Uralic family.</p></div></solution>
  </choiceresponse>
</problem>`,
  },
  {
    name: "--- separates other things",
    markdown: `Multiple choice problems allow learners to select only one option.

---

${POPULATION_MC}`,
    olx: `<problem>
  <p>Multiple choice problems allow learners to select only one option.</p>
  <multiplechoiceresponse>${POPULATION_MC_OLX_BODY}</multiplechoiceresponse>
</problem>`,
  },
  {
    name: "spaces around --- and question descriptions (||)",
    markdown: `>>The following languages are in the Indo-European family:||There are three correct choices.<<
[x] Urdu
[ ] Finnish
[x] Marathi
[x] French
[ ] Hungarian

        ---

>>Which of the following countries has the largest population?||You have only choice.<<
( ) Brazil {{ timely feedback -- explain why an almost correct answer is wrong }}
( ) Germany
(x) Indonesia
( ) Russia`,
    olx: `<problem>
  <choiceresponse>
    <label>The following languages are in the Indo-European family:</label>
    <description>There are three correct choices.</description>
    <checkboxgroup><choice correct="true">Urdu</choice><choice correct="false">Finnish</choice><choice correct="true">Marathi</choice><choice correct="true">French</choice><choice correct="false">Hungarian</choice></checkboxgroup>
  </choiceresponse>
  <multiplechoiceresponse>
    <label>Which of the following countries has the largest population?</label>
    <description>You have only choice.</description>
    <choicegroup type="MultipleChoice">
      <choice correct="false">Brazil <choicehint>timely feedback -- explain why an almost correct answer is wrong</choicehint></choice>
      <choice correct="false">Germany</choice><choice correct="true">Indonesia</choice><choice correct="false">Russia</choice>
    </choicegroup>
  </multiplechoiceresponse>
</problem>`,
  },
  {
    name: "question and description spanning several lines",
    markdown: `>>The following languages
are in the
Indo-European family:
||
first second
third
<<
[x] Urdu
[ ] Finnish
[x] Marathi`,
    olx: `<problem><choiceresponse><label>The following languages are in the Indo-European family:</label><description>first second third</description><checkboxgroup><choice correct="true">Urdu</choice><choice correct="false">Finnish</choice><choice correct="true">Marathi</choice></checkboxgroup></choiceresponse></problem>`,
  },
  {
    name: "no empty description",
    markdown: ">>The following languages are in the Indo-European family:||<<\n[x] Urdu\n[ ] Finnish",
    olx: `<problem><choiceresponse><label>The following languages are in the Indo-European family:</label><checkboxgroup><choice correct="true">Urdu</choice><choice correct="false">Finnish</choice></checkboxgroup></choiceresponse></problem>`,
  },
  // ---- edit_spec_hint.js
  {
    name: "multi-line dropdowns with option hints and labels",
    markdown: `Translation between Dropdown and ________ is straightforward.

[[
   (Multiple Choice) \t {{ Good Job::Yes, multiple choice is the right answer. }}
   Text Input\t                  {{ No, text input problems don't present options. }}
   Numerical Input\t {{ No, numerical input problems don't present options. }}
]]



Clowns have funny _________ to make people laugh.

[[
  dogs\t\t{{ NOPE::Not dogs, not cats, not toads }}
  (FACES)\t{{ With lots of makeup, doncha know?}}

  money       {{ Clowns don't have any money, of course }}
  donkeys     {{don't be an ass.}}
  -no hint-
]]
`,
    olx: `<problem>
  <p>Translation between Dropdown and ________ is straightforward.</p>
  <optionresponse><optioninput>
    <option correct="True">Multiple Choice <optionhint label="Good Job">Yes, multiple choice is the right answer.</optionhint></option>
    <option correct="False">Text Input <optionhint>No, text input problems don't present options.</optionhint></option>
    <option correct="False">Numerical Input <optionhint>No, numerical input problems don't present options.</optionhint></option>
  </optioninput></optionresponse>
  <p>Clowns have funny _________ to make people laugh.</p>
  <optionresponse><optioninput>
    <option correct="False">dogs <optionhint label="NOPE">Not dogs, not cats, not toads</optionhint></option>
    <option correct="True">FACES <optionhint>With lots of makeup, doncha know?</optionhint></option>
    <option correct="False">money <optionhint>Clowns don't have any money, of course</optionhint></option>
    <option correct="False">donkeys <optionhint>don't be an ass.</optionhint></option>
    <option correct="False">-no hint-</option>
  </optioninput></optionresponse>
</problem>`,
  },
  {
    name: "dropdown with demand hints",
    markdown: `Translation between Dropdown and ________ is straightforward.

[[
   (Right) \t {{ Good Job::yes }}
   Wrong 1\t                  {{no}}
   Wrong 2\t {{ Label::no }}
]]

|| 0) zero ||
|| 1) one ||
|| 2) two ||`,
    olx: `<problem>
<optionresponse>
  <p>Translation between Dropdown and ________ is straightforward.</p>
  <optioninput>
    <option correct="True">Right <optionhint label="Good Job">yes</optionhint></option>
    <option correct="False">Wrong 1 <optionhint>no</optionhint></option>
    <option correct="False">Wrong 2 <optionhint label="Label">no</optionhint></option>
  </optioninput>
</optionresponse>
<demandhint><hint>0) zero</hint><hint>1) one</hint><hint>2) two</hint></demandhint>
</problem>`,
  },
  {
    name: "one-line dropdown with demand hints",
    markdown: "A Question ________ is answered.\n\n[[(Right), Wrong 1, Wrong 2]]\n|| 0) zero ||\n|| 1) one ||",
    olx: `<problem><optionresponse><p>A Question ________ is answered.</p><optioninput options="('Right','Wrong 1','Wrong 2')" correct="Right"/></optionresponse><demandhint><hint>0) zero</hint><hint>1) one</hint></demandhint></problem>`,
  },
  {
    name: "dropdown with fewer newlines",
    markdown: ">>q1<<\n[[ (aa) \t {{ hint1 }}\n   bb\n   cc\t {{ hint2 }} ]]",
    olx: `<problem><optionresponse><label>q1</label><optioninput><option correct="True">aa <optionhint>hint1</optionhint></option><option correct="False">bb</option><option correct="False">cc <optionhint>hint2</optionhint></option></optioninput></optionresponse></problem>`,
  },
  {
    name: "dropdown with lots of whitespace",
    markdown: ">>q1<<\n[[\n\n\n    aa   {{ hint1 }}\n\n        bb   {{ hint2 }}\n (cc)\n\n        ]]",
    olx: `<problem><optionresponse><label>q1</label><optioninput><option correct="False">aa <optionhint>hint1</optionhint></option><option correct="False">bb <optionhint>hint2</optionhint></option><option correct="True">cc</option></optioninput></optionresponse></problem>`,
  },
  {
    name: "checkboxes with selected/unselected hints and compound hints",
    markdown: FRUIT_CHECKBOXES,
    olx: `<problem>${FRUIT_CHECKBOXES_OLX}</problem>`,
  },
  {
    name: "checkboxes with hints and demand hints",
    markdown: `${FRUIT_CHECKBOXES}\n\n|| Hint one.||\n|| Hint two. ||\n|| Hint three. ||`,
    olx: `<problem>${FRUIT_CHECKBOXES_OLX}<demandhint><hint>Hint one.</hint><hint>Hint two.</hint><hint>Hint three.</hint></demandhint></problem>`,
  },
  {
    name: "multiple choice hints with labels, demand hints between questions",
    markdown: `>>Select the fruit from the list<<

() Mushroom\t  \t {{ Mushroom is a fungus, not a fruit.}}
() Potato
(x) Apple     \t {{ OUTSTANDING::Apple is indeed a fruit.}}

|| 0) spaces on previous line. ||
|| 1) roses are red. ||

>>Select the vegetables from the list<<

() Mushroom\t  \t {{ Mushroom is a fungus, not a vegetable.}}
(x) Potato\t     {{ Potato is a root vegetable. }}
() Apple     \t {{ OOPS::Apple is a fruit.}}

|| 2) where are the lions? ||
`,
    olx: `<problem>
  <label>Select the fruit from the list</label>
  <multiplechoiceresponse><choicegroup type="MultipleChoice">
    <choice correct="false">Mushroom <choicehint>Mushroom is a fungus, not a fruit.</choicehint></choice>
    <choice correct="false">Potato</choice>
    <choice correct="true">Apple <choicehint label="OUTSTANDING">Apple is indeed a fruit.</choicehint></choice>
  </choicegroup></multiplechoiceresponse>
  <label>Select the vegetables from the list</label>
  <multiplechoiceresponse><choicegroup type="MultipleChoice">
    <choice correct="false">Mushroom <choicehint>Mushroom is a fungus, not a vegetable.</choicehint></choice>
    <choice correct="true">Potato <choicehint>Potato is a root vegetable.</choicehint></choice>
    <choice correct="false">Apple <choicehint label="OOPS">Apple is a fruit.</choicehint></choice>
  </choicegroup></multiplechoiceresponse>
  <demandhint><hint>0) spaces on previous line.</hint><hint>1) roses are red.</hint><hint>2) where are the lions?</hint></demandhint>
</problem>`,
  },
  {
    name: "text input feedback with a label",
    markdown: ">>In which country would you find the city of Paris?<<\n= France\t\t{{ BRAVO::Viva la France! }}\n",
    olx: `<problem><stringresponse answer="France" type="ci"><label>In which country would you find the city of Paris?</label><correcthint label="BRAVO">Viva la France!</correcthint><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "text input or= with feedback",
    markdown: ">>Where Paris?<<\n= France\t\t{{ BRAVO::hint1}}\nor= USA\t\t\t{{   meh::hint2  }}\n",
    olx: `<problem><stringresponse answer="France" type="ci"><label>Where Paris?</label><correcthint label="BRAVO">hint1</correcthint><additional_answer answer="USA"><correcthint label="meh">hint2</correcthint></additional_answer><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "text input not= (stringequalhint)",
    markdown: ">>Revenge is a dish best served<<\n= cold {{khaaaaaan!}}\nnot= warm {{feedback2}}\n",
    olx: `<problem><stringresponse answer="cold" type="ci"><label>Revenge is a dish best served</label><correcthint>khaaaaaan!</correcthint><stringequalhint answer="warm">feedback2</stringequalhint><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "s= forces a text input",
    markdown: ">>q<<\ns= 2 {{feedback1}}\n",
    olx: `<problem><stringresponse answer="2" type="ci"><label>q</label><correcthint>feedback1</correcthint><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "= with or= and not=",
    markdown: ">>q<<\n= aaa\nor= bbb {{feedback1}}\nnot= no {{feedback2}}\nor= ccc\n",
    olx: `<problem><stringresponse answer="aaa" type="ci"><label>q</label><additional_answer answer="bbb"><correcthint>feedback1</correcthint></additional_answer><stringequalhint answer="no">feedback2</stringequalhint><additional_answer answer="ccc"/><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "s= with or=",
    markdown: ">>q<<\ns= 2 {{feedback1}}\nor= bbb {{feedback2}}\nor= ccc\n",
    olx: `<problem><stringresponse answer="2" type="ci"><label>q</label><correcthint>feedback1</correcthint><additional_answer answer="bbb"><correcthint>feedback2</correcthint></additional_answer><additional_answer answer="ccc"/><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "each = starts a new question",
    markdown: ">>q<<\n= aaa\nor= bbb\ns= ccc",
    olx: `<problem><label>q</label><stringresponse answer="aaa" type="ci"><additional_answer answer="bbb"></additional_answer><textline size="20"/></stringresponse><stringresponse answer="ccc" type="ci"><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "each = starts a new question amid blank lines and paragraphs",
    markdown: "paragraph\n>>q<<\n= aaa\n\nor= bbb\ns= ccc\n\nparagraph 2\n",
    olx: `<problem><p>paragraph</p><label>q</label><stringresponse answer="aaa" type="ci"><additional_answer answer="bbb"></additional_answer><textline size="20"/></stringresponse><stringresponse answer="ccc" type="ci"><textline size="20"/></stringresponse><p>paragraph 2</p></problem>`,
  },
  {
    name: "or= on its own is a paragraph",
    markdown: "paragraph\n>>q<<\nor= aaa\nparagraph 2\n",
    olx: `<problem><p>paragraph</p><label>q</label><p>or= aaa</p><p>paragraph 2</p></problem>`,
  },
  {
    name: "each = with feedback starts a new question",
    markdown: ">>q<<\ns= aaa\nor= bbb {{feedback1}}\n= ccc {{feedback2}}\n",
    olx: `<problem><label>q</label><stringresponse answer="aaa" type="ci"><additional_answer answer="bbb"><correcthint>feedback1</correcthint></additional_answer><textline size="20"/></stringresponse><stringresponse answer="ccc" type="ci"><correcthint>feedback2</correcthint><textline size="20"/></stringresponse></problem>`,
  },
  {
    name: "text input with demand hints",
    markdown: ">>Where Paris?<<\n= France\t\t{{ BRAVO::hint1 }}\n\n|| There are actually two countries with cities named Paris. ||\n|| Paris is the capital of one of those countries. ||\n",
    olx: `<problem><stringresponse answer="France" type="ci"><label>Where Paris?</label><correcthint label="BRAVO">hint1</correcthint><textline size="20"/></stringresponse><demandhint><hint>There are actually two countries with cities named Paris.</hint><hint>Paris is the capital of one of those countries.</hint></demandhint></problem>`,
  },
  {
    name: "numerical inputs with feedback",
    markdown: `>>Enter the numerical value of Pi:<<
= 3.14159 +- .02   {{ Pie for everyone!   }}

>>Enter the approximate value of 502*9:<<
= 4518 +- 15%  {{PIE:: No pie for you!}}

>>Enter the number of fingers on a human hand<<
= 5
`,
    olx: `<problem>
  <label>Enter the numerical value of Pi:</label>
  <numericalresponse answer="3.14159"><responseparam type="tolerance" default=".02"/><formulaequationinput/><correcthint>Pie for everyone!</correcthint></numericalresponse>
  <label>Enter the approximate value of 502*9:</label>
  <numericalresponse answer="4518"><responseparam type="tolerance" default="15%"/><formulaequationinput/><correcthint label="PIE">No pie for you!</correcthint></numericalresponse>
  <label>Enter the number of fingers on a human hand</label>
  <numericalresponse answer="5"><formulaequationinput/></numericalresponse>
</problem>`,
  },
  {
    name: "numerical inputs with hints and demand hints",
    markdown: ">>text1<<\n= 1   {{ hint1  }}\n|| hintA ||\n>>text2<<\n= 2 {{ hint2 }}\n\n|| hintB ||\n",
    olx: `<problem><label>text1</label><numericalresponse answer="1"><formulaequationinput/><correcthint>hint1</correcthint></numericalresponse><label>text2</label><numericalresponse answer="2"><formulaequationinput/><correcthint>hint2</correcthint></numericalresponse><demandhint><hint>hintA</hint><hint>hintB</hint></demandhint></problem>`,
  },
  {
    name: "hints spanning several lines",
    markdown: `>>Checkboxes<<

[x] A {{
selected:  aaa  },
{unselected:bbb}}
[ ] B {{U: c}, {
selected: d.}}

{{ ((A*B)) A*B hint}}

>>What is 1 + 1?<<
= 2  {{ part one, and
        part two
     }}

>>hello?<<
= hello {{
hello
hint
}}

>>multiple choice<<
(x) AA{{hint1}}
() BB    {{
     hint2
}}
( )  CC  {{ hint3
}}

>>dropdown<<
[[
   W1  {{
    no }}
   W2\t                  {{
   nope}}
   (C1)\t {{ yes
    }}
]]

|| aaa ||
||bbb||
||       ccc      ||
`,
    olx: `<problem>
  <label>Checkboxes</label>
  <choiceresponse><checkboxgroup>
    <choice correct="true">A <choicehint selected="true">aaa</choicehint><choicehint selected="false">bbb</choicehint></choice>
    <choice correct="false">B <choicehint selected="true">d.</choicehint><choicehint selected="false">c</choicehint></choice>
    <compoundhint value="A*B">A*B hint</compoundhint>
  </checkboxgroup></choiceresponse>
  <label>What is 1 + 1?</label>
  <numericalresponse answer="2"><formulaequationinput/><correcthint>part one, and part two</correcthint></numericalresponse>
  <label>hello?</label>
  <stringresponse answer="hello" type="ci"><correcthint>hello hint</correcthint><textline size="20"/></stringresponse>
  <label>multiple choice</label>
  <multiplechoiceresponse><choicegroup type="MultipleChoice">
    <choice correct="true">AA <choicehint>hint1</choicehint></choice>
    <choice correct="false">BB <choicehint>hint2</choicehint></choice>
    <choice correct="false">CC <choicehint>hint3</choicehint></choice>
  </choicegroup></multiplechoiceresponse>
  <label>dropdown</label>
  <optionresponse><optioninput>
    <option correct="False">W1 <optionhint>no</optionhint></option>
    <option correct="False">W2 <optionhint>nope</optionhint></option>
    <option correct="True">C1 <optionhint>yes</optionhint></option>
  </optioninput></optionresponse>
  <demandhint><hint>aaa</hint><hint>bbb</hint><hint>ccc</hint></demandhint>
</problem>`,
  },
  {
    name: "unicode",
    markdown: ">>á and Ø<<\n\n(x) Ø{{Ø}}\n() BB\n\n|| Ø ||\n",
    olx: `<problem><multiplechoiceresponse><label>á and Ø</label><choicegroup type="MultipleChoice"><choice correct="true">Ø <choicehint>Ø</choicehint></choice><choice correct="false">BB</choice></choicegroup></multiplechoiceresponse><demandhint><hint>Ø</hint></demandhint></problem>`,
  },
  {
    name: "quote characters",
    markdown: ">>\"quotes\" aren't `fun`<<\n() \"hello\" {{ isn't }}\n(x) \"isn't\"  {{ \"hello\" }}\n",
    olx: `<problem><multiplechoiceresponse><label>"quotes" aren't \`fun\`</label><choicegroup type="MultipleChoice"><choice correct="false">"hello" <choicehint>isn't</choicehint></choice><choice correct="true">"isn't" <choicehint>"hello"</choicehint></choice></choicegroup></multiplechoiceresponse></problem>`,
  },
  {
    name: "almost but not quite multiple choice",
    markdown: ">>q1<<\nthis (x)\n() a  {{ (hint) }}\n(x) b\nthat (y)",
    olx: `<problem><multiplechoiceresponse><label>q1</label><p>this (x)</p><choicegroup type="MultipleChoice"><choice correct="false">a <choicehint>(hint)</choicehint></choice><choice correct="true">b</choice></choicegroup><p>that (y)</p></multiplechoiceresponse></problem>`,
  },
  {
    name: "almost but not quite checkboxes: an unrecognized hint passes through",
    markdown: ">>q1<<\nthis [x]\n[ ] a [square]\n[x] b {{ this hint passes through }}\nthat []",
    olx: `<problem><choiceresponse><label>q1</label><p>this [x]</p><checkboxgroup><choice correct="false">a [square]</choice><choice correct="true">b {{ this hint passes through }}</choice></checkboxgroup><p>that []</p></choiceresponse></problem>`,
  },
  {
    name: "DOS line endings",
    markdown: ">>q22<<\n\n[[\n   (x) {{ hintx\n       these\n       span\n       }}\n\n   yy\t                 {{ meh::hinty }}\n   zzz\t{{ hintz }}\n]]".replace(/\n/g, "\r\n"),
    olx: `<problem><optionresponse><label>q22</label><optioninput><option correct="True">x <optionhint>hintx these span</optionhint></option><option correct="False">yy <optionhint label="meh">hinty</optionhint></option><option correct="False">zzz <optionhint>hintz</optionhint></option></optioninput></optionresponse></problem>`,
  },
];
