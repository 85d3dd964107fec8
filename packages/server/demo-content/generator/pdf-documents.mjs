import { Flow, PAGE, PdfPage, decoratePage, writePdf } from './pdf.mjs';

// The text of the demo PDFs: a numeracy worksheet for learners and a pocket
// guide for teachers. Short, printable, and correct.

const FOOTER =
  'Satchel demo content. CC0-1.0 (public domain): copy, adapt and share freely. Satchel project.';

function document(title, colour, pageBuilders) {
  const pages = pageBuilders.map((build, i) => {
    const page = new PdfPage();
    decoratePage(page, { title, colour, pageNumber: i + 1, pageCount: pageBuilders.length, footer: FOOTER });
    build(page, new Flow(page, { top: PAGE.height - 90 }));
    return page;
  });
  return pages;
}

/** A number line from 0 to 20 with ticks and labels, and arrows showing "count on" from `from` by `by`. */
function numberLine(page, y, from, by) {
  const left = 70;
  const step = 22.5;
  page.line(left, y, left + 20 * step, y, { lineWidth: 1.5 });
  for (let n = 0; n <= 20; n++) {
    const x = left + n * step;
    page.line(x, y - 5, x, y + 5, { lineWidth: n % 5 === 0 ? 1.5 : 0.8 });
    page.text(x - (n < 10 ? 3 : 6), y - 18, String(n), { size: 9 });
  }
  for (let i = 0; i < by; i++) {
    const x = left + (from + i) * step;
    page.rect(x + 3, y + 9, step - 6, 8, { fill: '#f59e0b' });
  }
  page.rect(left + from * step - 4, y - 4, 8, 8, { fill: '#1d4ed8' });
}

export function addingWorksheet() {
  const pages = document('Adding within 20: practice sheet', '#1d4ed8', [
    (page, flow) => {
      flow.heading('Counting on');
      flow.para(
        'To add 8 + 5, start at the bigger number, 8. Then count on 5 more: 9, 10, 11, 12, 13. So 8 + 5 = 13.',
      );
      flow.para('Put your finger on 8 on the number line. Jump 5 times. Where do you land?');
      numberLine(page, flow.y - 40, 8, 5);
      flow.gap(80);
      flow.heading('Make ten');
      flow.para('Ten is a friendly number. Split the smaller number to make ten first:');
      flow.para('8 + 5  =  8 + 2 + 3  =  10 + 3  =  13', { bold: true, indent: 24, size: 13 });
      flow.para('9 + 6  =  9 + 1 + 5  =  10 + 5  =  15', { bold: true, indent: 24, size: 13 });
      flow.heading('Turn it around');
      flow.para(
        '3 + 9 gives the same answer as 9 + 3. Start with the bigger number: it is faster to count on 3 than to count on 9.',
      );
      flow.heading('Doubles');
      flow.para(
        'Learn the doubles: 5 + 5 = 10, 6 + 6 = 12, 7 + 7 = 14, 8 + 8 = 16, 9 + 9 = 18, 10 + 10 = 20. Then 7 + 8 is one more than 7 + 7: 15.',
      );
    },
    (page, flow) => {
      flow.heading('Practise');
      flow.para('Write the answer in the box. Use the number line or make ten.');
      const sums = [
        '6 + 3',
        '7 + 5',
        '9 + 4',
        '8 + 8',
        '11 + 6',
        '13 + 5',
        '5 + 9',
        '10 + 7',
        '4 + 12',
        '14 + 3',
        '6 + 7',
        '15 + 5',
      ];
      const top = flow.y - 30;
      sums.forEach((sum, i) => {
        const col = i % 3;
        const row = Math.floor(i / 3);
        const x = 70 + col * 165;
        const y = top - row * 48;
        page.text(x, y, `${String.fromCharCode(97 + i)})  ${sum} =`, { size: 14 });
        page.rect(x + 92, y - 8, 44, 28, { stroke: '#1d4ed8', lineWidth: 1.2 });
      });
      flow.y = top - 4 * 48;
      flow.heading('Stories');
      flow.para('1. Amina has 9 mangoes. Her brother gives her 6 more. How many mangoes does she have now?');
      flow.para(
        '2. There are 12 children in the shade and 5 children in the sun. How many children are there in all?',
      );
      flow.para(
        '3. Omar walks 7 minutes to the water point and 7 minutes back. How many minutes does he walk?',
      );
      flow.para('4. Make up your own story for 8 + 4 and tell it to a friend.');
    },
    (_page, flow) => {
      flow.heading('Answers');
      flow.para(
        'a) 9   b) 12   c) 13   d) 16   e) 17   f) 18   g) 14   h) 17   i) 16   j) 17   k) 13   l) 20',
        { size: 12 },
      );
      flow.para('Stories: 1. 15 mangoes.  2. 17 children.  3. 14 minutes.  4. 8 + 4 = 12.', { size: 12 });
      flow.heading('For parents and teachers', { color: '#166534' });
      flow.bullets([
        'Let the child explain how they found the answer. "I made ten" and "I counted on" are both good strategies.',
        'Use real objects: stones, bottle tops or beans make every sum concrete.',
        'Mistakes of one (for example 8 + 5 = 12) usually mean the child counted the starting number. Show that the first jump lands on 9.',
        'A few minutes every day helps more than one long session each week.',
      ]);
    },
  ]);
  return writePdf(pages, {
    title: 'Adding within 20: practice sheet',
    author: 'Satchel project',
    subject: 'Early-grade numeracy (Grade 2): addition strategies',
    keywords: 'CC0-1.0; mathematics; addition; grade 2',
    lang: 'en',
  });
}

