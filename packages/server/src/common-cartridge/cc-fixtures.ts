// Cartridges for the tests, shaped like what Moodle (CC 1.1, cc_profile QTI) and
// Canvas (CC 1.3, wiki_content/, web_resources/, question_type QTI) export.
import { makeZip } from '../test-support/zip-fixtures.js';

export const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
  8, 6, 0, 0, 0,
]);
export const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n',
);
export const WEBM = new Uint8Array([
  0x1a,
  0x45,
  0xdf,
  0xa3,
  0x9f,
  0x42,
  0x86,
  0x81,
  0x01,
  ...Array.from({ length: 60 }, () => 0),
]);

const field = (label: string, entry: string): string =>
  `<qtimetadatafield><fieldlabel>${label}</fieldlabel><fieldentry>${entry}</fieldentry></qtimetadatafield>`;

const choice = (ident: string, text: string): string =>
  `<response_label ident="${ident}"><material><mattext texttype="text/plain">${text}</mattext></material></response_label>`;

function item(
  ident: string,
  title: string,
  meta: string,
  presentation: string,
  processing: string,
  extra = '',
): string {
  return `<item ident="${ident}" title="${title}"><itemmetadata><qtimetadata>${meta}</qtimetadata></itemmetadata>
<presentation>${presentation}</presentation><resprocessing><outcomes><decvar varname="SCORE" vartype="Decimal" minvalue="0" maxvalue="100"/></outcomes>${processing}</resprocessing>${extra}</item>`;
}

const correctIf = (cond: string, feedback = ''): string =>
  `<respcondition continue="No"><conditionvar>${cond}</conditionvar><setvar action="Set" varname="SCORE">100</setvar>${feedback}</respcondition>`;

/** A Moodle-style QTI assessment: the six CC profiles. */
export const MOODLE_QTI = `<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
<assessment ident="QDB_1" title="Quiz sur le lavage des mains">
<qtimetadata>${field('cc_profile', 'cc.exam.v0p1')}${field('qmd_assessmenttype', 'Examination')}${field('cc_maxattempts', '2')}</qtimetadata>
<section ident="root_section">
${item(
  'q_mc',
  'Quand',
  field('cc_profile', 'cc.multiple_choice.v0p1') + field('cc_weighting', '2'),
  `<material><mattext texttype="text/html">&lt;p&gt;Quand faut-il se laver les mains&amp;nbsp;?&lt;/p&gt;</mattext></material>
<response_lid ident="r1" rcardinality="Single"><render_choice shuffle="No">${choice('a1', 'Avant de manger')}${choice('a2', 'Une fois par semaine')}</render_choice></response_lid>`,
  `${correctIf('<varequal respident="r1" case="Yes">a1</varequal>', '<displayfeedback feedbacktype="Response" linkrefid="correct_fb"/>')}
