/** Joins class names, skipping the falsy ones: cx('button', busy && 'button--busy'). */
export function cx(...names: ReadonlyArray<string | false | null | undefined>): string {
  return names.filter((name): name is string => typeof name === 'string' && name !== '').join(' ');
}
