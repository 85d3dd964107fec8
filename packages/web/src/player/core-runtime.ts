// Runtime code from @satchel/core for the player, imported module by module. The package's index also
// re-exports its zod schemas, which a bundler cannot drop (building them is a side effect), so importing
// `@satchel/core` here would add about 130 KB to every lesson. These modules import nothing but types.
export { presentQuiz } from '../../../core/src/assessment/shuffle.js';
export { gradeQuiz } from '../../../core/src/assessment/grading.js';
export { parseNumericInput } from '../../../core/src/assessment/numeric-input.js';
export { uuidv7 } from '../../../core/src/ids/uuid.js';
export {
  ACTOR_HOMEPAGE,
  EXT_COURSE_VERSION,
  EXT_PROGRESS,
  VERBS,
  courseActivityId,
  lessonActivityId,
} from '../../../core/src/xapi/iri.js';