<respcondition><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_incorrect_fb"/></respcondition>`,
  `<itemfeedback ident="correct_fb"><flow_mat><material><mattext texttype="text/html">Bravo !</mattext></material></flow_mat></itemfeedback>
<itemfeedback ident="general_incorrect_fb"><flow_mat><material><mattext texttype="text/html">Relisez la fiche.</mattext></material></flow_mat></itemfeedback>`,
)}
${item(
  'q_mr',
  'Moments',
  field('cc_profile', 'cc.multiple_response.v0p1'),
  `<material><mattext>Choisissez les bons moments.</mattext></material>
<response_lid ident="r2" rcardinality="Multiple"><render_choice>${choice('b1', 'Après les toilettes')}${choice('b2', 'En dormant')}${choice('b3', 'Avant de cuisiner')}</render_choice></response_lid>`,
  correctIf(
    '<and><varequal respident="r2">b1</varequal><not><varequal respident="r2">b2</varequal></not><varequal respident="r2">b3</varequal></and>',
  ),
)}
${item(
  'q_tf',
  'Eau',
  field('cc_profile', 'cc.true_false.v0p1'),
  `<material><mattext>L'eau seule suffit.</mattext></material>
<response_lid ident="r3" rcardinality="Single"><render_choice>${choice('t', 'Vrai')}${choice('f', 'Faux')}</render_choice></response_lid>`,
  correctIf('<varequal respident="r3">f</varequal>'),
)}
${item(
  'q_fib',
  'Savon',
  field('cc_profile', 'cc.fib.v0p1'),
  `<material><mattext>On se lave les mains avec de l'eau et du ...</mattext></material>
<response_str ident="r4" rcardinality="Single"><render_fib/></response_str>`,
  correctIf(
    '<varequal respident="r4" case="No">savon</varequal><varequal respident="r4" case="No">du savon</varequal>',
  ),
)}
${item(
  'q_pm',
  'Durée',
  field('cc_profile', 'cc.pattern_match.v0p1'),
  `<material><mattext>Combien de temps ?</mattext></material><response_str ident="r5"><render_fib/></response_str>`,
  correctIf('<varsubstring respident="r5" case="No">secondes</varsubstring>'),
)}
${item(
  'q_essay',
  'Pourquoi',
  field('cc_profile', 'cc.essay.v0p1'),
  `<material><mattext>Expliquez pourquoi.</mattext></material><response_str ident="r6"><render_fib rows="5"/></response_str>`,
  '<respcondition><conditionvar><other/></conditionvar></respcondition>',
)}
</section></assessment></questestinterop>`;

/** A Canvas-style QTI assessment: question_type and points_possible metadata. */
export const CANVAS_QTI = `<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
<assessment ident="g_quiz" title="Counting check">
<qtimetadata>${field('cc_maxattempts', 'unlimited')}</qtimetadata>
<section ident="root_section">
${item(
  'c_mc',
  'Question',
  field('question_type', 'multiple_choice_question') + field('points_possible', '1.0'),
  `<material><mattext texttype="text/html">&lt;div&gt;&lt;p&gt;How many fingers on one hand?&lt;/p&gt;&lt;img src="$IMS-CC-FILEBASE$/images/hand.png"&gt;&lt;/div&gt;</mattext></material>
<response_lid ident="response1" rcardinality="Single"><render_choice>${choice('4411', 'Four')}${choice('4412', 'Five')}</render_choice></response_lid>`,
  correctIf('<varequal respident="response1">4412</varequal>'),
)}
${item(
  'c_ma',
  'Question',
  field('question_type', 'multiple_answers_question') + field('points_possible', '3'),
  `<material><mattext>Which are even?</mattext></material>
<response_lid ident="response1" rcardinality="Multiple"><render_choice>${choice('1', 'Two')}${choice('2', 'Three')}${choice('3', 'Four')}</render_choice></response_lid>`,
  correctIf(
    '<and><varequal respident="response1">1</varequal><not><varequal respident="response1">2</varequal></not><varequal respident="response1">3</varequal></and>',
  ),
)}
${item(
  'c_tf',
  'Question',
  field('question_type', 'true_false_question') + field('points_possible', '1'),
  `<material><mattext>Seven is more than five.</mattext></material>
<response_lid ident="response1" rcardinality="Single"><render_choice>${choice('t1', 'True')}${choice('f1', 'False')}</render_choice></response_lid>`,
  correctIf('<varequal respident="response1">t1</varequal>'),
)}
${item(
  'c_sa',
  'Question',
  field('question_type', 'short_answer_question') + field('points_possible', '1'),
  `<material><mattext>Two plus two is ___</mattext></material><response_str ident="response1" rcardinality="Single"><render_fib><response_label ident="answer1" rshuffle="No"/></render_fib></response_str>`,
  correctIf('<varequal respident="response1">four</varequal><varequal respident="response1">4</varequal>'),
)}
${item(
  'c_num',
  'Question',
  field('question_type', 'numerical_question') + field('points_possible', '2'),
  `<material><mattext>Half of nine?</mattext></material><response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str>`,
  correctIf(
    '<or><varequal respident="response1">4.5</varequal><and><vargte respident="response1">4.4</vargte><varlte respident="response1">4.6</varlte></and></or>',
  ),
)}
${item(
  'c_match',
  'Question',
  field('question_type', 'matching_question') + field('points_possible', '2'),
  `<material><mattext>Match the sums.</mattext></material>
<response_lid ident="response_L1"><material><mattext>2 + 2</mattext></material><render_choice>${choice('R1', '4')}${choice('R2', '6')}</render_choice></response_lid>
<response_lid ident="response_L2"><material><mattext>3 + 3</mattext></material><render_choice>${choice('R1', '4')}${choice('R2', '6')}</render_choice></response_lid>`,
  `<respcondition><conditionvar><varequal respident="response_L1">R1</varequal></conditionvar><setvar varname="SCORE" action="Add">50</setvar></respcondition>
<respcondition><conditionvar><varequal respident="response_L2">R2</varequal></conditionvar><setvar varname="SCORE" action="Add">50</setvar></respcondition>`,
)}
${item(
  'c_blanks',
  'Question',
  field('question_type', 'fill_in_multiple_blanks_question'),
  `<material><mattext>Roses are [color1], violets are [color2].</mattext></material><response_lid ident="response_color1"><material><mattext>color1</mattext></material><render_choice>${choice('9', 'red')}</render_choice></response_lid>`,
  correctIf('<varequal respident="response_color1">9</varequal>'),
)}
</section></assessment></questestinterop>`;

function manifest(
  ns: string,
  version: string,
  metadata: string,
  organization: string,
  resources: string,
  comment = '',
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${comment}
<manifest identifier="M_1" xmlns="http://www.imsglobal.org/xsd/${ns}/imscp_v1p1"
  xmlns:lomimscc="http://ltsc.ieee.org/xsd/${ns}/LOM/manifest" xmlns:lom="http://ltsc.ieee.org/xsd/${ns}/LOM/resource"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<metadata><schema>IMS Common Cartridge</schema><schemaversion>${version}</schemaversion>${metadata}</metadata>
<organizations><organization identifier="O_1" structure="rooted-hierarchy"><item identifier="LearningModules">${organization}</item></organization></organizations>
<resources>${resources}</resources>
</manifest>`;
}

