/** Parse a JSON column; a corrupt value is a bug worth a loud error with the column's name. */
export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`corrupt JSON in ${what}`);
  }
}
