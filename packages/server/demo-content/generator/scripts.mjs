// The words of the demo videos and the audio lesson: what the narrator says,
// what each slide shows, and the caption text in every caption language.
// Kept apart from the tools so a translator can work on this file alone.

/** Colours of the slides (dark enough for white text at WCAG AA). */
const BLUE = '0x1d4ed8';
const GREEN = '0x166534';
const TEAL = '0x115e59';
const PURPLE = '0x6b21a8';
const RED = '0xb91c1c';

/**
 * "Let's count to five": narrated in English, captions in English and French.
 * `count` draws that many dots under the title so learners count along.
 */
export const counting = {
  name: 'counting-to-five',
  voice: 'en-us',
  rate: 145,
  lang: 'en',
  slides: [
    {
      bg: BLUE,
      title: "Let's count!",
      lines: ['Say each number out loud.'],
      say: "Hello! Let's count together. Say each number out loud with me.",
      captions: { fr: 'Bonjour ! Comptons ensemble. Dis chaque nombre à voix haute avec moi.' },
    },
    {
      bg: GREEN,
      title: '1  one',
      count: 1,
      say: 'One. One sun in the sky.',
      captions: { fr: 'Un. Un soleil dans le ciel.' },
    },
    {
      bg: TEAL,
      title: '2  two',
      count: 2,
      say: 'Two. Two eyes to see.',
      captions: { fr: 'Deux. Deux yeux pour voir.' },
    },
    {
      bg: PURPLE,
      title: '3  three',
      count: 3,
      say: 'Three. Three wheels on a tricycle.',
      captions: { fr: 'Trois. Trois roues sur un tricycle.' },
    },
    {
      bg: RED,
      title: '4  four',
      count: 4,
      say: 'Four. Four legs on a goat.',
      captions: { fr: 'Quatre. Quatre pattes pour une chèvre.' },
    },
    {
      bg: BLUE,
      title: '5  five',
      count: 5,
      say: 'Five. Five fingers on one hand.',
      captions: { fr: 'Cinq. Cinq doigts sur une main.' },
    },
    {
      bg: GREEN,
      title: '1 2 3 4 5',
      lines: ['Well done!'],
      say: 'Now count again with me: one, two, three, four, five. Well done!',
      captions: { fr: 'Compte encore avec moi : un, deux, trois, quatre, cinq. Bravo !' },
    },
  ],
};

const handwashingSteps = {
  en: [
    [
      'Wash your hands',
      ['Clean hands keep you healthy.'],
      "Clean hands keep you healthy. Let's learn the five steps of handwashing.",
    ],
    ['Step 1: Wet', ['Wet your hands with clean water.'], 'Step one. Wet your hands with clean water.'],
    ['Step 2: Soap', ['Rub soap on your hands.'], 'Step two. Rub soap all over your hands.'],
    [
      'Step 3: Scrub',
      ['Palms, backs, between fingers,', 'under nails: 20 seconds.'],
      'Step three. Scrub your palms, the backs of your hands, between your fingers and under your nails, for twenty seconds.',
    ],
    ['Step 4: Rinse', ['Rinse with clean water.'], 'Step four. Rinse your hands with clean water.'],
    [
      'Step 5: Dry',
      ['Use a clean cloth or air.'],
      'Step five. Dry your hands with a clean cloth, or let them dry in the air.',
    ],
    [
      'When?',
      ['Before eating.', 'After using the toilet.'],
      'Always wash your hands before eating and after using the toilet.',
    ],
  ],
  fr: [
    [
      'Se laver les mains',
      ['Des mains propres, une bonne santé.'],
      'Des mains propres te gardent en bonne santé. Apprenons les cinq étapes du lavage des mains.',
    ],
    [
      'Étape 1 : mouiller',
      ["Mouille tes mains à l'eau propre."],
      "Étape un. Mouille tes mains avec de l'eau propre.",
    ],
    [
      'Étape 2 : savon',
      ['Frotte tes mains avec du savon.'],
      'Étape deux. Frotte du savon sur toutes tes mains.',
    ],
    [
      'Étape 3 : frotter',
      ['Paumes, dos, entre les doigts,', 'sous les ongles : 20 secondes.'],
      'Étape trois. Frotte les paumes, le dos des mains, entre les doigts et sous les ongles, pendant vingt secondes.',
    ],
    ['Étape 4 : rincer', ["Rince à l'eau propre."], "Étape quatre. Rince tes mains à l'eau propre."],
    [
      'Étape 5 : sécher',
      ['Un linge propre ou à l’air libre.'],
      "Étape cinq. Sèche tes mains avec un linge propre, ou laisse-les sécher à l'air.",
    ],
    [
      'Quand ?',
      ['Avant de manger.', 'Après les toilettes.'],
      'Lave-toi toujours les mains avant de manger et après être allé aux toilettes.',
    ],
  ],
  // Slide text in Arabic avoids digits and punctuation at the ends of lines: ffmpeg's
  // drawtext lays lines out left to right, which would move them to the wrong side.
  ar: [
    [
      'اغسل يديك',
      ['اليدان النظيفتان صحة لك'],
      'اليدان النظيفتان تحافظان على صحتك. لنتعلم خطوات غسل اليدين الخمس.',
    ],
    ['الخطوة الأولى', ['بلّل يديك بماء نظيف'], 'الخطوة الأولى. بلّل يديك بماء نظيف.'],
    ['الخطوة الثانية', ['افرك يديك بالصابون'], 'الخطوة الثانية. افرك يديك كلها بالصابون.'],
    [
      'الخطوة الثالثة',
      ['افرك الراحتين والظهر وبين الأصابع', 'وتحت الأظافر لمدة عشرين ثانية'],
      'الخطوة الثالثة. افرك راحتي اليدين وظهرهما وبين الأصابع وتحت الأظافر، لمدة عشرين ثانية.',
    ],
    ['الخطوة الرابعة', ['اشطف يديك بماء نظيف'], 'الخطوة الرابعة. اشطف يديك بماء نظيف.'],
    [
      'الخطوة الخامسة',
      ['جفف يديك بمنشفة نظيفة أو في الهواء'],
      'الخطوة الخامسة. جفف يديك بمنشفة نظيفة، أو اتركهما تجفان في الهواء.',
    ],
    [
      'متى نغسل أيدينا',
      ['قبل الأكل', 'بعد استخدام المرحاض'],
      'اغسل يديك دائما قبل الأكل وبعد استخدام المرحاض.',
    ],
  ],
};