/** Moodle 1.1: two sections, a nested sub-section, a page with an image, a PDF, a link, a forum, a quiz, an LTI tool, a lost file. */
export function moodleCartridge(overrides: Record<string, string | Uint8Array> = {}): Uint8Array {
  const imsmanifest = manifest(
    'imsccv1p1',
    '1.1.0',
    `<lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string language="fr">Santé et hygiène</lomimscc:string></lomimscc:title>
<lomimscc:description><lomimscc:string language="fr">Un cours exporté de Moodle.</lomimscc:string></lomimscc:description><lomimscc:language>fr</lomimscc:language></lomimscc:general></lomimscc:lom>`,
    `<item identifier="S1"><title>Semaine 1</title>
  <item identifier="I1" identifierref="RES_PAGE"><title>Introduction</title></item>
  <item identifier="SUB"><title>Lectures</title><item identifier="I2" identifierref="RES_PDF"><title>Fiche</title></item></item>
  <item identifier="I3" identifierref="RES_LINK"><title>OMS</title></item>
  <item identifier="I4" identifierref="RES_FORUM"><title>Forum des nouvelles</title></item>
</item>
<item identifier="S2"><title>Semaine 2</title>
  <item identifier="I5" identifierref="RES_QUIZ"><title>Quiz 1</title></item>
  <item identifier="I6" identifierref="RES_LTI"><title>Outil externe</title></item>
  <item identifier="I7" identifierref="RES_GONE"><title>Document perdu</title></item>
</item>`,
    `<resource identifier="RES_PAGE" type="webcontent" href="resource1/intro.html"><file href="resource1/intro.html"/><file href="resource1/images/hands.png"/></resource>
<resource identifier="RES_PDF" type="webcontent" href="resource2/fiche.pdf"><file href="resource2/fiche.pdf"/></resource>
<resource identifier="RES_LINK" type="imswl_xmlv1p1"><file href="weblink1.xml"/></resource>
<resource identifier="RES_FORUM" type="imsdt_xmlv1p1"><file href="forum1.xml"/></resource>
<resource identifier="RES_QUIZ" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="quiz1/assessment.xml"/></resource>
<resource identifier="RES_LTI" type="imsbasiclti_xmlv1p0"><file href="lti1.xml"/></resource>
<resource identifier="RES_GONE" type="webcontent" href="resource9/perdu.pdf"><file href="resource9/perdu.pdf"/></resource>`,
    '\n<!-- Exported from Moodle -->',
  );
  return makeZip({
    'imsmanifest.xml': imsmanifest,
    'resource1/intro.html':
      '<html><head><title>Introduction</title></head><body><h1>Bienvenue</h1><p><img src="$IMS-CC-FILEBASE$/images/hands.png" alt="Mains"></p></body></html>',
    'resource1/images/hands.png': PNG,
    'resource2/fiche.pdf': PDF,
    'weblink1.xml':
      '<?xml version="1.0"?><webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"><title>OMS</title><url href="https://www.who.int/fr" target="_blank"/></webLink>',
    'forum1.xml':
      '<?xml version="1.0"?><topic xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"><title>Forum des nouvelles</title><text texttype="text/html">&lt;p&gt;Présentez-vous&lt;/p&gt;</text></topic>',
    'quiz1/assessment.xml': MOODLE_QTI,
    'lti1.xml':
      '<?xml version="1.0"?><cartridge_basiclti_link xmlns="http://www.imsglobal.org/xsd/imslticc_v1p0" xmlns:blti="http://www.imsglobal.org/xsd/imsbasiclti_v1p0"><blti:title>Outil externe</blti:title><blti:launch_url>https://tool.example/launch</blti:launch_url></cartridge_basiclti_link>',
    ...overrides,
  });
}

