import { endonym } from '../../../i18n/locales.js';
import type { SelectOption } from '../../../ui/index.js';

/**
 * Language choices: the platform's languages, each in its own name, plus the current value when it is
 * not one of them (content made before the platform's list changed must still show its language).
 */
export function languageOptions(locales: readonly string[], current: string, empty?: string): SelectOption[] {
  const tags = [...locales];
  if (current !== '' && !tags.includes(current)) tags.push(current);
  const options: SelectOption[] = tags.map((tag) => ({
    value: tag,
    label: `${endonym(tag)} (${tag})`,
    lang: tag,
  }));
  return empty === undefined ? options : [{ value: '', label: empty }, ...options];
}