const VOICES = { en: 'en-us', fr: 'fr-fr', ar: 'ar' };
/** Words per minute: espeak-ng's Arabic voice is slow at the default rate. */
const RATES = { en: 150, fr: 150, ar: 165 };
const HANDWASH_BG = [BLUE, TEAL, GREEN, PURPLE, TEAL, GREEN, RED];

/** The handwashing video narrated in `lang`, captioned in `lang` and the other two languages. */
export function handwashing(lang) {
  const others = Object.keys(handwashingSteps).filter((l) => l !== lang);
  return {
    name: `handwashing.${lang}`,
    voice: VOICES[lang],
    rate: RATES[lang],
    lang,
    rtl: lang === 'ar',
    slides: handwashingSteps[lang].map(([title, lines, say], i) => ({
      bg: HANDWASH_BG[i],
      title,
      lines,
      say,
      captions: Object.fromEntries(others.map((o) => [o, handwashingSteps[o][i][2]])),
    })),
  };
}

/**
 * "Calm breathing", an audio lesson: English narration with pauses to breathe,
 * captions in English and French. `pause` is the silence after a line, in seconds.
 */
export const breathing = {
  name: 'calm-breathing',
  voice: 'en-us',
  rate: 135,
  lang: 'en',
  segments: [
    {
      say: 'Welcome. This is a short breathing exercise to help you feel calm.',
      fr: 'Bienvenue. Voici un court exercice de respiration pour t’aider à te sentir calme.',
      pause: 0.8,
    },
    {
      say: 'Sit comfortably, and put one hand on your belly.',
      fr: 'Assieds-toi confortablement et pose une main sur ton ventre.',
      pause: 1.5,
    },
    {
      say: 'Breathe in slowly through your nose. One, two, three, four.',
      fr: 'Inspire lentement par le nez. Un, deux, trois, quatre.',
      pause: 1,
    },
    { say: 'Hold gently. One, two.', fr: 'Retiens doucement. Un, deux.', pause: 0.8 },
    {
      say: 'Breathe out slowly through your mouth. One, two, three, four, five, six.',
      fr: 'Expire lentement par la bouche. Un, deux, trois, quatre, cinq, six.',
      pause: 1.5,
    },
    { say: 'Let us do it again. Breathe in.', fr: 'Recommençons. Inspire.', pause: 3 },
    { say: 'And breathe out.', fr: 'Et expire.', pause: 4 },
    {
      say: 'Notice how your body feels now.',
      fr: 'Remarque comment ton corps se sent maintenant.',
      pause: 1.5,
    },
    {
      say: 'When you feel worried or angry, you can stop and take three slow breaths, just like this. Well done.',
      fr: 'Quand tu te sens inquiet ou en colère, tu peux t’arrêter et respirer lentement trois fois, comme ceci. Bravo.',
      pause: 0.5,
    },
  ],
};