export function classroomGuide() {
  const green = '#166534';
  const pages = document('Positive classroom management', green, [
    (_page, flow) => {
      flow.heading('A pocket guide for teachers in emergencies', { color: green });
      flow.para(
        'Children who have lived through conflict, displacement or disaster may find it hard to concentrate, may be quiet and withdrawn, or may be restless and angry. These are normal reactions to abnormal events. A calm, predictable and kind classroom is one of the strongest protections we can give them, and it makes learning possible again.',
      );
      flow.heading('Six principles', { color: green });
      flow.bullets([
        'Safety first: a safe space, free of violence and humiliation, where every child is welcome.',
        'Routines: the same start, the same end, a visible plan for the day.',
        'A few clear rules, made with the children and written positively ("We listen when someone speaks").',
        'Praise effort and kindness, specifically and often.',
        'Respond to difficult behaviour calmly, privately and without shame.',
        'Never use physical or humiliating punishment. It harms children and it does not work.',
      ]);
    },
    (_page, flow) => {
      flow.heading('Routines that help', { color: green });
      flow.bullets([
        'Greet each child by name at the door.',
        'Write the plan for the day on the board, with pictures for young children.',
        'Open with a short check-in: "Show me with your thumb how you feel today."',
        'Use one signal for attention, for example a raised hand, and practise it as a game.',
        'Give warnings before changes: "Two more minutes, then we put the books away."',
        'Close the day with something positive: one thing each child learned or enjoyed.',
      ]);
      flow.heading('Making rules together', { color: green });
      flow.para(
        'Ask the class: "What helps us learn well together?" Choose three to five ideas, write them as things to do, and display them. Refer to them often, and praise children who follow them.',
      );
    },
    (_page, flow) => {
      flow.heading('When behaviour is difficult', { color: green });
      flow.bullets([
        'Stay calm. Your calm voice and body help the child calm down.',
        'Move closer, make eye contact, use a quiet reminder of the rule.',
        'Offer a choice: "You can work here, or at the table by the window."',
        'Talk privately later: "I noticed you were upset. What happened?"',
        'Look for the need behind the behaviour: hunger, tiredness, fear, grief.',
      ]);
      flow.heading('Signs that a child needs more support', { color: green });
      flow.para(
        'Watch for changes that last more than a few weeks: a child who stops speaking or playing, is very aggressive, cannot sleep, or talks about hurting themselves. Do not try to be a counsellor. Listen, reassure, and refer the child to your school focal point or the psychosocial support services in your area.',
      );
    },
    (_page, flow) => {
      flow.heading('Look after yourself too', { color: green });
      flow.para(
        'Teachers in crises carry their own worries. You cannot pour from an empty cup. Rest when you can, share the load with colleagues, and keep one small routine that is just for you.',
      );
      flow.heading('Reflect on your week', { color: green });
      flow.bullets([
        'Did I greet every child by name?',
        'Did every child hear something positive about their effort?',
        'Did I follow our routines, even on a difficult day?',
        'Did I respond to difficult behaviour calmly and privately?',
        'Which child do I want to pay more attention to next week?',
        'What did I do to look after myself?',
      ]);
    },
  ]);
  return writePdf(pages, {
    title: 'Positive classroom management: a pocket guide for teachers in emergencies',
    author: 'Satchel project',
    subject: 'Teacher professional development',
    keywords: 'CC0-1.0; teachers; classroom management; psychosocial support',
    lang: 'en',
  });
}