/** Canvas 1.3: wiki page with FILEBASE tokens (raw and encoded), a video, a quiz, an unplaced discussion, course_settings. */
export function canvasCartridge(): Uint8Array {
  const imsmanifest = manifest(
    'imsccv1p3',
    '1.3.0',
    '<lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string>Counting to ten</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom>',
    `<item identifier="m1"><title>Module 1: numbers</title>
  <item identifier="i1" identifierref="wiki1"><title>Welcome</title></item>
  <item identifier="i2" identifierref="video1"><title>Counting video</title></item>
  <item identifier="i3" identifierref="quiz1"><title>Counting check</title></item>
</item>`,
    `<resource identifier="wiki1" type="webcontent" href="wiki_content/welcome.html"><file href="wiki_content/welcome.html"/></resource>
<resource identifier="img1" type="webcontent" href="web_resources/images/abacus.png"><file href="web_resources/images/abacus.png"/></resource>
<resource identifier="video1" type="webcontent" href="web_resources/media/count.webm"><file href="web_resources/media/count.webm"/></resource>
<resource identifier="quiz1" type="imsqti_xmlv1p2/imscc_xmlv1p3/assessment"><file href="quiz1/assessment_qti.xml"/><dependency identifierref="quiz1_meta"/></resource>
<resource identifier="quiz1_meta" type="associatedcontent/imscc_xmlv1p3/learning-application-resource" href="quiz1/assessment_meta.xml"><file href="quiz1/assessment_meta.xml"/></resource>
<resource identifier="settings" type="associatedcontent/imscc_xmlv1p3/learning-application-resource" href="course_settings/canvas_export.txt"><file href="course_settings/course_settings.xml"/><file href="course_settings/canvas_export.txt"/></resource>
<resource identifier="disc1" type="imsdt_xmlv1p3"><file href="disc1.xml"/></resource>`,
    '\n<!-- canvas.instructure.com -->',
  );
  return makeZip({
    'imsmanifest.xml': imsmanifest,
    'wiki_content/welcome.html':
      '<html><head><title>Welcome</title></head><body><p>Count the beads:</p><img src="$IMS-CC-FILEBASE$/images/abacus.png"><a href="%24IMS-CC-FILEBASE%24/media/count.webm">video</a> <a href="$WIKI_REFERENCE$/pages/next">next</a></body></html>',
    'web_resources/images/abacus.png': PNG,
    'web_resources/media/count.webm': WEBM,
    'quiz1/assessment_qti.xml': CANVAS_QTI,
    'quiz1/assessment_meta.xml':
      '<?xml version="1.0"?><quiz identifier="quiz1" xmlns="http://canvas.instructure.com/xsd/cccv1p0"><title>Counting check</title></quiz>',
    'course_settings/course_settings.xml':
      '<?xml version="1.0"?><course identifier="c1" xmlns="http://canvas.instructure.com/xsd/cccv1p0"><title>Counting to ten</title></course>',
    'course_settings/canvas_export.txt':
      'Q: what did the panda say when he was forced out of his natural habitat?\nA: This is un-BEAR-able',
    'disc1.xml':
      '<?xml version="1.0"?><topic xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imsdt_v1p3"><title>Introduce yourself</title><text texttype="text/html">Hello</text></topic>',
  });
}

/** A SCORM 1.2 manifest: not a cartridge. */
export const SCORM_MANIFEST = `<?xml version="1.0"?>
<manifest identifier="scorm1" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="o1"><organization identifier="o1"><title>SCORM course</title><item identifier="i1" identifierref="r1"><title>SCO</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>`;
